/**
 * PostgreSQL restarted under a running `pantry worker` (a server of the test's own on a free port,
 * never the shared one; the queue on the shared Redis under its own prefix). During the outage a
 * run started against the registry fails at once with UNAVAILABLE naming the registry, nothing
 * hangs, and the worker keeps running. Once PostgreSQL is back the same worker process takes the
 * next run's partitions by itself and the run succeeds with every row written.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { FeatureStore } from "@pantry/core";
import { type PostgresServerHandle, postgresBinariesPresent, startPostgresServer } from "@pantry/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN } from "./run-cli";

const DRIVERS = 2_000;
const START = new Date("2024-01-01T00:00:00Z");
const MIDDLE = new Date("2024-01-01T01:00:00Z");
const END = new Date("2024-01-02T00:00:00Z");

const DEFINITIONS = `
import { Entity, FeatureView, FileSource } from "@pantry/sdk";
export const driver = new Entity({ name: "driver", joinKeys: ["driver_id"], valueType: "Int64" });
const source = new FileSource({ name: "driver_stats_source", path: "data/driver_stats.parquet", timestampField: "event_timestamp" });
export const stats = new FeatureView({
  name: "driver_stats", entities: [driver], ttl: 0, source,
  schema: [{ name: "trips", dtype: "Int64" }],
});
`;

function redisCli(...args: string[]): string {
  return spawnSync("redis-cli", ["-h", "127.0.0.1", "-p", "6379", ...args], { encoding: "utf8" }).stdout.trim();
}

function deleteKeys(pattern: string): void {
  const keys = redisCli("--scan", "--pattern", pattern)
    .split("\n")
    .filter((k) => k !== "");
  for (let i = 0; i < keys.length; i += 500) redisCli("DEL", ...keys.slice(i, i + 500));
}

describe.runIf(postgresBinariesPresent())("pantry worker while its PostgreSQL registry restarts", () => {
  const id = randomUUID().slice(0, 8);
  const onlinePrefix = `pantry-test-wrestart-${id}:`;
  const queuePrefix = `pantry-test-wrestart-${id}`;
  let postgres: PostgresServerHandle;
  let workdir: string;
  let repo: string;
  let worker: ChildProcess;
  let output = "";
  let exited: Promise<unknown>;

  const waitFor = async (pattern: RegExp, timeoutMs = 60_000): Promise<void> => {
    const deadline = Date.now() + timeoutMs;
    while (!pattern.test(output)) {
      if (worker.exitCode !== null || worker.signalCode !== null) throw new Error(`the worker exited:\n${output}`);
      if (Date.now() > deadline) throw new Error(`no ${pattern} within ${timeoutMs} ms:\n${output}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };

  beforeAll(async () => {
    postgres = await startPostgresServer();
    workdir = mkdtempSync(join(tmpdir(), "pantry-worker-restart-"));
    repo = join(workdir, "repo");
    mkdirSync(join(repo, "data"), { recursive: true });
    writeFileSync(
      join(repo, "feature_store.yaml"),
      [
        "project: worker_restart",
        "provider: local",
        `registry: ${postgres.url("pantry_registry")}`,
        "online_store:",
        "  type: redis",
        '  connection_string: "127.0.0.1:6379"',
        `  key_prefix: "${onlinePrefix}"`,
        "offline_store:",
        "  type: file",
        "batch_engine:",
        "  type: queue",
        "  backend: bullmq",
        "  partitions: 2",
        `  key_prefix: ${queuePrefix}`,
        `  queue_name: materialize-${id}`,
        "  visibility_timeout: 3s",
        "",
      ].join("\n"),
    );
    writeFileSync(join(repo, "feature_definitions.ts"), DEFINITIONS);
    const duck = await DuckDBInstance.create(":memory:");
    const connection = await duck.connect();
    await connection.run(`
      COPY (SELECT d AS driver_id, TIMESTAMPTZ '2024-01-01 00:00:00+00' + to_minutes(m * 30) AS event_timestamp,
                   (d * 100 + m)::BIGINT AS trips
              FROM range(1, ${DRIVERS + 1}) t(d), range(0, 4) s(m))
        TO '${join(repo, "data", "driver_stats.parquet").replaceAll("'", "''")}' (FORMAT parquet)`);
    connection.closeSync();
    duck.closeSync();
    const store = new FeatureStore({ repoPath: repo });
    await store.apply({ actor: "test" });
    await store.close();
    worker = spawn("node", [BIN, "worker", "--concurrency", "1"], {
      cwd: repo,
      env: { ...process.env, NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    worker.stdout?.on("data", (chunk) => (output += chunk));
    worker.stderr?.on("data", (chunk) => (output += chunk));
    exited = new Promise((r) => worker.once("exit", r));
    await waitFor(/Pantry worker/);
  }, 180_000);

  afterAll(async () => {
    if (worker && worker.exitCode === null && worker.signalCode === null) {
      worker.kill("SIGKILL");
      await exited;
    }
    const store = repo ? new FeatureStore({ repoPath: repo }) : null;
    await store
      ?.onlineStore()
      .deleteProject("worker_restart")
      .catch(() => undefined);
    await store?.close().catch(() => undefined);
    deleteKeys(`${queuePrefix}:*`);
    deleteKeys(`${onlinePrefix}*`);
    postgres?.destroy();
    if (workdir) rmSync(workdir, { recursive: true, force: true });
  }, 60_000);

  it("fails runs fast during the outage, keeps the worker alive, and takes the next run once PostgreSQL is back", async () => {
    const first = new FeatureStore({ repoPath: repo });
    const before = await first.materialize(START, MIDDLE);
    expect(before.status).toBe("succeeded");
    await first.close();

    postgres.stop();
    const during = new FeatureStore({ repoPath: repo });
    const started = Date.now();
    const failure = await during.materialize(MIDDLE, END).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: "UNAVAILABLE" });
    // A process opening the registry during the outage: the migrator's check names it and the fix.
    expect(String((failure as Error).message)).toMatch(/registry at postgresql:\/\/postgres@127\.0\.0\.1:\d+\/pantry_registry/);
    expect(String((failure as Error).message)).not.toMatch(/invocation|registry-repository/);
    expect(Date.now() - started).toBeLessThan(20_000);
    await during.close().catch(() => undefined);
    // The worker does not depend on the registry while it waits for work.
    await new Promise((r) => setTimeout(r, 1000));
    expect(worker.exitCode).toBeNull();
    expect(worker.signalCode).toBeNull();

    postgres.start();
    const after = new FeatureStore({ repoPath: repo });
    let jobId = "";
    const result = await after.materialize(MIDDLE, END, { onJobCreated: (j) => (jobId = j) });
    expect(result.status).toBe("succeeded");
    expect(result.rowsWritten).toBe(DRIVERS);
    // The same worker process took the new run's partitions.
    expect(output).toMatch(new RegExp(`started\\s+driver_stats partition \\d+/2 of job ${jobId}`));
    const response = await after.getOnlineFeatures({
      features: ["driver_stats:trips"],
      entityRows: [{ driver_id: 1 }, { driver_id: DRIVERS }],
    });
    expect((response.toDict() as Record<string, unknown[]>).trips?.map(Number)).toEqual([103, DRIVERS * 100 + 3]);
    await after.close();
  }, 180_000);
});
