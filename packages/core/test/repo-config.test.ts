import { describe, expect, it } from "vitest";
import { parseRepoConfig, redactSecrets } from "../src/config/repo-config";

const at = "/repos/model_a/feature_store.yaml";

describe("feature_store.yaml", () => {
  it("reads Feast's format with embedded defaults", () => {
    const config = parseRepoConfig(
      "project: model_a\nprovider: local\nregistry: data/registry.db\nonline_store:\n  type: sqlite\n  path: data/online_store.db\noffline_store:\n  type: file\nentity_key_serialization_version: 3\n",
      at,
    );
    expect(config.project).toBe("model_a");
    expect(config.registry).toEqual({ type: "sqlite", path: "/repos/model_a/data/registry.db" });
    expect(config.onlineStore).toEqual({ type: "sqlite", path: "/repos/model_a/data/online_store.db" });
    expect(config.offlineStore).toEqual({ type: "duckdb", memoryLimit: "2GB" });
    expect(config.warnings).toEqual([]);
  });

  it("takes a PostgreSQL registry as a URL or as Feast's sql map", () => {
    const url = "postgresql://u:secret@127.0.0.1:5432/reg";
    expect(parseRepoConfig(`project: p\nregistry: ${url}\n`, at).registry).toEqual({ type: "postgres", url });
    expect(
      parseRepoConfig(`project: p\nregistry:\n  registry_type: sql\n  path: postgresql+psycopg://u:secret@h/reg\n`, at)
        .registry,
    ).toEqual({
      type: "postgres",
      url: "postgresql://u:secret@h/reg",
    });
  });

  it("reads redis and postgres stores", () => {
    const config = parseRepoConfig(
      'project: p\nonline_store:\n  type: redis\n  connection_string: "127.0.0.1:6380,db=2,password=pw"\n  key_prefix: t1\noffline_store:\n  type: postgres\n  host: 127.0.0.1\n  database: feats\n',
      at,
    );
    expect(config.onlineStore).toEqual({
      type: "redis",
      redisType: "redis",
      nodes: [{ host: "127.0.0.1", port: 6380 }],
      host: "127.0.0.1",
      port: 6380,
      db: 2,
      username: null,
      password: "pw",
      keyPrefix: "t1",
      ssl: false,
      sentinelMaster: null,
      sentinelPassword: null,
    });
    expect(config.offlineStore).toMatchObject({ type: "postgres", database: "feats", port: 5432, user: "postgres" });
  });

  it("reads Feast's redis_cluster and redis_sentinel settings, options included", () => {
    const cluster = parseRepoConfig(
      'project: p\nonline_store:\n  type: redis\n  redis_type: redis_cluster\n  connection_string: "10.0.0.1:7000, 10.0.0.2:7001,10.0.0.3:7002,password=s3cret,ssl=true,skip_full_coverage_check=true"\n',
      at,
    );
    expect(cluster.onlineStore).toMatchObject({
      type: "redis",
      redisType: "redis_cluster",
      nodes: [
        { host: "10.0.0.1", port: 7000 },
        { host: "10.0.0.2", port: 7001 },
        { host: "10.0.0.3", port: 7002 },
      ],
      password: "s3cret",
      ssl: true,
      sentinelMaster: null,
    });
    expect(cluster.warnings).toEqual([]);
    const sentinel = parseRepoConfig(
      'project: p\nonline_store:\n  type: redis\n  redis_type: redis_sentinel\n  sentinel_master: feast-master\n  connection_string: "s1:26379,s2:26379,db=1,username=app,password=pw,sentinel_password=spw"\n',
      at,
    );
    expect(sentinel.onlineStore).toMatchObject({
      redisType: "redis_sentinel",
      nodes: [
        { host: "s1", port: 26379 },
        { host: "s2", port: 26379 },
      ],
      db: 1,
      username: "app",
      password: "pw",
      sentinelMaster: "feast-master",
      sentinelPassword: "spw",
    });
    const defaultMaster = parseRepoConfig(
      "project: p\nonline_store:\n  type: redis\n  redis_type: redis_sentinel\n  connection_string: s1:26379\n",
      at,
    );
    expect(defaultMaster.onlineStore).toMatchObject({ sentinelMaster: "mymaster" });
  });

  it("refuses a bad redis_type, db on a cluster, a hash tag in a cluster's key_prefix; warns about ignored addresses", () => {
    const yaml = (store: string) => parseRepoConfig(`project: p\nonline_store:\n  type: redis\n${store}`, at);
    expect(() => yaml("  redis_type: redis_clustr\n")).toThrow(
      /online_store.redis_type "redis_clustr" is not supported; use redis, redis_cluster or redis_sentinel/,
    );
    expect(() => yaml('  redis_type: redis_cluster\n  connection_string: "h1:7000,db=3"\n')).toThrow(
      /a Redis Cluster has only database 0; remove db=3/,
    );
    expect(() => yaml('  redis_type: redis_cluster\n  connection_string: "h1:7000"\n  key_prefix: "{app}:"\n')).toThrow(
      /key_prefix '\{app\}:' contains '\{' or '\}'/,
    );
    expect(() => yaml('  connection_string: "h1:port,password=secret"\n')).toThrow(
      /connection_string 'h1:port,password=\*\*\*' has an invalid address 'h1:port'; write host:port/,
    );
    expect(yaml("  key_ttl_seconds: 3600\n").warnings).toEqual([
      `${at}: online_store.key_ttl_seconds is not supported and is ignored; online values do not expire (views' ttl still marks old values OUTSIDE_MAX_AGE when served)`,
    ]);
    expect(yaml('  connection_string: "h1:7000,h2:7000"\n').warnings).toEqual([
      `${at}: online_store.connection_string lists 2 addresses but redis_type is redis; only h1:7000 is used (set redis_type: redis_cluster or redis_sentinel)`,
    ]);
  });

  it("bounds DuckDB's memory: offline_store.memory_limit, checked", () => {
    const config = parseRepoConfig("project: p\noffline_store:\n  type: file\n  memory_limit: 512MiB\n", at);
    expect(config.offlineStore).toEqual({ type: "duckdb", memoryLimit: "512MiB" });
    expect(() => parseRepoConfig("project: p\noffline_store:\n  type: file\n  memory_limit: lots\n", at)).toThrow(
      /offline_store.memory_limit 'lots' is not a size; write it like 2GB/,
    );
  });

  it("warns about unknown keys instead of failing", () => {
    const config = parseRepoConfig("project: p\nflux_capacitor: true\n", at);
    expect(config.warnings).toEqual([`${at}: unknown key 'flux_capacitor' is ignored`]);
  });

  it("names the line of malformed YAML and a missing project", () => {
    expect(() => parseRepoConfig("project: [unclosed\n", at)).toThrow(/is not valid YAML \(line \d+, column \d+\)/);
    expect(() => parseRepoConfig("provider: local\n", at)).toThrow(/'project' must be a name/);
  });

  it("never shows secrets back", () => {
    expect(redactSecrets("postgresql://user:hunter2@db:5432/x")).toBe("postgresql://user:***@db:5432/x");
  });

  describe("${ENV_VAR} substitution, as Feast's", () => {
    const saved = { ...process.env };
    const restore = () => {
      for (const key of ["PANTRY_T_HOST", "PANTRY_T_PW", "PANTRY_T_UNSET", "PANTRY_T_EMPTY"]) {
        if (saved[key] === undefined) delete process.env[key];
        else process.env[key] = saved[key];
      }
    };

    it("expands ${VAR} and ${VAR:-default} in values, never in comments, and a value cannot change the YAML", () => {
      process.env.PANTRY_T_HOST = "db.internal";
      process.env.PANTRY_T_PW = "s3cr#t: x";
      process.env.PANTRY_T_EMPTY = "";
      try {
        const config = parseRepoConfig(
          [
            "project: p",
            "# ${PANTRY_T_UNSET} in a comment is never read",
            "offline_store:",
            "  type: postgres",
            "  host: ${PANTRY_T_HOST}",
            '  password: "${PANTRY_T_PW}"',
            "  database: ${PANTRY_T_UNSET:-features}",
            "  user: ${PANTRY_T_EMPTY:-feast}",
            "  port: 5432",
          ].join("\n"),
          at,
        );
        expect(config.offlineStore).toMatchObject({
          type: "postgres",
          host: "db.internal",
          password: "s3cr#t: x",
          database: "features",
          user: "feast",
        });
      } finally {
        restore();
      }
    });

    it("an unset variable is an error naming it and the key", () => {
      delete process.env.PANTRY_T_UNSET;
      expect(() =>
        parseRepoConfig("project: p\nregistry:\n  registry_type: sql\n  path: ${PANTRY_T_UNSET}\n", at),
      ).toThrow(
        `${at}: registry.path uses \${PANTRY_T_UNSET}, but the environment variable PANTRY_T_UNSET is not set; set it, or write \${PANTRY_T_UNSET:-default}`,
      );
      restore();
    });
  });

  it("accepts online_store: null (the default SQLite store) and online_store.outside_max_age", () => {
    const empty = parseRepoConfig("project: p\nonline_store: null\n", at);
    expect(empty.onlineStore).toEqual({ type: "sqlite", path: "/repos/model_a/data/online_store.db" });
    expect(empty.outsideMaxAge).toBe("value");
    expect(empty.warnings).toEqual([]);
    const withheld = parseRepoConfig('project: p\nonline_store:\n  type: redis\n  outside_max_age: "null"\n', at);
    expect(withheld.outsideMaxAge).toBe("null");
    expect(withheld.warnings).toEqual([]);
    expect(() => parseRepoConfig("project: p\nonline_store:\n  outside_max_age: drop\n", at)).toThrow(
      /online_store.outside_max_age must be "value".*or "null".*got "drop"/,
    );
  });
});
