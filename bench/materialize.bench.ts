/**
 * Materialization of 1M entities x 10 features from Parquet (DuckDB offline store) into SQLite and
 * into Redis, rows/s printed beside the offline read alone (what the online write adds); then the
 * same job on the queue engine (batch_engine {type: queue}, 16 partitions) with 1 and 2 real
 * `pantry worker` processes, beside the local engine into the same Redis (the queue's overhead; on
 * 2 cores the second worker shares them with the first and the coordinator).
 * `pnpm bench materialize [-- --scale 0.1]` (or PANTRY_BENCH_SCALE=0.1). Target: <= 20 s per store at scale 1.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { DuckDBInstance } from "@duckdb/node-api";
import type { DataSourceSpec, EntitySpec, FeatureViewSpec, RepoContents } from "../packages/core/src/definitions/types";
import { FeatureStore } from "../packages/core/src/feature-store";
import { InMemoryMaterializationRegistry } from "../packages/core/testing/memory-registry";
import { materialize } from "../packages/core/src/materialization/run-materialization";
import { DuckDBOfflineStore } from "../packages/core/src/offline/duckdb/duckdb-store";
import { RedisOnlineStore } from "../packages/core/src/online/redis-online-store";
import { SqliteOnlineStore } from "../packages/core/src/online/sqlite-online-store";
import type { OnlineStore } from "../packages/core/src/online/types";

const TARGET_SECONDS = 20;
const FEATURES = 10;

function scaleArgument(): number {
  const at = process.argv.indexOf("--scale");
  const value = at === -1 ? Number(process.env.PANTRY_BENCH_SCALE ?? 1) : Number(process.argv[at + 1]);
  if (!(value > 0)) throw new Error("--scale takes a positive number, e.g. --scale 0.1");
  return value;
}

const common = { description: "", owner: "", tags: {} };
const field = (name: string, dtype: "Float64" | "Int64" | "String") => ({ name, dtype, description: "", tags: {} });

function contents(): RepoContents {
  const entity: EntitySpec = { ...common, kind: "entity", name: "user", joinKeys: ["user_id"], valueType: "Int64" };
  const source: DataSourceSpec = {
    ...common,
    kind: "dataSource",
    name: "user_stats_src",
    type: "file",
    path: "user_stats.parquet",
    format: "parquet",
    timestampField: "event_timestamp",
    createdTimestampColumn: null,
    fieldMapping: {},
  };
  // 6 floats, 3 integers, 1 short string: a typical mix.
  const schema = Array.from({ length: FEATURES }, (_, i) =>
    field(`f${i}`, i < 6 ? "Float64" : i < 9 ? "Int64" : "String"),
  );
  const view: FeatureViewSpec = {
    ...common,
    kind: "featureView",
    name: "user_stats",
    entities: ["user"],
    schema,
    entityColumns: [],
    source: source.name,
    ttlSeconds: 0,
    online: true,
    offline: true,
  };
  return {
    project: { name: "bench", ...common },
    entities: [entity],
    dataSources: [source],
    featureViews: [view],
    onDemandFeatureViews: [],
    featureServices: [],
  };
}

async function writeParquet(dir: string, entities: number): Promise<void> {
  const duck = await DuckDBInstance.create(":memory:");
  const connection = await duck.connect();
  const columns = Array.from({ length: FEATURES }, (_, i) =>
    i < 6 ? `random() AS f${i}` : i < 9 ? `(id * ${i + 1} % 1000)::BIGINT AS f${i}` : `'tier_' || (id % 7) AS f${i}`,
  );
  await connection.run(`COPY (
      SELECT id AS user_id, TIMESTAMPTZ '2024-01-01 00:00:00+00' + to_seconds(id % 86400) AS event_timestamp, ${columns.join(", ")}
        FROM range(${entities}) t(id)
    ) TO '${join(dir, "user_stats.parquet")}' (FORMAT parquet)`);
  connection.closeSync();
  duck.closeSync();
}

const TARGET_RATIO = 2;

async function run(
  label: string,
  offline: DuckDBOfflineStore,
  online: OnlineStore,
  entities: number,
  readSeconds: number,
): Promise<number> {
  const started = performance.now();
  const result = await materialize(
    {
      project: "bench",
      contents: contents(),
      offlineStore: offline,
      onlineStore: online,
      registry: new InMemoryMaterializationRegistry(),
    },
    { start: new Date(0), end: new Date("2025-01-01T00:00:00Z") },
  );
  const seconds = (performance.now() - started) / 1000;
  if (result.rowsWritten !== entities)
    throw new Error(`${label}: wrote ${result.rowsWritten} rows, expected ${entities}`);
  const verdict = seconds <= TARGET_SECONDS * (entities / 1_000_000) ? "ok" : "SLOW";
  const ratio = seconds / readSeconds;
  console.log(
    `materialize -> ${label.padEnd(6)} ${entities.toLocaleString("en-US")} entities x ${FEATURES} features: ${seconds.toFixed(2)} s, ${Math.round(entities / seconds).toLocaleString("en-US")} rows/s  [target <= ${((TARGET_SECONDS * entities) / 1_000_000).toFixed(1)} s: ${verdict}]; ${ratio.toFixed(2)}x the offline read [target <= ${TARGET_RATIO}x: ${ratio <= TARGET_RATIO ? "ok" : "MISSED"}]`,
  );
  return seconds;
}

const BIN = resolve(dirname(fileURLToPath(import.meta.url)), "../apps/cli/bin/pantry.mjs");
const PARTITIONS = 16;

/** The bench's view as a feature repo (the workers open it like any repo), on the queue engine. */
const DEFINITIONS = `
import { Entity, FeatureView, FileSource } from "@pantry/sdk";
export const user = new Entity({ name: "user", joinKeys: ["user_id"], valueType: "Int64" });
const source = new FileSource({ name: "user_stats_src", path: "data/user_stats.parquet", timestampField: "event_timestamp" });
export const userStats = new FeatureView({
  name: "user_stats",
  entities: [user],
  ttl: 0,
  source,
  schema: [${Array.from({ length: FEATURES }, (_, i) => `{ name: "f${i}", dtype: "${i < 6 ? "Float64" : i < 9 ? "Int64" : "String"}" }`).join(", ")}],
});
`;

function startWorker(repo: string): { child: ChildProcess; ready: Promise<void> } {
  const child = spawn("node", [BIN, "worker", "--concurrency", "1"], {
    cwd: repo,
    env: { ...process.env, NO_COLOR: "1" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const ready = new Promise<void>((resolveReady, reject) => {
    let text = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes("Pantry worker")) resolveReady();
    });
    child.once("exit", (code) => reject(new Error(`pantry worker exited (${code}) before it was ready:\n${text}`)));
  });
  ready.catch(() => undefined);
  return { child, ready };
}

async function stopWorker(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  await exited;
}

/** The same job on the queue engine with `workers` pantry worker processes; the run starts here. */
async function runOnQueue(repo: string, workers: number, entities: number, localSeconds: number): Promise<void> {
  const children = Array.from({ length: workers }, () => startWorker(repo));
  const store = new FeatureStore({ repoPath: repo });
  try {
    await Promise.all(children.map((c) => c.ready));
    const started = performance.now();
    const result = await store.materialize(new Date(0), new Date("2025-01-01T00:00:00Z"));
    const seconds = (performance.now() - started) / 1000;
    if (result.rowsWritten !== entities)
      throw new Error(`queue: wrote ${result.rowsWritten} rows, expected ${entities}`);
    console.log(
      `materialize -> queue, ${workers} worker${workers > 1 ? "s" : " "} (${PARTITIONS} partitions) ${entities.toLocaleString("en-US")} entities x ${FEATURES} features: ${seconds.toFixed(2)} s, ${Math.round(entities / seconds).toLocaleString("en-US")} rows/s  [${(seconds / localSeconds).toFixed(2)}x the local engine into Redis]`,
    );
  } finally {
    await store.close();
    for (const c of children) await stopWorker(c.child);
  }
}

/** A throwaway repo over the bench's Parquet: SQLite registry, Redis online store, the queue engine. */
async function queueRepo(dir: string, prefix: string, queuePrefix: string): Promise<string> {
  const repo = join(dir, "repo");
  mkdirSync(join(repo, "data"), { recursive: true });
  renameSync(join(dir, "user_stats.parquet"), join(repo, "data", "user_stats.parquet"));
  writeFileSync(
    join(repo, "feature_store.yaml"),
    [
      "project: bench",
      "registry: data/registry.db",
      "online_store:",
      "  type: redis",
      '  connection_string: "127.0.0.1:6379"',
      `  key_prefix: "${prefix}"`,
      "offline_store:",
      "  type: file",
      "batch_engine:",
      "  type: queue",
      "  backend: bullmq",
      `  partitions: ${PARTITIONS}`,
      `  key_prefix: ${queuePrefix}`,
      "",
    ].join("\n"),
  );
  writeFileSync(join(repo, "feature_definitions.ts"), DEFINITIONS);
  const store = new FeatureStore({ repoPath: repo });
  try {
    await store.apply({ actor: "bench" });
  } finally {
    await store.close();
  }
  return repo;
}

async function pullOnly(offline: DuckDBOfflineStore, entities: number): Promise<number> {
  const c = contents();
  const started = performance.now();
  let rows = 0;
  for await (const batch of offline.pullLatest({
    view: c.featureViews[0] as FeatureViewSpec,
    source: c.dataSources[0] as DataSourceSpec,
    entities: c.entities,
    start: new Date(0),
    end: new Date("2025-01-01T00:00:00Z"),
    batchSize: 10_000,
  })) {
    rows += batch.entityKeys.length;
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `baseline: offline read only (DuckDB latest-per-entity -> batches) ${rows.toLocaleString("en-US")} rows: ${seconds.toFixed(2)} s, ${Math.round(entities / seconds).toLocaleString("en-US")} rows/s`,
  );
  return seconds;
}

async function main(): Promise<void> {
  const scale = scaleArgument();
  const entities = Math.max(1000, Math.round(1_000_000 * scale));
  const dir = mkdtempSync(join(tmpdir(), "pantry-bench-materialize-"));
  const prefix = `pantry-bench-${randomUUID()}:`;
  const queuePrefix = `pantry-bench-queue-${randomUUID().slice(0, 8)}`;
  const redis = new RedisOnlineStore({ host: "127.0.0.1", port: 6379, keyPrefix: prefix });
  const sqlite = new SqliteOnlineStore(join(dir, "online.db"));
  const offline = new DuckDBOfflineStore(dir);
  try {
    await writeParquet(dir, entities);
    console.log(
      `machine: ${cpus().length} cores, load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(" ")} (other work on this machine slows every figure)`,
    );
    console.log(
      `${entities.toLocaleString("en-US")} entities x ${FEATURES} features in Parquet (one row each); node ${process.version}`,
    );
    const readSeconds = await pullOnly(offline, entities);
    await run("sqlite", offline, sqlite, entities, readSeconds);
    const localSeconds = await run("redis", offline, redis, entities, readSeconds);
    await redis.deleteProject("bench");
    // `--local-only`: the local engine's figures only (no queue workers).
    if (process.argv.includes("--local-only")) return;
    const repo = await queueRepo(dir, prefix, queuePrefix);
    for (const workers of [1, 2]) {
      await redis.deleteProject("bench");
      await runOnQueue(repo, workers, entities, localSeconds);
    }
  } finally {
    await redis.deleteProject("bench").catch(() => undefined);
    await deleteQueueKeys(queuePrefix).catch(() => undefined);
    await redis.close();
    await sqlite.close();
    await offline.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The queue's keys (`<prefix>:<queue>:...`), removed after the run. */
async function deleteQueueKeys(queuePrefix: string): Promise<void> {
  const cli = (...args: string[]) =>
    spawnSync("redis-cli", ["-h", "127.0.0.1", "-p", "6379", ...args], { encoding: "utf8" }).stdout ?? "";
  const keys = cli("--scan", "--pattern", `${queuePrefix}:*`)
    .split("\n")
    .filter((k) => k !== "");
  for (let i = 0; i < keys.length; i += 500) cli("DEL", ...keys.slice(i, i + 500));
}

await main();
