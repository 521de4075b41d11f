/**
 * Interrupted jobs: a run lives in one process (the CLI, `pantry serve`, the console's server);
 * when that process dies its job record would stay `running` forever. A running job writes a
 * heartbeat with each progress flush (about once a second while writing, at least every 30 s
 * otherwise), so a queued or running job whose heartbeat is older than INTERRUPTED_AFTER_MS is
 * marked failed (cancelled if a cancel had been asked for). Its unfinished views keep no interval,
 * so the next incremental run redoes exactly them.
 */
import { HEARTBEAT_EVERY_MS } from "./job-tracker";
import { type MaterializationRegistry, parseJobProgress } from "./registry";

/**
 * 2 minutes = 4 missed heartbeats: long enough that a busy event loop, a slow registry write or a
 * clock a little off between hosts never declares a live job dead, short enough that the console
 * shows a restart's casualty as failed within one refresh or two of the scheduler's ticks.
 */
export const INTERRUPTED_AFTER_MS = 4 * HEARTBEAT_EVERY_MS;

export interface InterruptedJob {
  id: string;
  project: string;
  status: "failed" | "cancelled";
  error: string;
}

/** Marks the stale jobs of a project (null = every project) finished; returns those it marked. */
export async function sweepInterruptedJobs(
  registry: Pick<MaterializationRegistry, "listStaleJobs" | "finishStaleJob">,
  options: { project?: string | null; now?: Date } = {},
): Promise<InterruptedJob[]> {
  const now = options.now ?? new Date();
  const cutoff = new Date(now.getTime() - INTERRUPTED_AFTER_MS);
  const swept: InterruptedJob[] = [];
  for (const job of await registry.listStaleJobs(options.project ?? null, cutoff)) {
    const lastSign = job.heartbeatAt ?? job.startedAt ?? job.createdAt;
    const error = `interrupted: the process running it stopped (last heartbeat ${lastSign.toISOString()})`;
    const status = job.cancelRequested ? "cancelled" : "failed";
    const progress = parseJobProgress(job.progress);
    // As a run that ends itself: the view in progress takes the job's outcome, pending ones stay pending.
    for (const view of Object.values(progress)) {
      if (view.status === "running") Object.assign(view, { status, error });
    }
    // Conditional: a heartbeat written since the read (the job was alive after all) keeps it running.
    const marked = await registry.finishStaleJob(job.id, cutoff, {
      status,
      error,
      finishedAt: now,
      progress: JSON.stringify(progress),
    });
    if (marked) swept.push({ id: job.id, project: job.projectName, status, error });
  }
  return swept;
}
