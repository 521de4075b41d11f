/**
 * What materialization needs from the registry: intervals and job records. The job record is the
 * db package's own (decoded there: views as a list, status and mode as unions), declared once;
 * the db's MaterializationRepository implements this port as it is.
 */
import type { JobMode, JobRecord, JobStatus } from "@pantry/db";

export type MaterializationMode = JobMode;
export type MaterializationJobStatus = JobStatus;
export type ViewMaterializationStatus = "pending" | "running" | "succeeded" | "skipped" | "failed" | "cancelled";

export interface MaterializationIntervalRecord {
  viewName: string;
  startTs: Date;
  endTs: Date;
  jobId: string | null;
}

/** One job as stored. `progress` is JSON text of JobProgress (see parseJobProgress). */
export type MaterializationJobRecord = JobRecord;

export interface MaterializationJobUpdate {
  status?: MaterializationJobStatus;
  rowsRead?: number;
  rowsWritten?: number;
  progress?: string;
  error?: string | null;
  startedAt?: Date;
  finishedAt?: Date;
  heartbeatAt?: Date;
}

export interface MaterializationRegistry {
  listIntervals(projectName: string, viewName?: string): Promise<MaterializationIntervalRecord[]>;
  addInterval(projectName: string, viewName: string, startTs: Date, endTs: Date, jobId: string | null): Promise<void>;
  createJob(input: {
    projectName: string;
    mode: MaterializationMode;
    views: string[];
    startTs: Date | null;
    endTs: Date;
    trigger: string;
  }): Promise<MaterializationJobRecord>;
  updateJob(id: string, update: MaterializationJobUpdate): Promise<void>;
  getJob(id: string): Promise<MaterializationJobRecord | null>;
  /** Sets the cancel flag of a queued or running job; false when the job is not (or no longer) running. */
  requestCancel(id: string): Promise<boolean>;
  /** Queued or running jobs whose heartbeat (or creation, without one) is before the cutoff. */
  listStaleJobs(projectName: string | null, heartbeatBefore: Date): Promise<MaterializationJobRecord[]>;
  /** Applies the update only if the job is still queued/running and stale; false otherwise. */
  finishStaleJob(id: string, heartbeatBefore: Date, update: MaterializationJobUpdate): Promise<boolean>;
}

/** Per-view progress kept in the job's `progress` JSON column. */
export interface ViewJobProgress {
  status: ViewMaterializationStatus;
  /** The window actually read (ISO), start null = the whole source. */
  startTs: string | null;
  endTs: string;
  rowsRead: number;
  rowsWritten: number;
  /** Rows the window holds (latest per entity), when counted. */
  totalRows: number | null;
  startedAt: string | null;
  finishedAt: string | null;
  /** Newest event timestamp (ISO) among the rows this run sent to the online store (freshness). */
  newestEventTs?: string | null;
  error?: string;
  /** Failed expectations of a view with onValidationFailure "warn". */
  warnings?: string[];
}

export type JobProgress = Record<string, ViewJobProgress>;

export function parseJobProgress(text: string): JobProgress {
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed && typeof parsed === "object" ? (parsed as JobProgress) : {};
  } catch {
    return {};
  }
}
