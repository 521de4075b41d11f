/**
 * batch_engine {type: queue}: real `pantry worker` processes on the shared Redis (their own key
 * prefix and queue name, removed afterwards), the run started in this process. A worker SIGKILLed
 * mid-partition: another one retries the partition after the visibility timeout, the job succeeds,
 * every online value is right and each view has exactly one interval. A cancel stops every
 * partition; a partition failing on its worker fails the job with the worker's message.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { FeatureStore } from "@pantry/core";
import { freeLoopbackPort } from "@pantry/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, pantry } from "./run-cli";

const DRIVERS = 20_000;
const HOURS = 2;
const PARTITIONS = 4;
const START = new Date("2024-01-01T00:00:00Z");
const END = new Date("2024-01-02T00:00:00Z");

const DEFINITIONS = `
import { Entity, FeatureView, FileSource } from "@pantry/sdk";

export const driver = new Entity({ name: "driver", joinKeys: ["driver_id"], valueType: "Int64" });

const source = new FileSource({
  name: "driver_stats_source",
  path: "data/driver_stats.parquet",
  timestampField: "event_timestamp",
  createdTimestampColumn: "created",
});

export const stats = new FeatureView({
  name: "driver_stats",
  entities: [driver],
  ttl: 0,
  source,
  schema: [{ name: "trips", dtype: "Int64" }, { name: "conv_rate", dtype: "Float64" }],
});

export const lifetime = new FeatureView({
  name: "driver_lifetime",
  entities: [driver],
  ttl: 0,
  source,
  schema: [{ name: "trips", dtype: "Int64" }],
});
`;

/** The newest row per driver: hour HOURS-1, trips d*10+h; driver 1's last hour restated (later created) with trips 7. */
function expectedTrips(driver: number): number {
  return driver === 1 ? 7 : driver * 10 + HOURS - 1;
}

interface WorkerProcess {
  child: ChildProcess;
  output(): string;
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  stop(): Promise<void>;
}

function startWorker(repo: string): WorkerProcess {
  const child = spawn("node", [BIN, "worker", "--concurrency", "1"], {
    cwd: repo,
    env: { ...process.env, NO_COLOR: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let text = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    text += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    text += chunk.toString();
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    child,
    output: () => text,
    async waitFor(pattern, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const match = text.match(pattern);
        if (match) return match;
        if (child.exitCode !== null || child.signalCode !== null)
          throw new Error(`worker exited before ${pattern}:\n${text}`);
        if (Date.now() > deadline) throw new Error(`no ${pattern} within ${timeoutMs} ms:\n${text}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      const killer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await exited;
      clearTimeout(killer);
    },
  };
}

function redisCli(...args: string[]): string {
  return spawnSync("redis-cli", ["-h", "127.0.0.1", "-p", "6379", ...args], { encoding: "utf8" }).stdout.trim();
}

function deleteKeys(pattern: string): void {
  const keys = redisCli("--scan", "--pattern", pattern)
    .split("\n")
    .filter((k) => k !== "");
  for (let i = 0; i < keys.length; i += 500) redisCli("DEL", ...keys.slice(i, i + 500));
}

describe("materialization on the job queue with real pantry worker processes", () => {
  const id = randomUUID().slice(0, 8);
  const onlinePrefix = `pantry-test-queue-${id}:`;
  const queuePrefix = `pantry-test-queue-${id}`;
  const queueName = `materialize-${id}`;
  let workdir: string;
  let repo: string;
  let brokenRepo: string;
  let store: FeatureStore;
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    workdir = mkdtempSync(join(tmpdir(), "pantry-queue-"));
    repo = join(workdir, "repo");
    brokenRepo = join(workdir, "repo-without-data");
    mkdirSync(join(repo, "data"), { recursive: true });
    // One registry for the repo and its copy (a worker on another machine shares the registry).
    const yaml = [
      "project: queue_test",
      "provider: local",
      `registry: ${join(workdir, "registry.db")}`,
      "online_store:",
      "  type: redis",
      '  connection_string: "127.0.0.1:6379"',
      `  key_prefix: "${onlinePrefix}"`,
      "offline_store:",
      "  type: file",
      "batch_engine:",
      "  type: queue",
      "  backend: bullmq",
      `  partitions: ${PARTITIONS}`,
      `  key_prefix: ${queuePrefix}`,
      `  queue_name: ${queueName}`,
      "  visibility_timeout: 3s",
      "  max_attempts: 5",
      "",
    ].join("\n");
    writeFileSync(join(repo, "feature_store.yaml"), yaml);
    writeFileSync(join(repo, "feature_definitions.ts"), DEFINITIONS);
    const duck = await DuckDBInstance.create(":memory:");
    const connection = await duck.connect();
    await connection.run(`
      COPY (
        SELECT d AS driver_id,
               TIMESTAMPTZ '2024-01-01 00:00:00+00' + to_hours(h) AS event_timestamp,
               TIMESTAMPTZ '2024-01-01 00:00:00+00' + to_hours(h) + INTERVAL 5 MINUTE AS created,
               (d * 10 + h)::BIGINT AS trips,
               d / 1000 + h AS conv_rate
          FROM range(1, ${DRIVERS + 1}) t(d), range(0, ${HOURS}) s(h)
        UNION ALL
        SELECT 1, TIMESTAMPTZ '2024-01-01 00:00:00+00' + to_hours(${HOURS - 1}),
               TIMESTAMPTZ '2024-01-01 00:00:00+00' + to_hours(${HOURS - 1}) + INTERVAL 30 MINUTE, 7, 0.5
      ) TO '${join(repo, "data", "driver_stats.parquet").replaceAll("'", "''")}' (FORMAT parquet)`);
    connection.closeSync();
    duck.closeSync();
    cpSync(repo, brokenRepo, { recursive: true, filter: (path) => !path.includes("driver_stats.parquet") });
    store = new FeatureStore({ repoPath: repo });
    await store.apply({ actor: "test" });
  }, 60_000);

  afterAll(async () => {
    for (const worker of workers) await worker.stop();
    await store
      ?.onlineStore()
      .deleteProject("queue_test")
      .catch(() => undefined);
    await store?.close();
    deleteKeys(`${queuePrefix}:*`);
    deleteKeys(`${onlinePrefix}*`);
    if (workdir) rmSync(workdir, { recursive: true, force: true });
  }, 60_000);

  it("a worker SIGKILLed mid-partition: another retries it, the job succeeds, the online store and intervals are exact", async () => {
    const a = startWorker(repo);
    const b = startWorker(repo);
    workers.push(a, b);
    await Promise.all([a.waitFor(/Pantry worker/), b.waitFor(/Pantry worker/)]);

    let jobId = "";
    const run = store.materialize(START, END, { batchSize: 100, onJobCreated: (j) => (jobId = j) });
    run.catch(() => undefined);
    const [, view, partition] = await a.waitFor(/started\s+(\S+) partition (\d+)\/\d+ of job/);
    a.child.kill("SIGKILL");
    const result = await run;

    expect(result.status).toBe("succeeded");
    expect(result.rowsWritten).toBe(2 * DRIVERS);
    expect(a.output()).not.toMatch(new RegExp(`finished\\s+${view} partition ${partition}/`));
    // The killed worker's partition ran again, on the other worker, after the visibility timeout.
    expect(b.output()).toMatch(new RegExp(`started\\s+${view} partition ${partition}/${PARTITIONS} of job ${jobId}`));

    const jobs = (await store.registry()).jobs;
    const job = await jobs.getJob(jobId);
    expect(job?.status).toBe("succeeded");
    expect(job?.rowsWritten).toBe(2 * DRIVERS);
    const progress = JSON.parse(job?.progress ?? "{}") as Record<string, { status: string; rowsWritten: number }>;
    for (const name of ["driver_stats", "driver_lifetime"]) {
      expect(progress[name]).toMatchObject({ status: "succeeded", rowsWritten: DRIVERS });
    }
    // One interval per view, exactly the run's window: no gap, no overlap.
    const intervals = (await jobs.listIntervals("queue_test")).filter((i) => i.jobId === jobId);
    expect(intervals.map((i) => [i.viewName, i.startTs.toISOString(), i.endTs.toISOString()]).sort()).toEqual([
      ["driver_lifetime", START.toISOString(), END.toISOString()],
      ["driver_stats", START.toISOString(), END.toISOString()],
    ]);

    // Every entity's online value is the newest row (the restated one for driver 1).
    for (let first = 1; first <= DRIVERS; first += 5000) {
      const ids = Array.from({ length: Math.min(5000, DRIVERS - first + 1) }, (_, i) => first + i);
      const response = await store.getOnlineFeatures({
        features: ["driver_stats:trips", "driver_lifetime:trips"],
        entityRows: ids.map((driver_id) => ({ driver_id })),
        fullFeatureNames: true,
      });
      const values = response.toDict() as Record<string, unknown[]>;
      const wrong = ids.filter(
        (d, i) =>
          Number(values.driver_stats__trips?.[i]) !== expectedTrips(d) ||
          Number(values.driver_lifetime__trips?.[i]) !== expectedTrips(d),
      );
      expect(wrong.slice(0, 5)).toEqual([]);
    }

    // The next incremental run starts exactly where this one ended.
    const later = new Date(END.getTime() + 3600_000);
    const next = await store.materializeIncremental(later);
    const nextIntervals = (await jobs.listIntervals("queue_test")).filter((i) => i.jobId === next.jobId);
    expect(nextIntervals.map((i) => [i.startTs.toISOString(), i.endTs.toISOString()])).toEqual([
      [END.toISOString(), later.toISOString()],
      [END.toISOString(), later.toISOString()],
    ]);
  }, 180_000);

  it("a cancel reaches every partition: none keeps running, none is left on the queue, no interval", async () => {
    const b = workers[1] as WorkerProcess;
    let jobId = "";
    // Small batches: a partition takes a second or more. The worker is paused (SIGSTOP) the moment it
    // starts one and resumed once the stop flag is up, so the cancel always lands mid-partition.
    const run = store.materialize(START, END, { batchSize: 1, onJobCreated: (j) => (jobId = j) });
    run.catch(() => undefined);
    while (!jobId) await new Promise((r) => setTimeout(r, 10));
    await b.waitFor(new RegExp(`started\\s+\\S+ partition \\d+/\\d+ of job ${jobId}`));
    b.child.kill("SIGSTOP");
    try {
      await store.cancelJob(jobId);
      const flag = `${queuePrefix}:${queueName}-queue_test:pantry-stop:${jobId}`;
      const deadline = Date.now() + 10_000;
      while (redisCli("EXISTS", flag) !== "1" && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    } finally {
      b.child.kill("SIGCONT");
    }
    await expect(run).rejects.toMatchObject({ code: "CANCELLED" });

    const job = await (await store.registry()).jobs.getJob(jobId);
    expect(job?.status).toBe("cancelled");
    const intervals = (await (await store.registry()).jobs.listIntervals("queue_test")).filter(
      (i) => i.jobId === jobId,
    );
    expect(intervals).toEqual([]);
    expect(b.output()).toMatch(
      new RegExp(`stopped\\s+\\S+ partition \\d+/\\d+ of job ${jobId}: materialization job ${jobId} was cancelled`),
    );
    const queueKey = (list: string) => `${queuePrefix}:${queueName}-queue_test:${list}`;
    expect(redisCli("LLEN", queueKey("active"))).toBe("0");
    expect(redisCli("LLEN", queueKey("wait"))).toBe("0");
    const finishedBefore = (
      b.output().match(new RegExp(`finished\\s+\\S+ partition \\d+/\\d+ of job ${jobId}`, "g")) ?? []
    ).length;
    expect(finishedBefore).toBeLessThan(2 * PARTITIONS);
    // Nothing of the cancelled job starts afterwards.
    const lengthAfter = b.output().length;
    await new Promise((r) => setTimeout(r, 1500));
    expect(b.output().slice(lengthAfter)).not.toContain(jobId);
  }, 120_000);

  it("refuses a worker on the local engine, and a run whose queue Redis is down, with clear errors", async () => {
    const local = join(workdir, "repo-local");
    cpSync(repo, local, { recursive: true });
    const yaml = readFileSync(join(local, "feature_store.yaml"), "utf8");
    writeFileSync(join(local, "feature_store.yaml"), yaml.replace(/batch_engine:\n(?: {2}.*\n)*/, ""));
    const refused = pantry(["worker"], local);
    expect(refused.code).toBe(5);
    expect(refused.stderr).toMatch(
      /batch_engine is 'local'.*set batch_engine: \{type: queue, backend: bullmq, partitions: 16\}/,
    );
    expect(refused.stderr).not.toMatch(/^\s+at /m);

    const port = await freeLoopbackPort();
    writeFileSync(
      join(local, "feature_store.yaml"),
      yaml.replace("  visibility_timeout: 3s\n", `  visibility_timeout: 3s\n  connection_string: 127.0.0.1:${port}\n`),
    );
    const down = new FeatureStore({ repoPath: local });
    try {
      const started = Date.now();
      const error = await down.materialize(START, END).then(
        () => null,
        (e: unknown) => e as Error & { code?: string; details?: { jobId?: string } },
      );
      expect(error?.code).toBe("UNAVAILABLE");
      expect(error?.message).toMatch(
        new RegExp(
          `the materialization queue '${queueName}-queue_test' on Redis 127\\.0\\.0\\.1:${port} cannot be reached`,
        ),
      );
      expect(Date.now() - started).toBeLessThan(20_000);
      const job = await (await down.registry()).jobs.getJob(error?.details?.jobId ?? "");
      expect(job?.status).toBe("failed");
    } finally {
      await down.close();
    }
  }, 60_000);

  it("a partition failing on its worker fails the job with the worker's message", async () => {
    for (const worker of workers) await worker.stop();
    // A worker whose machine lacks the data file: its partitions fail on the read.
    const broken = startWorker(brokenRepo);
    workers.push(broken);
    await broken.waitFor(/Pantry worker/);
    let jobId = "";
    const run = store.materialize(START, END, { onJobCreated: (j) => (jobId = j) });
    const error = await run.then(
      () => null,
      (e: unknown) => e as Error & { code?: string },
    );
    expect(error?.message).toMatch(
      /partition \d+\/4 of view 'driver_(stats|lifetime)' failed: .*driver_stats\.parquet/,
    );
    expect(error?.message).not.toMatch(/^\s+at /m);
    const job = await (await store.registry()).jobs.getJob(jobId);
    expect(job?.status).toBe("failed");
    expect(job?.error).toMatch(/partition \d+\/4 of view .* failed/);
    const intervals = (await (await store.registry()).jobs.listIntervals("queue_test")).filter(
      (i) => i.jobId === jobId,
    );
    expect(intervals).toEqual([]);
  }, 120_000);
});
