/**
 * The queue engine's side in the process that starts a run (CLI, console, SDK, a schedule): the
 * job record is made and kept there exactly as for a local run (same tracker, heartbeat, cancel
 * flag, sweep); only the writing is handed out. Each pending view becomes `partitions` BullMQ jobs
 * (entity-key hash partitions); this side polls them, adds their progress into the job record,
 * records a view's interval once all its partitions completed (never per partition: no gap, no
 * overlap), and on a cancel or a failed partition raises the job's stop flag, takes the partitions
 * not started off the queue and waits for the running ones to stop before it reports.
 */
import type { Job, Queue } from "bullmq";
import type { QueueBatchEngineConfig } from "../../config/repo-config";
import { PantryError } from "../../errors";
import type { JobTracker } from "../job-tracker";
import type { MaterializationRegistry } from "../registry";
import type { MaterializationTarget } from "../targets";
import type { ViewWindow } from "../windows";
import {
  decodeFailure,
  describeQueue,
  openQueue,
  PARTITION_JOB,
  type PartitionProgress,
  type PartitionTask,
  partitionJobId,
  queueUnavailable,
  stopKey,
} from "./bullmq";

export interface QueueRunOptions {
  signal?: AbortSignal;
  batchSize?: number;
  /** How often the partitions are polled (default 250 ms). */
  pollMs?: number;
}

interface Part {
  id: string;
  view: string;
  index: number;
  count: number;
  state: "waiting" | "active" | "completed" | "failed";
  rows: PartitionProgress;
}

const KEEP_FINISHED_SECONDS = 24 * 3600;
const CONNECT_TIMEOUT_MS = 5000;

export async function runOnQueue(
  context: { project: string; registry: Pick<MaterializationRegistry, "addInterval"> },
  engine: QueueBatchEngineConfig,
  targets: MaterializationTarget[],
  windows: Map<string, ViewWindow>,
  tracker: JobTracker,
  options: QueueRunOptions,
): Promise<void> {
  if (targets.length === 0) return;
  const { project } = context;
  const queue = openQueue(engine, project);
  queue.on("error", () => undefined); // reported through the failing calls below
  try {
    const parts: Part[] = [];
    const tasks: { name: string; data: PartitionTask; opts: object }[] = [];
    targets.forEach((target, viewIndex) => {
      const window = windows.get(target.view.name) as ViewWindow;
      // A view without entities has one key: one partition.
      const count = target.joinKeys.length === 0 ? 1 : engine.partitions;
      for (let index = 0; index < count; index++) {
        const id = partitionJobId(tracker.jobId, viewIndex, index);
        parts.push({
          id,
          view: target.view.name,
          index,
          count,
          state: "waiting",
          rows: { rowsRead: 0, rowsWritten: 0, newestEventTs: null },
        });
        tasks.push({
          name: PARTITION_JOB,
          data: {
            version: 1,
            jobId: tracker.jobId,
            project,
            view: target.view,
            source: target.source,
            entities: target.entities,
            joinKeys: target.joinKeys,
            start: window.start?.toISOString() ?? null,
            end: window.end.toISOString(),
            partition: index,
            partitions: count,
            batchSize: options.batchSize ?? 10_000,
          },
          opts: {
            jobId: id,
            attempts: engine.maxAttempts,
            backoff: { type: "exponential", delay: 1000 },
            removeOnComplete: { age: KEEP_FINISHED_SECONDS },
            removeOnFail: { age: 7 * KEEP_FINISHED_SECONDS },
          },
        });
      }
    });
    await withTimeout(queue.waitUntilReady(), CONNECT_TIMEOUT_MS, "no answer within 5 s").catch((error: unknown) => {
      throw queueUnavailable(engine, project, error);
    });
    await queue.addBulk(tasks).catch((error: unknown) => {
      throw queueUnavailable(engine, project, error);
    });
    await follow(context, engine, queue, parts, windows, tracker, options);
  } finally {
    await queue.close().catch(() => undefined);
  }
}

async function follow(
  context: { project: string; registry: Pick<MaterializationRegistry, "addInterval"> },
  engine: QueueBatchEngineConfig,
  queue: Queue<PartitionTask, PartitionProgress>,
  parts: Part[],
  windows: Map<string, ViewWindow>,
  tracker: JobTracker,
  options: QueueRunOptions,
): Promise<void> {
  const views = [...new Set(parts.map((p) => p.view))];
  const started = new Set<string>();
  const finished = new Set<string>();
  const pollMs = options.pollMs ?? 250;
  let lastWorkerCheck = 0;
  let unreachableSince: number | null = null;
  for (;;) {
    let failure: Part | null = null;
    let failedReason = "";
    try {
      ({ failure, failedReason } = await pollParts(engine, context.project, queue, parts));
      unreachableSince = null;
    } catch (error) {
      // Redis away for a moment (a restart, a failover): keep waiting up to a visibility timeout.
      unreachableSince ??= Date.now();
      if (Date.now() - unreachableSince > engine.visibilityTimeoutMs)
        throw queueUnavailable(engine, context.project, error);
      await sleep(1000);
      continue;
    }
    for (const view of views) {
      const own = parts.filter((p) => p.view === view);
      if (!started.has(view) && own.some((p) => p.state !== "waiting" || p.rows.rowsRead > 0)) {
        started.add(view);
        await tracker.viewStarted(view);
      }
      await tracker.setViewRows(view, sum(own));
      if (!finished.has(view) && own.every((p) => p.state === "completed")) {
        finished.add(view);
        const window = windows.get(view) as ViewWindow;
        if (!started.has(view)) await tracker.viewStarted(view);
        await context.registry.addInterval(
          context.project,
          view,
          window.start ?? new Date(0),
          window.end,
          tracker.jobId,
        );
        await tracker.viewFinished(view, "succeeded");
      }
    }
    if (failure) {
      await stopAll(engine, context.project, queue, parts, tracker.jobId, "failed");
      const decoded = decodeFailure(failedReason);
      const { code } = decoded;
      const message = /stalled more than allowable limit/.test(decoded.message)
        ? `its worker stopped answering ${engine.maxAttempts + 1} times (killed, out of memory, or blocked longer than batch_engine.visibility_timeout); see the workers' logs`
        : decoded.message;
      throw new PantryError(
        code ?? "INTERNAL",
        `partition ${failure.index + 1}/${failure.count} of view '${failure.view}' failed: ${message}`,
        { view: failure.view, partition: failure.index },
      );
    }
    if (finished.size === views.length) return;
    // Nothing taken yet: say so when no worker listens (a run would otherwise wait silently).
    if (started.size === 0 && Date.now() - lastWorkerCheck >= 2000) {
      lastWorkerCheck = Date.now();
      const workers = await queue.getWorkersCount().catch(() => null);
      tracker.setNote(
        workers === 0
          ? `waiting for a worker: no 'pantry worker' is running on the ${describeQueue(engine, context.project)}`
          : null,
      );
    } else if (started.size > 0) tracker.setNote(null);
    if (await tracker.cancelRequested()) {
      await stopAll(engine, context.project, queue, parts, tracker.jobId, "cancelled");
      throw new PantryError(
        "CANCELLED",
        `materialization job ${tracker.jobId} was cancelled; every partition stopped and views not finished keep no interval`,
        { jobId: tracker.jobId },
      );
    }
    await sleep(pollMs);
  }
}

/** One look at every unfinished partition: state and rows; the first failed one, if any. */
async function pollParts(
  engine: QueueBatchEngineConfig,
  project: string,
  queue: Queue<PartitionTask, PartitionProgress>,
  parts: Part[],
): Promise<{ failure: Part | null; failedReason: string }> {
  for (const part of parts) {
    if (part.state === "completed") continue;
    const job = await queue.getJob(part.id);
    if (!job) {
      return {
        failure: part,
        failedReason: `[FAILED_PRECONDITION] the partition was removed from the ${describeQueue(engine, project)} before it finished`,
      };
    }
    const state = await job.getState();
    part.rows = rowsOf(job) ?? part.rows;
    if (state === "completed") part.state = "completed";
    else if (state === "failed") {
      part.state = "failed";
      return { failure: part, failedReason: job.failedReason || "failed without a reason" };
    } else if (state === "active") part.state = "active";
  }
  return { failure: null, failedReason: "" };
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function rowsOf(job: Job<PartitionTask, PartitionProgress>): PartitionProgress | null {
  const value = (job.returnvalue ?? job.progress) as unknown;
  if (!value || typeof value !== "object") return null;
  const rows = value as Partial<PartitionProgress>;
  return {
    rowsRead: Number(rows.rowsRead ?? 0),
    rowsWritten: Number(rows.rowsWritten ?? 0),
    newestEventTs: typeof rows.newestEventTs === "string" ? rows.newestEventTs : null,
  };
}

function sum(parts: Part[]): PartitionProgress {
  let newest: string | null = null;
  let rowsRead = 0;
  let rowsWritten = 0;
  for (const part of parts) {
    rowsRead += part.rows.rowsRead;
    rowsWritten += part.rows.rowsWritten;
    if (part.rows.newestEventTs && (!newest || part.rows.newestEventTs > newest)) newest = part.rows.newestEventTs;
  }
  return { rowsRead, rowsWritten, newestEventTs: newest };
}

/**
 * Raises the stop flag (running partitions see it within their poll), removes the partitions no
 * worker has taken, then waits until none is running, so nothing is written after the job reports.
 * A partition whose worker died stays "active" until the stalled check hands it to a worker, which
 * then sees the flag: the wait is bounded by a few visibility timeouts.
 */
async function stopAll(
  engine: QueueBatchEngineConfig,
  project: string,
  queue: Queue<PartitionTask, PartitionProgress>,
  parts: Part[],
  jobId: string,
  why: "cancelled" | "failed",
): Promise<void> {
  const client = await queue.getBackend().client;
  await client.set(stopKey(engine, project, jobId), why, { EX: KEEP_FINISHED_SECONDS });
  const deadline = Date.now() + 3 * engine.visibilityTimeoutMs + 5000;
  for (;;) {
    let running = 0;
    for (const part of parts) {
      if (part.state === "completed" || part.state === "failed") continue;
      const job = await queue.getJob(part.id);
      const state = job ? await job.getState() : "unknown";
      if (job && (state === "waiting" || state === "delayed" || state === "prioritized")) {
        await job.remove().catch(() => undefined);
        continue;
      }
      if (state === "active" || state === "waiting" || state === "delayed") running++;
      else part.state = state === "completed" ? "completed" : "failed";
    }
    if (running === 0 || Date.now() > deadline) return;
    await sleep(200);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
