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
      host: "127.0.0.1",
      port: 6380,
      db: 2,
      password: "pw",
      keyPrefix: "t1",
      ssl: false,
    });
    expect(config.offlineStore).toMatchObject({ type: "postgres", database: "feats", port: 5432, user: "postgres" });
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
});
