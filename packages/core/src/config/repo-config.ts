/**
 * feature_store.yaml, in Feast's format as it is. Parsed once at the edge into RepoConfig;
 * unknown keys produce warnings, never a crash.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { parse as parseYaml, YAMLParseError } from "yaml";
import { PantryError } from "../errors";
import { redactSecrets } from "../redact";
import { parseTtl } from "../definitions/ttl";

export type RegistryConfig = { type: "sqlite"; path: string } | { type: "postgres"; url: string };

export type OnlineStoreConfig = ({ type: "sqlite"; path: string } | RedisOnlineStoreConfig) & {
  /** `online_store.cache`: the feature server's in-process read cache; absent or null = off. */
  cache?: OnlineCacheConfig | null;
};

export interface OnlineCacheConfig {
  maxEntries: number;
  ttlMs: number;
}

export const DEFAULT_ONLINE_CACHE: OnlineCacheConfig = { maxEntries: 100_000, ttlMs: 60_000 };

/** Feast's `redis_type`: one Redis, a Redis Cluster, or a master found through Redis Sentinel. */
export type RedisType = "redis" | "redis_cluster" | "redis_sentinel";

export interface RedisOnlineStoreConfig {
  type: "redis";
  redisType: RedisType;
  /** Every address of connection_string: the server, the cluster's startup nodes, or the sentinels. */
  nodes: { host: string; port: number }[];
  /** The first address (the server for plain Redis). */
  host: string;
  port: number;
  db: number;
  username: string | null;
  password: string | null;
  keyPrefix: string;
  ssl: boolean;
  /** redis_sentinel: the monitored master's name (Feast's `sentinel_master`, default "mymaster"). */
  sentinelMaster: string | null;
  /** redis_sentinel: the sentinels' own password (`sentinel_password=` in connection_string), if they have one. */
  sentinelPassword: string | null;
}

export type OfflineStoreConfig =
  | {
      type: "duckdb";
      /** DuckDB's memory limit ("2GB"): joins larger than this spill to disk instead of growing. */
      memoryLimit: string;
    }
  | {
      type: "postgres";
      host: string;
      port: number;
      database: string;
      user: string;
      password: string | null;
      schema: string;
      /**
       * Every source read runs in a READ ONLY transaction cut after this many ms (statement_timeout;
       * default DEFAULT_STATEMENT_TIMEOUT_MS, 0: none).
       */
      statementTimeoutMs?: number;
    };

/**
 * Feast's `batch_engine`: where materialization runs. local (the default): in the process that
 * starts the run. queue: the run is split into partitions (entity-key hash ranges per view) put on
 * a job queue, which `pantry worker` processes take (materialization/queue).
 */
export type BatchEngineConfig = { type: "local" } | QueueBatchEngineConfig;

export interface QueueBatchEngineConfig {
  type: "queue";
  backend: "bullmq";
  /** Partitions per view (entity-key hash ranges). */
  partitions: number;
  /** The Redis holding the queue: batch_engine.connection_string, else the online store's. */
  redis: RedisOnlineStoreConfig;
  /** Prefix of the queue's Redis keys (`<key_prefix>:<queue>:...`). */
  keyPrefix: string;
  /** The queue's name before the project's (`<queue_name>-<project>`). */
  queueName: string;
  /**
   * How long a partition stays with a worker that stopped answering (lock duration and stalled
   * check interval) before another worker retries it.
   */
  visibilityTimeoutMs: number;
  /** Retries of a partition whose worker died or lost Redis (not of a partition that failed on its data). */
  maxAttempts: number;
}

export const DEFAULT_QUEUE_PARTITIONS = 16;
export const DEFAULT_VISIBILITY_TIMEOUT_MS = 30_000;

export interface FeatureServerConfig {
  /** Requests asking for more entity rows than this get HTTP 413. */
  maxEntities: number;
  /** `feature_server.max_push_rows`: /push and /write-to-online-store bodies with more rows get HTTP 413. */
  maxPushRows: number;
  /**
   * `feature_server.max_event_time_skew` (a duration, default 1d): written event timestamps later
   * than now + this are refused (a row stamped in the future could never be replaced).
   */
  maxEventTimeSkewMs: number;
}

export const DEFAULT_MAX_PUSH_ROWS = 10_000;
export const DEFAULT_MAX_EVENT_TIME_SKEW_MS = 86_400_000;

/**
 * Feast's `auth:` key. no_auth (the default): everyone is an admin. token: bearer tokens whose
 * sha256 hashes are listed, with a user name and a role, in a YAML file next to the repo.
 */
export type AuthConfig = { type: "no_auth" } | { type: "token"; tokensFile: string };

export interface RepoConfig {
  project: string;
  provider: string;
  /** Absolute path of the folder holding feature_store.yaml. */
  repoPath: string;
  /** Absolute path of the yaml file itself. */
  configPath: string;
  registry: RegistryConfig;
  onlineStore: OnlineStoreConfig;
  offlineStore: OfflineStoreConfig;
  /**
   * offline_store.allowed_paths, absolute: folders outside the repo whose files sources and saved
   * datasets may use (the repo folder itself is always allowed). See config/allowed-paths.ts.
   */
  allowedPaths: string[];
  featureServer: FeatureServerConfig;
  /**
   * `online_store.outside_max_age`: "value" (default) serves values older than their view's ttl
   * with status OUTSIDE_MAX_AGE, as Feast's Go and Java servers do; "null" withholds them.
   */
  outsideMaxAge: "value" | "null";
  auth: AuthConfig;
  batchEngine: BatchEngineConfig;
  entityKeySerializationVersion: number;
  /** Unknown keys and other things worth telling the user, never fatal. */
  warnings: string[];
}

const KNOWN_TOP_LEVEL = new Set([
  "project",
  "provider",
  "registry",
  "online_store",
  "offline_store",
  "batch_engine",
  "entity_key_serialization_version",
  "feature_server",
  "flags",
  "repo_path",
  "auth",
  "coerce_tz_aware",
  "description",
  "owner",
]);

export function loadRepoConfig(options: { repoPath?: string; configPath?: string } = {}): RepoConfig {
  const configPath = options.configPath
    ? resolve(options.configPath)
    : join(resolve(options.repoPath ?? process.cwd()), "feature_store.yaml");
  if (!existsSync(configPath)) {
    throw new PantryError(
      "NOT_FOUND",
      `no feature_store.yaml at ${configPath}; run this inside a feature repo, pass -c <repo folder>, or create one with 'pantry init <name>'`,
    );
  }
  return parseRepoConfig(readFileSync(configPath, "utf8"), configPath);
}

export function parseRepoConfig(text: string, configPath: string): RepoConfig {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    const where =
      error instanceof YAMLParseError && error.linePos?.[0]
        ? ` (line ${error.linePos[0].line}, column ${error.linePos[0].col})`
        : "";
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new PantryError("INVALID_ARGUMENT", `${configPath} is not valid YAML${where}: ${reason}`);
  }
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    throw new PantryError("INVALID_ARGUMENT", `${configPath} must be a mapping with at least 'project: <name>'`);
  }
  const doc = substituteEnv(raw, configPath, []) as Record<string, unknown>;
  const repoPath = dirname(configPath);
  const warnings: string[] = [];
  for (const key of Object.keys(doc)) {
    if (!KNOWN_TOP_LEVEL.has(key)) warnings.push(`${configPath}: unknown key '${key}' is ignored`);
  }

  const project = doc.project;
  if (typeof project !== "string" || !PROJECT_NAME.test(project)) {
    throw new PantryError(
      "INVALID_ARGUMENT",
      `${configPath}: 'project' must be a name of letters, digits, '_' or '-' (got ${JSON.stringify(project ?? null)})`,
    );
  }

  const featureServer = (doc.feature_server ?? {}) as Record<string, unknown>;
  const maxEntities = featureServer.max_entities;
  const onlineStore = parseOnlineStore(doc.online_store, repoPath, configPath, warnings);
  return {
    project,
    provider: typeof doc.provider === "string" ? doc.provider : "local",
    repoPath,
    configPath,
    registry: parseRegistry(doc.registry, repoPath, configPath),
    onlineStore,
    offlineStore: parseOfflineStore(doc.offline_store, configPath, warnings),
    allowedPaths: parseAllowedPaths(doc.offline_store, repoPath, configPath),
    featureServer: {
      maxEntities: typeof maxEntities === "number" && maxEntities > 0 ? maxEntities : 10_000,
      maxPushRows:
        parsePositiveInteger(featureServer.max_push_rows, "feature_server.max_push_rows", configPath) ??
        DEFAULT_MAX_PUSH_ROWS,
      maxEventTimeSkewMs: parseSkew(featureServer.max_event_time_skew, configPath),
    },
    outsideMaxAge: parseOutsideMaxAge(doc.online_store, configPath),
    auth: parseAuth(doc.auth, repoPath, configPath, warnings),
    batchEngine: parseBatchEngine(doc.batch_engine, onlineStore, configPath, warnings),
    entityKeySerializationVersion:
      typeof doc.entity_key_serialization_version === "number" ? doc.entity_key_serialization_version : 3,
    warnings,
  };
}

const ENV_REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

/**
 * `${VAR}` and `${VAR:-default}` in string values, as Feast expands them. Done on the parsed
 * values, not the text: a comment never needs its variables, and a value holding ':' or '#'
 * (a password) cannot change the YAML's structure. An unset variable without a default is an
 * error naming it and the key.
 */
function substituteEnv(value: unknown, configPath: string, path: string[]): unknown {
  if (typeof value === "string") {
    if (!value.includes("${")) return value;
    return value.replace(ENV_REFERENCE, (_match, name: string, fallback: string | undefined) => {
      const set = process.env[name];
      // As the shell's `:-`: the default stands in for an unset or empty variable.
      if (fallback !== undefined && (set === undefined || set === "")) return fallback;
      if (set !== undefined) return set;
      const key = path.join(".") || "(top level)";
      throw new PantryError(
        "INVALID_ARGUMENT",
        `${configPath}: ${key} uses \${${name}}, but the environment variable ${name} is not set; set it, or write \${${name}:-default}`,
        { key, variable: name },
      );
    });
  }
  if (Array.isArray(value)) return value.map((item, i) => substituteEnv(item, configPath, [...path, String(i)]));
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, substituteEnv(v, configPath, [...path, k])]),
    );
  }
  return value;
}

function parseOutsideMaxAge(value: unknown, configPath: string): "value" | "null" {
  const setting = value && typeof value === "object" ? (value as Record<string, unknown>).outside_max_age : undefined;
  if (setting === undefined || setting === "value") return "value";
  if (setting === null || setting === "null") return "null";
  throw new PantryError(
    "INVALID_ARGUMENT",
    `${configPath}: online_store.outside_max_age must be "value" (serve values older than the ttl, with status OUTSIDE_MAX_AGE) or "null" (withhold them); got ${JSON.stringify(setting)}`,
    { key: "online_store.outside_max_age" },
  );
}

function parsePositiveInteger(value: unknown, key: string, configPath: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "number" && Number.isInteger(value) && value > 0) return value;
  throw new PantryError(
    "INVALID_ARGUMENT",
    `${configPath}: ${key} must be a whole number above 0 (got ${JSON.stringify(value)})`,
    {
      key,
    },
  );
}

function parseSkew(value: unknown, configPath: string): number {
  if (value === undefined || value === null) return DEFAULT_MAX_EVENT_TIME_SKEW_MS;
  const key = "feature_server.max_event_time_skew";
  try {
    if (typeof value !== "string" && typeof value !== "number") throw new Error("not a duration");
    return parseTtl(value, key) * 1000;
  } catch {
    throw new PantryError(
      "INVALID_ARGUMENT",
      `${configPath}: ${key} must be a duration like 1d, 6h or 30m, or a number of seconds (got ${JSON.stringify(value)})`,
      { key },
    );
  }
}

/**
 * Project names: letters, digits, '_' and '-' (never ':', which separates the project from the
 * key in the online stores, so two projects can never share a key prefix).
 */
export const PROJECT_NAME = /^[A-Za-z0-9_][A-Za-z0-9_-]*$/;

/** Throws INVALID_ARGUMENT unless `name` is a valid project name; `where` says where it came from. */
export function checkProjectName(name: unknown, where: string): string {
  if (typeof name !== "string" || name.length > 200 || !PROJECT_NAME.test(name)) {
    throw new PantryError(
      "INVALID_ARGUMENT",
      `${where}: project name ${JSON.stringify(name ?? null)} is not valid; a project name is letters, digits, '_' or '-' (rename the project)`,
      { project: typeof name === "string" ? name : null },
    );
  }
  return name;
}

function resolvePath(repoPath: string, path: string): string {
  return isAbsolute(path) ? path : join(repoPath, path);
}

export function parseRegistryLocation(location: string, repoPath: string): RegistryConfig {
  if (/^postgres(ql)?(\+\w+)?:\/\//.test(location)) {
    return { type: "postgres", url: location.replace(/^postgres(ql)?\+\w+:\/\//, "postgresql://") };
  }
  if (location.startsWith("sqlite:///")) return { type: "sqlite", path: resolvePath(repoPath, location.slice(10)) };
  if (location.startsWith("file:")) return { type: "sqlite", path: resolvePath(repoPath, location.slice(5)) };
  return { type: "sqlite", path: resolvePath(repoPath, location) };
}

function parseRegistry(value: unknown, repoPath: string, configPath: string): RegistryConfig {
  if (value === undefined || value === null) return { type: "sqlite", path: join(repoPath, "data", "registry.db") };
  if (typeof value === "string") return parseRegistryLocation(value, repoPath);
  if (typeof value === "object" && !Array.isArray(value)) {
    const map = value as Record<string, unknown>;
    if (typeof map.path === "string") return parseRegistryLocation(map.path, repoPath);
  }
  throw new PantryError(
    "INVALID_ARGUMENT",
    `${configPath}: 'registry' must be a path (data/registry.db), a postgresql:// URL, or a map with 'path'`,
  );
}

function parseOnlineStore(value: unknown, repoPath: string, configPath: string, warnings: string[]): OnlineStoreConfig {
  const map = (value && typeof value === "object" ? value : {}) as Record<string, unknown>;
  const store = parseOnlineStoreKind(value, map, repoPath, configPath, warnings);
  const cache = parseOnlineCache(map.cache, configPath);
  if (cache && store.type === "redis" && store.redisType === "redis_cluster") {
    // Cluster PUBLISH reaches the other nodes over the cluster bus after the writer's reply, so a
    // cache subscribed elsewhere could serve a value for a moment after a write had returned.
    throw new PantryError(
      "INVALID_ARGUMENT",
      `${configPath}: online_store.cache is not supported with redis_type: redis_cluster (a cluster delivers change notices to other nodes only after the write returns, so a cached value could be served after it changed); remove online_store.cache, or use redis or redis_sentinel`,
      { key: "online_store.cache" },
    );
  }
  return cache ? { ...store, cache } : store;
}

/**
 * `online_store.cache`: `true` (the defaults), or `{max_entries: 100000, ttl: 60s}`; `false`,
 * null or absent: no cache.
 */
function parseOnlineCache(value: unknown, configPath: string): OnlineCacheConfig | null {
  if (value === undefined || value === null || value === false) return null;
  if (value === true) return { ...DEFAULT_ONLINE_CACHE };
  const example = "online_store.cache: {max_entries: 100000, ttl: 60s}";
  if (typeof value !== "object" || Array.isArray(value)) {
    throw new PantryError(
      "INVALID_ARGUMENT",
      `${configPath}: online_store.cache must be true, false or a map like ${example}`,
      {
        key: "online_store.cache",
      },
    );
  }
  const map = value as Record<string, unknown>;
  for (const key of Object.keys(map)) {
    if (key !== "max_entries" && key !== "ttl") {
      throw new PantryError(
        "INVALID_ARGUMENT",
        `${configPath}: unknown key 'online_store.cache.${key}'; the cache takes max_entries and ttl (${example})`,
        { key: `online_store.cache.${key}` },
      );
    }
  }
  const maxEntries =
    parsePositiveInteger(map.max_entries, "online_store.cache.max_entries", configPath) ??
    DEFAULT_ONLINE_CACHE.maxEntries;
  let ttlMs = DEFAULT_ONLINE_CACHE.ttlMs;
  if (map.ttl !== undefined && map.ttl !== null) {
    if (typeof map.ttl !== "string" && typeof map.ttl !== "number") {
      throw new PantryError(
        "INVALID_ARGUMENT",
        `${configPath}: online_store.cache.ttl must be a duration like 60s or 5m`,
        {
          key: "online_store.cache.ttl",
        },
      );
    }
    ttlMs = parseTtl(map.ttl, "online_store.cache.ttl") * 1000;
    if (!(ttlMs > 0)) {
      throw new PantryError(
        "INVALID_ARGUMENT",
        `${configPath}: online_store.cache.ttl must be more than 0 (like 60s)`,
        {
          key: "online_store.cache.ttl",
        },
      );
    }
  }
  return { maxEntries, ttlMs };
}

function parseOnlineStoreKind(
  value: unknown,
  map: Record<string, unknown>,
  repoPath: string,
  configPath: string,
  warnings: string[],
): OnlineStoreConfig {
  const type = typeof value === "string" ? value : typeof map.type === "string" ? map.type : "sqlite";
  if (type === "sqlite") {
    const path = typeof map.path === "string" ? map.path : "data/online_store.db";
    return { type: "sqlite", path: resolvePath(repoPath, path) };
  }
  if (type === "redis") return parseRedis(map, configPath, warnings);
  warnings.push(`${configPath}: online_store type '${type}' is not supported; using sqlite at data/online_store.db`);
  return { type: "sqlite", path: join(repoPath, "data", "online_store.db") };
}

const REDIS_TYPES: readonly RedisType[] = ["redis", "redis_cluster", "redis_sentinel"];
const KNOWN_REDIS_KEYS = new Set([
  "type",
  "cache",
  "redis_type",
  "connection_string",
  "key_prefix",
  "sentinel_master",
  "db",
  "password",
  "key_ttl_seconds",
  "full_scan_for_deletion",
  "outside_max_age",
]);
/** connection_string options Feast passes through to redis-py that mean nothing here. */
const IGNORED_REDIS_OPTIONS = new Set(["skip_full_coverage_check", "decode_responses", "health_check_interval"]);

/**
 * Feast's connection_string, for each redis_type: "host:port,db=0,password=secret,ssl=true"
 * (one Redis), "host1:port1,host2:port2,...,password=secret" (a cluster's startup nodes, or the
 * sentinels). Items with '=' are options, the others addresses, as Feast parses it.
 */
function parseRedis(map: Record<string, unknown>, configPath: string, warnings: string[]): OnlineStoreConfig {
  for (const key of Object.keys(map)) {
    if (!KNOWN_REDIS_KEYS.has(key)) warnings.push(`${configPath}: unknown key 'online_store.${key}' is ignored`);
  }
  if (map.key_ttl_seconds !== undefined && map.key_ttl_seconds !== null) {
    warnings.push(
      `${configPath}: online_store.key_ttl_seconds is not supported and is ignored; online values do not expire (views' ttl still marks old values OUTSIDE_MAX_AGE when served)`,
    );
  }
  const redisType = (map.redis_type ?? "redis") as RedisType;
  if (!REDIS_TYPES.includes(redisType)) {
    throw new PantryError(
      "INVALID_ARGUMENT",
      `${configPath}: online_store.redis_type ${JSON.stringify(map.redis_type)} is not supported; use redis, redis_cluster or redis_sentinel`,
      { key: "online_store.redis_type" },
    );
  }
  const connection = typeof map.connection_string === "string" ? map.connection_string : "localhost:6379";
  const items = connection
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  const opts: Record<string, string> = {};
  const nodes: { host: string; port: number }[] = [];
  for (const item of items) {
    const eq = item.indexOf("=");
    if (eq !== -1) {
      opts[item.slice(0, eq).trim()] = item.slice(eq + 1).trim();
      continue;
    }
    const address = item.replace(/^rediss?:\/\//, "");
    const colon = address.lastIndexOf(":");
    const host = colon === -1 ? address : address.slice(0, colon);
    const port = colon === -1 ? 6379 : Number(address.slice(colon + 1));
    if (host === "" || !Number.isInteger(port) || port <= 0 || port > 65535) {
      throw new PantryError(
        "INVALID_ARGUMENT",
        `${configPath}: online_store.connection_string '${redactSecrets(connection)}' has an invalid address '${item}'; write host:port`,
        { key: "online_store.connection_string" },
      );
    }
    nodes.push({ host, port });
  }
  if (nodes.length === 0) nodes.push({ host: "localhost", port: 6379 });
  for (const key of Object.keys(opts)) {
    if (!["db", "password", "username", "ssl", "sentinel_password"].includes(key) && !IGNORED_REDIS_OPTIONS.has(key)) {
      warnings.push(`${configPath}: online_store.connection_string option '${key}' is ignored`);
    }
  }
  const db = Number(map.db ?? opts.db ?? 0);
  if (!Number.isInteger(db) || db < 0) {
    throw new PantryError("INVALID_ARGUMENT", `${configPath}: redis db '${map.db ?? opts.db}' must be a number >= 0`, {
      key: "online_store.connection_string",
    });
  }
  if (redisType === "redis_cluster" && db !== 0) {
    throw new PantryError(
      "INVALID_ARGUMENT",
      `${configPath}: a Redis Cluster has only database 0; remove db=${db} from online_store.connection_string`,
      { key: "online_store.connection_string" },
    );
  }
  const keyPrefix = typeof map.key_prefix === "string" ? map.key_prefix : "";
  if (redisType === "redis_cluster" && /[{}]/.test(keyPrefix)) {
    throw new PantryError(
      "INVALID_ARGUMENT",
      `${configPath}: online_store.key_prefix '${keyPrefix}' contains '{' or '}'; on a Redis Cluster that would become the hash tag of every key and put them all on one master. Remove the braces`,
      { key: "online_store.key_prefix" },
    );
  }
  if (redisType === "redis" && nodes.length > 1) {
    warnings.push(
      `${configPath}: online_store.connection_string lists ${nodes.length} addresses but redis_type is redis; only ${nodes[0]?.host}:${nodes[0]?.port} is used (set redis_type: redis_cluster or redis_sentinel)`,
    );
  }
  const sentinelMaster =
    redisType === "redis_sentinel"
      ? typeof map.sentinel_master === "string" && map.sentinel_master.trim() !== ""
        ? map.sentinel_master.trim()
        : "mymaster"
      : null;
  const first = nodes[0] as { host: string; port: number };
  return {
    type: "redis",
    redisType,
    nodes,
    host: first.host,
    port: first.port,
    db,
    username: opts.username ?? null,
    password: opts.password ?? (typeof map.password === "string" ? map.password : null),
    keyPrefix,
    ssl: opts.ssl === "true" || opts.ssl === "True" || /^rediss:\/\//.test(items[0] ?? ""),
    sentinelMaster,
    sentinelPassword: redisType === "redis_sentinel" ? (opts.sentinel_password ?? null) : null,
  };
}

const KNOWN_BATCH_ENGINE_KEYS = new Set([
  "type",
  "backend",
  "partitions",
  "connection_string",
  "redis_type",
  "sentinel_master",
  "key_prefix",
  "queue_name",
  "visibility_timeout",
  "max_attempts",
]);

/** batch_engine: {type: local} (default) or {type: queue, backend: bullmq, partitions: 16, ...}. */
function parseBatchEngine(
  value: unknown,
  onlineStore: OnlineStoreConfig,
  configPath: string,
  warnings: string[],
): BatchEngineConfig {
  if (value === undefined || value === null) return { type: "local" };
  if (typeof value !== "string" && (typeof value !== "object" || Array.isArray(value))) {
    throw new PantryError(
      "INVALID_ARGUMENT",
      `${configPath}: batch_engine must be a mapping like {type: local} or {type: queue, backend: bullmq, partitions: 16}`,
      { key: "batch_engine" },
    );
  }
  const map = (typeof value === "object" ? value : {}) as Record<string, unknown>;
  const type = typeof value === "string" ? value : (map.type ?? "local");
  if (type === "local") return { type: "local" };
  if (type !== "queue") {
    throw new PantryError(
      "INVALID_ARGUMENT",
      `${configPath}: batch_engine type ${JSON.stringify(type)} is not supported; use 'local' (in-process, the default) or 'queue' (partitions on a job queue, run by 'pantry worker')`,
      { key: "batch_engine.type" },
    );
  }
  for (const key of Object.keys(map)) {
    if (!KNOWN_BATCH_ENGINE_KEYS.has(key)) warnings.push(`${configPath}: unknown key 'batch_engine.${key}' is ignored`);
  }
  const backend = map.backend ?? "bullmq";
  if (backend !== "bullmq") {
    throw new PantryError(
      "INVALID_ARGUMENT",
      `${configPath}: batch_engine.backend ${JSON.stringify(backend)} is not supported; use 'bullmq' (a queue on Redis)`,
      { key: "batch_engine.backend" },
    );
  }
  const partitions =
    parsePositiveInteger(map.partitions, "batch_engine.partitions", configPath) ?? DEFAULT_QUEUE_PARTITIONS;
  if (partitions > 1024) {
    throw new PantryError(
      "INVALID_ARGUMENT",
      `${configPath}: batch_engine.partitions must be at most 1024 (got ${partitions}); 2-4 per worker core is plenty`,
      { key: "batch_engine.partitions" },
    );
  }
  let redis: RedisOnlineStoreConfig;
  if (map.connection_string !== undefined && map.connection_string !== null) {
    if (typeof map.connection_string !== "string" || map.connection_string.trim() === "") {
      throw new PantryError(
        "INVALID_ARGUMENT",
        `${configPath}: batch_engine.connection_string must be a Redis address like host:6379 (options as in online_store.connection_string)`,
        { key: "batch_engine.connection_string" },
      );
    }
    const parsed = parseRedis(
      {
        type: "redis",
        connection_string: map.connection_string,
        redis_type: map.redis_type,
        sentinel_master: map.sentinel_master,
      },
      configPath,
      [],
    );
    redis = parsed as RedisOnlineStoreConfig;
  } else if (onlineStore.type === "redis") {
    redis = onlineStore;
  } else {
    throw new PantryError(
      "INVALID_ARGUMENT",
      `${configPath}: batch_engine type 'queue' (backend bullmq) needs a Redis for its queue, and the online store is ${onlineStore.type}; set online_store to type redis, or give batch_engine.connection_string: host:6379`,
      { key: "batch_engine.connection_string" },
    );
  }
  const keyPrefix = map.key_prefix ?? "pantry-queue";
  const queueName = map.queue_name ?? "materialize";
  for (const [key, text] of [
    ["key_prefix", keyPrefix],
    ["queue_name", queueName],
  ] as const) {
    if (typeof text !== "string" || !/^[A-Za-z0-9_.-]{1,100}$/.test(text)) {
      throw new PantryError(
        "INVALID_ARGUMENT",
        `${configPath}: batch_engine.${key} ${JSON.stringify(text)} must be letters, digits, '_', '.' or '-' (no ':', which separates the queue's key parts)`,
        { key: `batch_engine.${key}` },
      );
    }
  }
  let visibilityTimeoutMs = DEFAULT_VISIBILITY_TIMEOUT_MS;
  if (map.visibility_timeout !== undefined && map.visibility_timeout !== null) {
    try {
      if (typeof map.visibility_timeout !== "string" && typeof map.visibility_timeout !== "number")
        throw new Error("not a duration");
      visibilityTimeoutMs = parseTtl(map.visibility_timeout, "batch_engine.visibility_timeout") * 1000;
    } catch {
      visibilityTimeoutMs = Number.NaN;
    }
    if (!(visibilityTimeoutMs >= 1000)) {
      throw new PantryError(
        "INVALID_ARGUMENT",
        `${configPath}: batch_engine.visibility_timeout must be a duration of at least 1s, like 30s or 2m (got ${JSON.stringify(map.visibility_timeout)})`,
        { key: "batch_engine.visibility_timeout" },
      );
    }
  }
  const maxAttempts = parsePositiveInteger(map.max_attempts, "batch_engine.max_attempts", configPath) ?? 3;
  return {
    type: "queue",
    backend: "bullmq",
    partitions,
    redis,
    keyPrefix: keyPrefix as string,
    queueName: queueName as string,
    visibilityTimeoutMs,
    maxAttempts,
  };
}

const KNOWN_AUTH_KEYS = new Set(["type", "tokens_file"]);

/** Fails closed: an auth type Pantry cannot enforce is an error, never a silently open repo. */
function parseAuth(value: unknown, repoPath: string, configPath: string, warnings: string[]): AuthConfig {
  if (value === undefined || value === null) return { type: "no_auth" };
  const map = (typeof value === "object" && !Array.isArray(value) ? value : {}) as Record<string, unknown>;
  const type = typeof value === "string" ? value : map.type;
  for (const key of Object.keys(map)) {
    if (!KNOWN_AUTH_KEYS.has(key)) warnings.push(`${configPath}: unknown key 'auth.${key}' is ignored`);
  }
  if (type === "no_auth") return { type: "no_auth" };
  if (type === "token") {
    const file = typeof map.tokens_file === "string" && map.tokens_file.trim() !== "" ? map.tokens_file : "users.yaml";
    return { type: "token", tokensFile: resolvePath(repoPath, file) };
  }
  throw new PantryError(
    "INVALID_ARGUMENT",
    `${configPath}: auth type ${JSON.stringify(type ?? null)} is not supported; use 'no_auth' or 'token' (with tokens_file: users.yaml)`,
    { key: "auth.type" },
  );
}

function parseOfflineStore(value: unknown, configPath: string, warnings: string[]): OfflineStoreConfig {
  const map = (value && typeof value === "object" ? value : {}) as Record<string, unknown>;
  const type = typeof value === "string" ? value : typeof map.type === "string" ? map.type : "file";
  if (type === "file" || type === "duckdb" || type === "dask") {
    return { type: "duckdb", memoryLimit: parseMemoryLimit(map.memory_limit, configPath) };
  }
  if (type === "postgres" || type === "postgresql") {
    return {
      type: "postgres",
      host: String(map.host ?? "127.0.0.1"),
      port: Number(map.port ?? 5432),
      database: String(map.database ?? "postgres"),
      user: String(map.user ?? "postgres"),
      password: typeof map.password === "string" ? map.password : null,
      schema: String(map.db_schema ?? map.schema ?? "public"),
      statementTimeoutMs: parseStatementTimeout(map.statement_timeout, configPath),
    };
  }
  warnings.push(`${configPath}: offline_store type '${type}' is not supported; using file (DuckDB)`);
  return { type: "duckdb", memoryLimit: DEFAULT_DUCKDB_MEMORY_LIMIT };
}

/** offline_store.allowed_paths: a list of folders, relative ones resolved against the repo. */
function parseAllowedPaths(value: unknown, repoPath: string, configPath: string): string[] {
  const list = value && typeof value === "object" ? (value as Record<string, unknown>).allowed_paths : undefined;
  if (list === undefined || list === null) return [];
  const entries = typeof list === "string" ? [list] : list;
  if (!Array.isArray(entries) || entries.some((e) => typeof e !== "string" || e.trim() === "")) {
    throw new PantryError(
      "INVALID_ARGUMENT",
      `${configPath}: offline_store.allowed_paths must be a list of folders (absolute, or relative to the repo), like [/data/features]`,
      { key: "offline_store.allowed_paths" },
    );
  }
  return entries.map((entry: string) => {
    if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(entry.trim())) {
      throw new PantryError(
        "INVALID_ARGUMENT",
        `${configPath}: offline_store.allowed_paths entry '${entry}' is a URL; list local folders only (remote files are not read)`,
        { key: "offline_store.allowed_paths" },
      );
    }
    return resolve(repoPath, entry.trim());
  });
}

/** Default statement_timeout of PostgreSQL source reads (materialization included): 5 minutes. */
export const DEFAULT_STATEMENT_TIMEOUT_MS = 300_000;

/** offline_store.statement_timeout: milliseconds, or a duration like 30s, 5m, 1h; 0 turns it off. */
function parseStatementTimeout(value: unknown, configPath: string): number {
  if (value === undefined || value === null) return DEFAULT_STATEMENT_TIMEOUT_MS;
  if (typeof value === "number" && Number.isInteger(value) && value >= 0) return value;
  const match = /^(\d+)\s*(ms|s|m|h)$/i.exec(String(value).trim());
  if (!match) {
    throw new PantryError(
      "INVALID_ARGUMENT",
      `${configPath}: offline_store.statement_timeout '${String(value)}' is not a duration; write it like 30s, 5m or 1h (or 0 for none)`,
      { key: "offline_store.statement_timeout" },
    );
  }
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[
    (match[2] as string).toLowerCase() as "ms" | "s" | "m" | "h"
  ];
  return Number(match[1]) * unit;
}

/**
 * Measured (pnpm bench offline, 10M feature rows): 2GB keeps peak memory flat from 8M to 16M
 * entity rows at no cost in time; 1GB was 40% slower at 16M.
 */
export const DEFAULT_DUCKDB_MEMORY_LIMIT = "2GB";

function parseMemoryLimit(value: unknown, configPath: string): string {
  if (value === undefined || value === null) return DEFAULT_DUCKDB_MEMORY_LIMIT;
  const text = String(value).trim();
  if (!/^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i.test(text)) {
    throw new PantryError(
      "INVALID_ARGUMENT",
      `${configPath}: offline_store.memory_limit '${text}' is not a size; write it like 2GB or 512MiB`,
      { key: "offline_store.memory_limit" },
    );
  }
  return text;
}

/** For display: postgresql://user:secret@host/db -> postgresql://user:***@host/db (the one helper: ../redact). */
export { redactSecrets } from "../redact";
