/**
 * `pantry worker`: takes partitions of this project's materialization jobs from the queue and
 * writes them to the online store. Any number of workers on any machines; a worker that dies
 * (SIGKILL, a lost machine) stops renewing its partition's lock, and after the visibility timeout
 * another worker's stalled check puts the partition back on the queue. Retrying one is safe: the
 * online store's newer-or-equal rule makes a second write of the same rows a no-op in effect.
 */
import { hostname } from "node:os";
import type { Job, Worker } from "bullmq";
import type { QueueBatchEngineConfig } from "../../config/repo-config";
import { isPantryError, PantryError } from "../../errors";
import type { MaterializationBatch, OfflineStore } from "../../offline/types";
import type { OnlineStore } from "../../online/types";
import type { MaterializationRegistry } from "../registry";
import {
  bullmq,
  connectionFor,
  describeQueue,
  encodeFailure,
  type PartitionProgress,
  type PartitionTask,
  queueNameFor,
  stopKey,
} from "./bullmq";

export interface MaterializationWorkerOptions {
  project: string;
  engine: QueueBatchEngineConfig;
  offlineStore: Pick<OfflineStore, "pullLatest">;
  onlineStore: Pick<OnlineStore, "write" | "acceptsEncodedValues">;
  registry: Pick<MaterializationRegistry, "getJob">;
  /** Partitions taken at once by this process (default 1). */
  concurrency?: number;
  onEvent?: (event: MaterializationWorkerEvent) => void;
  /** How often a running partition checks for a stop (cancel, a failed sibling); default 500 ms. */
  stopPollMs?: number;
}

export type MaterializationWorkerEvent =
  | { type: "ready"; worker: string; queue: string; concurrency: number }
  | { type: "started"; task: PartitionLabel; attempt: number }
  | { type: "finished"; task: PartitionLabel; rows: PartitionProgress; ms: number }
  | { type: "failed"; task: PartitionLabel; error: string }
  | { type: "error"; error: string };

/** Which partition, for log lines. */
export interface PartitionLabel {
  jobId: string;
  view: string;
  partition: number;
  partitions: number;
}

export interface RunningMaterializationWorker {
  /** host:pid, as the queue's job records show it. */
  readonly name: string;
  /** Stops taking partitions, waits for the running ones to finish, closes the connections. */
  close(): Promise<void>;
}

const PROGRESS_EVERY_MS = 500;
/** The registry (cancel flag, job status) is asked less often than Redis (the stop flag). */
const REGISTRY_POLL_MS = 2000;

export async function startMaterializationWorker(
  options: MaterializationWorkerOptions,
): Promise<RunningMaterializationWorker> {
  const { engine, project } = options;
  const concurrency = options.concurrency ?? 1;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) {
    throw new PantryError("INVALID_ARGUMENT", `--concurrency must be a whole number from 1 to 64 (got ${concurrency})`);
  }
  const name = `${hostname()}:${process.pid}`;
  const { Worker } = bullmq();
  const queue = queueNameFor(engine, project);
  let worker: Worker<PartitionTask, PartitionProgress> | null = null;
  const processor = (job: Job<PartitionTask, PartitionProgress>) => {
    if (!worker) throw new Error("the worker is not started");
    return processPartition(job, worker, options);
  };
  worker = new Worker<PartitionTask, PartitionProgress>(queue, processor, {
    connection: connectionFor(engine.redis),
    prefix: engine.keyPrefix,
    concurrency,
    name,
    // The visibility timeout: a partition's lock lives this long unless renewed (every half of it);
    // the stalled check, run by every worker this often, puts a partition with a lapsed lock back.
    lockDuration: engine.visibilityTimeoutMs,
    stalledInterval: engine.visibilityTimeoutMs,
    maxStalledCount: engine.maxAttempts,
    autorun: false,
  });
  let lastError = "";
  let ready = false;
  worker.on("error", (error: Error) => {
    // ioredis reports every failed reconnection; say it once per distinct message.
    if (error.message === lastError) return;
    lastError = error.message;
    options.onEvent?.({
      type: "error",
      error: ready
        ? error.message
        : `cannot reach the materialization ${describeQueue(engine, project)} (${error.message}); retrying until it answers`,
    });
  });
  worker.on("failed", (job, error) => {
    if (job) options.onEvent?.({ type: "failed", task: labelOf(job.data), error: error.message });
  });
  try {
    await worker.waitUntilReady();
  } catch (error) {
    await worker.close(true).catch(() => undefined);
    throw new PantryError(
      "UNAVAILABLE",
      `the worker cannot reach the materialization ${describeQueue(engine, project)}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  lastError = "";
  ready = true;
  void worker.run().catch((error: unknown) => {
    options.onEvent?.({ type: "error", error: error instanceof Error ? error.message : String(error) });
  });
  options.onEvent?.({ type: "ready", worker: name, queue, concurrency });
  const running = worker;
  return {
    name,
    close: () => running.close(),
  };
}

function labelOf(task: PartitionTask): PartitionLabel {
  return { jobId: task.jobId, view: task.view.name, partition: task.partition, partitions: task.partitions };
}

async function processPartition(
  job: Job<PartitionTask, PartitionProgress>,
  worker: Worker<PartitionTask, PartitionProgress>,
  options: MaterializationWorkerOptions,
): Promise<PartitionProgress> {
  const { UnrecoverableError } = bullmq();
  const task = job.data;
  const started = Date.now();
  try {
    if (task?.version !== 1) {
      throw new PantryError(
        "FAILED_PRECONDITION",
        `partition ${job.id} was queued by another Pantry version; run the same version everywhere`,
      );
    }
    if (task.project !== options.project) {
      throw new PantryError(
        "FAILED_PRECONDITION",
        `partition ${job.id} belongs to project '${task.project}', but this worker serves '${options.project}'`,
      );
    }
    options.onEvent?.({ type: "started", task: labelOf(task), attempt: job.attemptsStarted });
    const client = await worker.getBackend().client;
    const stop = new StopCheck(
      () => client.get(stopKey(options.engine, options.project, task.jobId)),
      options.registry,
      task.jobId,
      options.stopPollMs ?? PROGRESS_EVERY_MS,
    );
    const result = await writePartition(task, options, stop, (progress) => job.updateProgress(progress));
    options.onEvent?.({ type: "finished", task: labelOf(task), rows: result, ms: Date.now() - started });
    return result;
  } catch (error) {
    // A partition that failed on its data (or was stopped) fails at once; a lost connection or an
    // engine crash is retried (attempts, then the job fails).
    if (isPantryError(error) && error.code !== "UNAVAILABLE") throw new UnrecoverableError(encodeFailure(error));
    throw error instanceof Error ? error : new Error(String(error));
  }
}

/** Stop = the stop flag in Redis, or the job cancelled / finished / gone in the registry. */
class StopCheck {
  private lastRedis = 0;
  private lastRegistry = 0;

  constructor(
    private readonly readFlag: () => Promise<string | null>,
    private readonly registry: Pick<MaterializationRegistry, "getJob">,
    private readonly jobId: string,
    private readonly pollMs: number,
  ) {}

  async throwIfStopped(force = false): Promise<void> {
    const now = Date.now();
    if (force || now - this.lastRedis >= this.pollMs) {
      this.lastRedis = now;
      const flag = await this.readFlag();
      if (flag) throw stopped(this.jobId, flag === "cancelled" ? "was cancelled" : "failed in another partition");
    }
    if (force || now - this.lastRegistry >= Math.max(this.pollMs, REGISTRY_POLL_MS)) {
      this.lastRegistry = now;
      const job = await this.registry.getJob(this.jobId);
      if (!job) throw stopped(this.jobId, "is not in this worker's registry (is the worker on the same registry?)");
      if (job.cancelRequested) throw stopped(this.jobId, "was cancelled");
      if (job.status !== "queued" && job.status !== "running") throw stopped(this.jobId, `is already ${job.status}`);
    }
  }
}

function stopped(jobId: string, why: string): PantryError {
  return new PantryError("CANCELLED", `materialization job ${jobId} ${why}; this partition stopped`, { jobId });
}

/** Reads the partition's latest rows and writes them, one write in flight while the next batch is read. */
async function writePartition(
  task: PartitionTask,
  options: MaterializationWorkerOptions,
  stop: StopCheck,
  report: (progress: PartitionProgress) => Promise<void>,
): Promise<PartitionProgress> {
  const progress: PartitionProgress = { rowsRead: 0, rowsWritten: 0, newestEventTs: null };
  let newest = Number.NEGATIVE_INFINITY;
  let lastReport = 0;
  await stop.throwIfStopped(true);
  const joinKeys = task.joinKeys.map((k) => k.name);
  const write = async (batch: MaterializationBatch) => {
    progress.rowsWritten += await options.onlineStore.write({
      project: task.project,
      view: task.view,
      joinKeys,
      ...batch,
    });
    for (const ts of batch.eventTimestamps) if (ts.getTime() > newest) newest = ts.getTime();
    progress.newestEventTs = Number.isFinite(newest) ? new Date(newest).toISOString() : null;
    if (Date.now() - lastReport >= PROGRESS_EVERY_MS) {
      lastReport = Date.now();
      await report({ ...progress });
    }
  };
  const batches = options.offlineStore
    .pullLatest({
      view: task.view,
      source: task.source,
      entities: task.entities,
      start: task.start ? new Date(task.start) : null,
      end: new Date(task.end),
      batchSize: task.batchSize,
      partition: { index: task.partition, count: task.partitions },
      encodeValues: options.onlineStore.acceptsEncodedValues === true,
    })
    [Symbol.asyncIterator]();
  let inFlight: Promise<void> | null = null;
  try {
    let step = await batches.next();
    while (!step.done) {
      const batch = step.value;
      progress.rowsRead += batch.entityKeys.length;
      if (inFlight) await inFlight;
      await stop.throwIfStopped();
      const upcoming = batches.next();
      upcoming.catch(() => undefined);
      const writing = write(batch);
      writing.catch(() => undefined);
      inFlight = writing;
      step = await upcoming;
    }
    if (inFlight) await inFlight;
  } catch (error) {
    if (inFlight) await inFlight.catch(() => undefined);
    await batches.return?.(undefined).catch(() => undefined);
    throw error;
  }
  await report({ ...progress });
  return progress;
}
