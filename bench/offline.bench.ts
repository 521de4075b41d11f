/**
 * get-historical-features against a hand-written DuckDB ASOF join over the same Parquet files, in
 * the same run, then the PostgreSQL store. `npx tsx bench/offline.bench.ts [--scale 0.1]`.
 * Defaults: 10M feature rows (100k entities x 100 hours), 1M entity rows; PostgreSQL 1M x 100k.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import type { DataSourceSpec, EntitySpec, FeatureViewSpec } from "../packages/core/src/definitions/types";
import { DuckDBOfflineStore } from "../packages/core/src/offline/duckdb/duckdb-store";
import { withPostgres } from "../packages/core/src/offline/postgres/pg-client";
import { PostgresOfflineStore } from "../packages/core/src/offline/postgres/postgres-store";
import type { FeatureRequest } from "../packages/core/src/offline/types";

const TARGET_RATIO = 1.5;
const TARGET_SECONDS = 10;
const HOURS = 100;
const START = "2024-01-01 00:00:00+00";

function scaleArgument(): number {
  const at = process.argv.indexOf("--scale");
  const value = at === -1 ? 1 : Number(process.argv[at + 1]);
  if (!(value > 0)) throw new Error("--scale takes a positive number, e.g. --scale 0.1");
  return value;
}

/**
 * Process RSS high-water mark from its start: Linux's VmHWM, reset at the start (clear_refs 5),
 * plus our own samples; where neither is available, getrusage's lifetime peak.
 */
class PeakMemory {
  private peak: number;
  private readonly reset: boolean;
  private readonly timer = setInterval(() => {
    this.peak = Math.max(this.peak, process.memoryUsage.rss());
  }, 20);
  constructor() {
    this.reset = resetHighWater();
    this.peak = process.memoryUsage.rss();
  }
  stop(): number {
    clearInterval(this.timer);
    const kernel = this.reset ? highWater() : process.resourceUsage().maxRSS * 1024;
    return Math.max(this.peak, kernel ?? 0);
  }
}

function resetHighWater(): boolean {
  try {
    writeFileSync("/proc/self/clear_refs", "5");
    return highWater() !== null;
  } catch {
    return false;
  }
}

function highWater(): number | null {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"));
  return match ? Number(match[1]) * 1024 : null;
}

async function timed<T>(run: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await run();
  return [result, (performance.now() - started) / 1000];
}

const common = { description: "", owner: "", tags: {} };
const driver: EntitySpec = { ...common, kind: "entity", name: "driver", joinKeys: ["driver_id"], valueType: "Int64" };

function driverStats(source: DataSourceSpec): FeatureRequest {
  const view: FeatureViewSpec = {
    ...common,
    kind: "featureView",
    name: "driver_hourly_stats",
    entities: ["driver"],
    schema: [
      { name: "conv_rate", dtype: "Float64", description: "", tags: {} },
      { name: "acc_rate", dtype: "Float64", description: "", tags: {} },
      { name: "trips", dtype: "Int64", description: "", tags: {} },
    ],
    entityColumns: [],
    source: source.name,
    ttlSeconds: 86_400,
    online: true,
    offline: true,
  };
  return {
    view,
    source,
    entities: [driver],
    outputPrefix: view.name,
    features: ["conv_rate", "acc_rate", "trips"],
    joinKeyMap: {},
  };
}

/** Feature rows: every entity every hour, with a created timestamp; entity rows at random times. */
async function generateParquet(
  folder: string,
  entities: number,
  entityRows: number,
): Promise<{ features: string; entityFile: string }> {
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  const features = join(folder, "driver_stats.parquet");
  const entityFile = join(folder, "entities.parquet");
  await connection.run(
    `COPY (SELECT d AS driver_id, TIMESTAMPTZ '${START}' + to_hours(h) AS event_timestamp,
            TIMESTAMPTZ '${START}' + to_hours(h) + to_seconds(30) AS created,
            random() AS conv_rate, random() AS acc_rate, (random() * 100)::BIGINT AS trips
          FROM range(${HOURS}) t(h), range(${entities}) e(d)) TO '${features}' (FORMAT parquet)`,
  );
  await connection.run(
    `COPY (SELECT (random() * ${entities})::BIGINT % ${entities} AS driver_id,
            TIMESTAMPTZ '${START}' + to_microseconds((random() * ${HOURS + 10} * 3600e6)::BIGINT) AS event_timestamp,
            (random() < 0.5) AS label, i AS order_id
          FROM range(${entityRows}) t(i)) TO '${entityFile}' (FORMAT parquet)`,
  );
  connection.closeSync();
  instance.closeSync();
  return { features, entityFile };
}

/** What someone would write by hand in DuckDB: one ASOF join, no ttl, no tie-break, no ordering. */
async function handWrittenAsof(features: string, entityFile: string, output: string): Promise<number> {
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  const [, seconds] = await timed(() =>
    connection.run(
      `COPY (SELECT e.*, f.conv_rate, f.acc_rate, f.trips
             FROM read_parquet('${entityFile}') e
             ASOF LEFT JOIN read_parquet('${features}') f
               ON e.driver_id = f.driver_id AND e.event_timestamp >= f.event_timestamp)
       TO '${output}' (FORMAT parquet, COMPRESSION zstd)`,
    ),
  );
  connection.closeSync();
  instance.closeSync();
  return seconds;
}

const ROOT = resolve(import.meta.dirname, "..");
const WHOLE_PROCESS_TARGET = 1.3;

/** The CLI to time: the npm-installed package (PANTRY_BENCH_INSTALL=<folder>, as `pnpm bench startup`) or the dev sources. */
function cliCommand(): { command: string[]; label: string } {
  const installed = process.env.PANTRY_BENCH_INSTALL;
  if (installed)
    return { command: [join(resolve(installed), "node_modules", ".bin", "pantry")], label: "installed package" };
  return { command: ["node", join(ROOT, "apps", "cli", "bin", "pantry.mjs")], label: "dev sources (tsx)" };
}

/** A feature repo over the generated file: the same entity, source and view as the in-process runs. */
function writeRepo(folder: string, features: string): string {
  const repo = join(folder, "repo");
  mkdirSync(repo, { recursive: true });
  writeFileSync(
    join(repo, "feature_store.yaml"),
    `project: offline_bench\nregistry: data/registry.db\nprovider: local\nonline_store: {type: sqlite, path: data/online.db}\noffline_store:\n  type: file\n  allowed_paths: [${JSON.stringify(folder)}]\n`,
  );
  writeFileSync(
    join(repo, "definitions.ts"),
    `import { Entity, FeatureView, FileSource } from "@pantry/sdk";
export const driver = new Entity({ name: "driver", joinKeys: ["driver_id"], valueType: "Int64" });
export const source = new FileSource({ name: "driver_stats", path: ${JSON.stringify(features)}, timestampField: "event_timestamp", createdTimestampColumn: "created" });
export const stats = new FeatureView({ name: "driver_hourly_stats", entities: [driver], ttl: "1d", source,
  schema: [{ name: "conv_rate", dtype: "Float64" }, { name: "acc_rate", dtype: "Float64" }, { name: "trips", dtype: "Int64" }] });
`,
  );
  return repo;
}

/** One whole `pantry get-historical-features` process: wall seconds and its peak RSS (GNU time). */
function wholeProcess(
  command: string[],
  repo: string,
  entityFile: string,
  output: string,
): { seconds: number; peakKiB: number } {
  const args = [
    ...command.slice(1),
    "get-historical-features",
    "--entity-df",
    entityFile,
    "--features",
    "driver_hourly_stats:conv_rate,driver_hourly_stats:acc_rate,driver_hourly_stats:trips",
    "--output",
    output,
  ];
  const started = performance.now();
  const result = spawnSync("/usr/bin/time", ["-f", "%M", command[0] as string, ...args], {
    cwd: repo,
    encoding: "utf8",
  });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`pantry get-historical-features failed: ${result.stderr}`);
  const peakKiB = Number(result.stderr.trim().split("\n").pop());
  return { seconds, peakKiB };
}

/**
 * The whole process, from start to the file written, against the hand-written join in the same
 * rounds. The baseline is the join alone (DuckDB already loaded); the CLI pays node, module
 * loading, the registry, DuckDB's start and the entity file's schema on top.
 */
async function wholeProcessRound(folder: string, features: string, entityFile: string): Promise<void> {
  const { command, label } = cliCommand();
  const repo = writeRepo(folder, features);
  const applied = spawnSync(command[0] as string, [...command.slice(1), "apply"], { cwd: repo, encoding: "utf8" });
  if (applied.status !== 0) throw new Error(`pantry apply failed: ${applied.stderr}`);
  let baseline = Number.POSITIVE_INFINITY;
  let best = { seconds: Number.POSITIVE_INFINITY, peakKiB: 0 };
  for (let round = 0; round < ROUNDS; round++) {
    baseline = Math.min(baseline, await handWrittenAsof(features, entityFile, join(folder, "baseline.parquet")));
    const run = wholeProcess(command, repo, entityFile, join(folder, "cli.parquet"));
    if (run.seconds < best.seconds) best = run;
  }
  const node = spawnSync("/usr/bin/time", ["-f", "%e", "node", "-e", "0"], { encoding: "utf8" });
  const ratio = best.seconds / baseline;
  console.log(
    `whole process (${label}): pantry get-historical-features ${best.seconds.toFixed(2)} s vs hand-written join ${baseline.toFixed(2)} s (best of ${ROUNDS}): ratio ${ratio.toFixed(2)} (target <= ${WHOLE_PROCESS_TARGET}: ${ratio <= WHOLE_PROCESS_TARGET ? "ok" : "MISSED"}); peak RSS of the CLI process ${Math.round(best.peakKiB / 1024)} MiB; node -e 0 took ${node.stderr.trim()} s`,
  );
}

/** Rounds alternate baseline and ours so that machine noise (shared cores) hits both alike. */
const ROUNDS = 3;

function fileSourceFor(path: string): DataSourceSpec {
  return {
    ...common,
    kind: "dataSource",
    type: "file",
    name: "driver_stats",
    path,
    format: "parquet",
    timestampField: "event_timestamp",
    createdTimestampColumn: "created",
    fieldMapping: {},
  };
}

async function ourRetrieval(store: DuckDBOfflineStore, features: string, entityFile: string, output: string) {
  const job = await store.getHistoricalFeatures({
    requests: [driverStats(fileSourceFor(features))],
    entityDf: entityFile,
    fullFeatureNames: false,
    filterByCreatedTimestamp: false,
  });
  return job.toParquet(output);
}

async function duckdbRound(folder: string, scale: number): Promise<void> {
  const entities = Math.round(100_000 * scale);
  const entityRows = Math.round(1_000_000 * scale);
  const [{ features, entityFile }, generateSeconds] = await timed(() => generateParquet(folder, entities, entityRows));
  console.log(
    `generated ${(entities * HOURS).toLocaleString()} feature rows and ${entityRows.toLocaleString()} entity rows in ${generateSeconds.toFixed(1)} s`,
  );
  const store = new DuckDBOfflineStore(folder);
  const memory = new PeakMemory();
  let baseline = Number.POSITIVE_INFINITY;
  let ours = Number.POSITIVE_INFINITY;
  let rows = 0;
  for (let round = 0; round < ROUNDS; round++) {
    baseline = Math.min(baseline, await handWrittenAsof(features, entityFile, join(folder, "baseline.parquet")));
    const [result, seconds] = await timed(() =>
      ourRetrieval(store, features, entityFile, join(folder, "training.parquet")),
    );
    ours = Math.min(ours, seconds);
    rows = result.rows;
  }
  const peak = memory.stop();
  await store.close();
  const ratio = ours / baseline;
  const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MiB`;
  console.log(`duckdb hand-written ASOF join:   ${baseline.toFixed(2)} s (best of ${ROUNDS})`);
  console.log(
    `duckdb get-historical-features:  ${ours.toFixed(2)} s (best of ${ROUNDS}; ${rows.toLocaleString()} rows, ${mb(statSync(join(folder, "training.parquet")).size)} parquet; ttl, created tie-break, input order)`,
  );
  console.log(
    `ratio: ${ratio.toFixed(2)} (target <= ${TARGET_RATIO}${scale === 1 ? `, and < ${TARGET_SECONDS} s` : ""})`,
  );
  console.log(`peak memory (process RSS high-water over these rounds): ${mb(peak)}`);
  // The 2 cores may be shared: the absolute time means little when the machine is busy.
  console.log(`load average during the run: ${loadavg()[0]?.toFixed(1)} (${availableParallelism()} cores)`);
  if (ratio > TARGET_RATIO || (scale === 1 && ours >= TARGET_SECONDS)) process.exitCode = 1;
  await wholeProcessRound(folder, features, entityFile);
  if (process.argv.includes("--whole-process-only")) return;
  await memoryScaling(folder, features, entities, entityRows);
}

/**
 * Peak memory must not grow with the entity table: the same join with 4x and 16x the entity rows.
 * DuckDB's memory limit (offline_store.memory_limit, default 2GB) makes the join spill beyond it.
 * The RSS high-water only rises, so the runs go from small to large.
 */
async function memoryScaling(folder: string, features: string, entities: number, entityRows: number): Promise<void> {
  const figures: string[] = [];
  for (const factor of [4, 16]) {
    const rows = entityRows * factor;
    const entityFile = join(folder, `entities_${factor}.parquet`);
    const instance = await DuckDBInstance.create(":memory:");
    const connection = await instance.connect();
    await connection.run(
      `COPY (SELECT (random() * ${entities})::BIGINT % ${entities} AS driver_id,
              TIMESTAMPTZ '${START}' + to_microseconds((random() * ${HOURS + 10} * 3600e6)::BIGINT) AS event_timestamp,
              (random() < 0.5) AS label, i AS order_id
            FROM range(${rows}) t(i)) TO '${entityFile}' (FORMAT parquet)`,
    );
    connection.closeSync();
    instance.closeSync();
    const store = new DuckDBOfflineStore(folder);
    const memory = new PeakMemory();
    const [, seconds] = await timed(() => ourRetrieval(store, features, entityFile, join(folder, "training.parquet")));
    await store.close();
    figures.push(`${rows.toLocaleString()} rows ${Math.round(memory.stop() / 2 ** 20)} MiB in ${seconds.toFixed(1)} s`);
    rmSync(entityFile, { force: true });
  }
  console.log(`peak memory as the entity table grows (memory_limit 2GB): ${figures.join("; ")}`);
}

async function postgresRound(folder: string, scale: number): Promise<void> {
  const admin = {
    type: "postgres" as const,
    host: "127.0.0.1",
    port: 5432,
    user: "postgres",
    password: null,
    schema: "public",
  };
  const database = `pantry_bench_${Math.random().toString(36).slice(2, 10)}`;
  const entities = Math.round(10_000 * scale);
  const entityRows = Math.round(100_000 * scale);
  await withPostgres({ ...admin, database: "postgres" }, (client) => client.query(`CREATE DATABASE "${database}"`));
  try {
    const config = { ...admin, database };
    await withPostgres(config, async (client) => {
      await client.query(
        `CREATE TABLE driver_stats AS
           SELECT d AS driver_id, TIMESTAMPTZ '${START}' + h * INTERVAL '1 hour' AS event_timestamp,
                  TIMESTAMPTZ '${START}' + h * INTERVAL '1 hour' + INTERVAL '30 seconds' AS created,
                  random() AS conv_rate, random() AS acc_rate, (random() * 100)::bigint AS trips
           FROM generate_series(0, ${HOURS - 1}) h, generate_series(0, ${entities - 1}) d`,
      );
      await client.query("ANALYZE driver_stats");
    });
    const entityFile = join(folder, "pg_entities.parquet");
    const instance = await DuckDBInstance.create(":memory:");
    const connection = await instance.connect();
    await connection.run(
      `COPY (SELECT (random() * ${entities})::BIGINT % ${entities} AS driver_id,
              TIMESTAMPTZ '${START}' + to_microseconds((random() * ${HOURS + 10} * 3600e6)::BIGINT) AS event_timestamp,
              i AS order_id FROM range(${entityRows}) t(i)) TO '${entityFile}' (FORMAT parquet)`,
    );
    connection.closeSync();
    instance.closeSync();
    const store = new PostgresOfflineStore(config);
    const source: DataSourceSpec = {
      ...common,
      kind: "dataSource",
      type: "postgres",
      name: "driver_stats",
      table: "driver_stats",
      query: null,
      timestampField: "event_timestamp",
      createdTimestampColumn: "created",
      fieldMapping: {},
    };
    const [result, seconds] = await timed(async () => {
      const job = await store.getHistoricalFeatures({
        requests: [driverStats(source)],
        entityDf: entityFile,
        fullFeatureNames: false,
        filterByCreatedTimestamp: false,
      });
      return job.toParquet(join(folder, "pg_training.parquet"));
    });
    await store.close();
    console.log(
      `postgres get-historical-features: ${seconds.toFixed(2)} s (${result.rows.toLocaleString()} entity rows x ${(entities * HOURS).toLocaleString()} feature rows)`,
    );
  } finally {
    await withPostgres({ ...admin, database: "postgres" }, (client) =>
      client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`),
    );
  }
}

async function main(): Promise<void> {
  const scale = scaleArgument();
  const folder = mkdtempSync(join(tmpdir(), "pantry-offline-bench-"));
  try {
    await duckdbRound(folder, scale);
    if (!process.argv.includes("--whole-process-only")) await postgresRound(folder, scale);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

await main();
