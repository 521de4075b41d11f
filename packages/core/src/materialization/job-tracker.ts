/**
 * The job record of one run, kept current in the registry: status, per-view progress, totals.
 * Registry writes and cancel-flag polls are throttled (a run writes thousands of batches; the
 * registry should see a handful of updates per second at most).
 */
import { PantryError } from "../errors";
import type {
  JobProgress,
  MaterializationJobStatus,
  MaterializationRegistry,
  ViewJobProgress,
  ViewMaterializationStatus,
} from "./registry";
import type { ViewWindow } from "./windows";

export interface MaterializationProgress {
  jobId: string;
  phase: "validating" | "writing" | "done";
  /** The view being written, null outside the writing phase. */
  view: string | null;
  viewIndex: number;
  viewCount: number;
  rowsRead: number;
  rowsWritten: number;
  /** Rows the whole run will read, once counted. */
  totalRows: number | null;
  elapsedMs: number;
  /** Something the user should know while waiting (the queue engine: no worker is running). */
  note?: string | null;
}

const FLUSH_EVERY_MS = 1000;
/**
 * Between flushes (a slow offline query, the validation phase) the heartbeat alone is written this
 * often, so a live job's heartbeat is never much older than this (INTERRUPTED_AFTER_MS is 4 x it).
 */
export const HEARTBEAT_EVERY_MS = 30_000;

export class JobTracker {
  readonly progress: JobProgress = {};
  private readonly startedAt = Date.now();
  private lastFlush = 0;
  private lastCancelPoll = 0;
  private totalRows: number | null = null;
  private phase: MaterializationProgress["phase"] = "validating";
  private current: string | null = null;
  private cancelled = false;
  private heartbeat: NodeJS.Timeout | null = null;
  private note: string | null = null;

  constructor(
    readonly jobId: string,
    private readonly registry: MaterializationRegistry,
    private readonly views: string[],
    windows: Map<string, ViewWindow>,
    private readonly options: {
      signal?: AbortSignal;
      onProgress?: (progress: MaterializationProgress) => void;
      cancelPollMs?: number;
    },
  ) {
    for (const name of views) {
      const window = windows.get(name);
      this.progress[name] = {
        status: window?.upToDate ? "skipped" : "pending",
        startTs: window?.start?.toISOString() ?? null,
        endTs: window?.end.toISOString() ?? "",
        rowsRead: 0,
        rowsWritten: 0,
        totalRows: window?.upToDate ? 0 : null,
        startedAt: null,
        finishedAt: null,
      };
    }
  }

  get rowsRead(): number {
    return Object.values(this.progress).reduce((sum, v) => sum + v.rowsRead, 0);
  }

  get rowsWritten(): number {
    return Object.values(this.progress).reduce((sum, v) => sum + v.rowsWritten, 0);
  }

  view(name: string): ViewJobProgress {
    const view = this.progress[name];
    if (!view) throw new PantryError("INTERNAL", `no progress entry for view '${name}'`);
    return view;
  }

  async start(): Promise<void> {
    this.lastFlush = Date.now();
    await this.registry.updateJob(this.jobId, {
      status: "running",
      startedAt: new Date(),
      heartbeatAt: new Date(),
      progress: JSON.stringify(this.progress),
    });
    this.heartbeat = setInterval(() => void this.beat(), HEARTBEAT_EVERY_MS);
    this.heartbeat.unref();
    this.emit();
  }

  setNote(note: string | null): void {
    if (note === this.note) return;
    this.note = note;
    this.emit();
  }

  setPhase(phase: MaterializationProgress["phase"]): void {
    this.phase = phase;
    this.emit();
  }

  setCount(name: string, rows: number): void {
    this.view(name).totalRows = rows;
    this.totalRows = Object.values(this.progress).reduce((sum, v) => sum + (v.totalRows ?? 0), 0);
  }

  /** Flushed: the record shows which view a run was in, also if its process stops in there. */
  async viewStarted(name: string): Promise<void> {
    this.current = name;
    Object.assign(this.view(name), { status: "running", startedAt: new Date().toISOString() });
    this.emit();
    await this.flush();
  }

  rowsReadFrom(name: string, rows: number): void {
    this.view(name).rowsRead += rows;
    this.emit();
  }

  async rowsWrittenTo(name: string, rows: number, newestEventTs?: Date | null): Promise<void> {
    const view = this.view(name);
    view.rowsWritten += rows;
    if (newestEventTs && (!view.newestEventTs || newestEventTs.toISOString() > view.newestEventTs)) {
      view.newestEventTs = newestEventTs.toISOString();
    }
    this.emit();
    if (Date.now() - this.lastFlush >= FLUSH_EVERY_MS) await this.flush();
  }

  /**
   * The queue engine: a view's rows are the sum over its partitions, recounted at each poll (a
   * retried partition starts again from zero), not added batch by batch.
   */
  async setViewRows(
    name: string,
    rows: { rowsRead: number; rowsWritten: number; newestEventTs: string | null },
  ): Promise<void> {
    const view = this.view(name);
    view.rowsRead = rows.rowsRead;
    view.rowsWritten = rows.rowsWritten;
    if (rows.newestEventTs && (!view.newestEventTs || rows.newestEventTs > view.newestEventTs)) {
      view.newestEventTs = rows.newestEventTs;
    }
    this.emit();
    if (Date.now() - this.lastFlush >= FLUSH_EVERY_MS) await this.flush();
  }

  addWarnings(name: string, warnings: string[]): void {
    const view = this.view(name);
    view.warnings = [...(view.warnings ?? []), ...warnings];
  }

  async viewFinished(name: string, status: ViewMaterializationStatus, error?: string): Promise<void> {
    Object.assign(this.view(name), { status, finishedAt: new Date().toISOString(), ...(error ? { error } : {}) });
    this.current = null;
    await this.flush();
  }

  /** True once the caller aborted or someone set the job's cancel flag. */
  async cancelRequested(): Promise<boolean> {
    if (this.options.signal?.aborted) this.cancelled = true;
    if (this.cancelled) return true;
    if (Date.now() - this.lastCancelPoll < (this.options.cancelPollMs ?? 500)) return false;
    this.lastCancelPoll = Date.now();
    const job = await this.registry.getJob(this.jobId);
    this.cancelled = job?.cancelRequested === true;
    return this.cancelled;
  }

  async finish(status: Exclude<MaterializationJobStatus, "queued" | "running">, error: string | null): Promise<void> {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
    for (const view of Object.values(this.progress)) {
      if (view.status === "running") view.status = status === "cancelled" ? "cancelled" : "failed";
    }
    await this.registry.updateJob(this.jobId, {
      status,
      error,
      finishedAt: new Date(),
      heartbeatAt: new Date(),
      rowsRead: this.rowsRead,
      rowsWritten: this.rowsWritten,
      progress: JSON.stringify(this.progress),
    });
    this.phase = "done";
    this.emit();
  }

  private async flush(): Promise<void> {
    this.lastFlush = Date.now();
    await this.registry.updateJob(this.jobId, {
      heartbeatAt: new Date(),
      rowsRead: this.rowsRead,
      rowsWritten: this.rowsWritten,
      progress: JSON.stringify(this.progress),
    });
  }

  /** Only the heartbeat, when no flush wrote it lately; a failed write waits for the next beat. */
  private async beat(): Promise<void> {
    if (Date.now() - this.lastFlush < HEARTBEAT_EVERY_MS) return;
    this.lastFlush = Date.now();
    await this.registry.updateJob(this.jobId, { heartbeatAt: new Date() }).catch(() => undefined);
  }

  private emit(): void {
    const onProgress = this.options.onProgress;
    if (!onProgress) return;
    onProgress({
      jobId: this.jobId,
      phase: this.phase,
      view: this.current,
      viewIndex: this.current ? this.views.indexOf(this.current) : -1,
      viewCount: this.views.length,
      rowsRead: this.rowsRead,
      rowsWritten: this.rowsWritten,
      totalRows: this.totalRows,
      elapsedMs: Date.now() - this.startedAt,
      note: this.note,
    });
  }
}
