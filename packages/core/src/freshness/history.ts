/**
 * A view's lag over time, from its materialization jobs: after each successful run, the lag at the
 * run's end = end time - newest event time online by then (the newest any run wrote so far).
 */
import { type MaterializationJobRecord, parseJobProgress } from "../materialization/registry";

export interface ViewRun {
  jobId: string;
  /** When the view's part of the run finished (else the job's end). */
  finishedAt: Date;
  status: string;
  rowsWritten: number;
  /** Newest event time this run wrote for the view; null when it wrote nothing or predates the record. */
  newestEventTs: Date | null;
}

export interface LagPoint {
  at: Date;
  jobId: string;
  /** Milliseconds. */
  lagMs: number;
  newestEventTs: Date;
}

/** The view's entries in the jobs that included it, oldest first (unfinished jobs left out). */
export function viewRuns(jobs: MaterializationJobRecord[], view: string): ViewRun[] {
  const runs: ViewRun[] = [];
  for (const job of jobs) {
    if (!job.views.includes(view) || job.status === "queued" || job.status === "running") continue;
    const progress = parseJobProgress(job.progress)[view];
    const finished = progress?.finishedAt ?? job.finishedAt?.toISOString() ?? null;
    if (!finished) continue;
    const status = job.status === "succeeded" ? (progress?.status ?? "succeeded") : job.status;
    runs.push({
      jobId: job.id,
      finishedAt: new Date(finished),
      status,
      rowsWritten: progress?.rowsWritten ?? 0,
      newestEventTs: progress?.newestEventTs ? new Date(progress.newestEventTs) : null,
    });
  }
  return runs.sort((a, b) => a.finishedAt.getTime() - b.finishedAt.getTime());
}

/** Successful runs count (skipped = up to date is a successful run too). */
export function isSuccessfulRun(run: ViewRun): boolean {
  return run.status === "succeeded" || run.status === "skipped";
}

export function lagHistory(runs: ViewRun[]): LagPoint[] {
  const points: LagPoint[] = [];
  let newest: number | null = null;
  for (const run of runs) {
    if (!isSuccessfulRun(run)) continue;
    const written = run.newestEventTs?.getTime();
    if (written !== undefined && (newest === null || written > newest)) newest = written;
    if (newest === null) continue;
    points.push({
      at: run.finishedAt,
      jobId: run.jobId,
      lagMs: Math.max(0, run.finishedAt.getTime() - newest),
      newestEventTs: new Date(newest),
    });
  }
  return points;
}
