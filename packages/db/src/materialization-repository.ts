/** Materialization intervals and job records. */
import type { PrismaRegistryClient } from "./client";

export interface IntervalRecord {
  viewName: string;
  startTs: Date;
  endTs: Date;
  jobId: string | null;
  createdAt: Date;
}

/** How a job reads its windows, and where it is; decoded from the row once, here. */
export type JobMode = "full" | "incremental";
export type JobStatus = "queued" | "running" | "succeeded" | "failed" | "cancelled";

const JOB_STATUSES: readonly string[] = ["queued", "running", "succeeded", "failed", "cancelled"];

export interface JobRecord {
  id: string;
  projectName: string;
  mode: JobMode;
  views: string[];
  startTs: Date | null;
  endTs: Date;
  status: JobStatus;
  rowsRead: number;
  rowsWritten: number;
  progress: string;
  error: string | null;
  trigger: string;
  cancelRequested: boolean;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  heartbeatAt: Date | null;
}

export interface JobUpdate {
  status?: JobStatus;
  rowsRead?: number;
  rowsWritten?: number;
  progress?: string;
  error?: string | null;
  startedAt?: Date;
  finishedAt?: Date;
  heartbeatAt?: Date;
}

const UNFINISHED = ["queued", "running"];

/** Queued or running, last heartbeat (or, never having had one, creation) before the cutoff. */
function staleWhere(heartbeatBefore: Date) {
  return {
    status: { in: UNFINISHED },
    OR: [{ heartbeatAt: { lt: heartbeatBefore } }, { heartbeatAt: null, createdAt: { lt: heartbeatBefore } }],
  };
}

export class MaterializationRepository {
  constructor(private readonly prisma: PrismaRegistryClient) {}

  async listIntervals(projectName: string, viewName?: string): Promise<IntervalRecord[]> {
    return this.prisma.materializationInterval.findMany({
      where: { project: { name: projectName }, ...(viewName ? { viewName } : {}) },
      orderBy: [{ viewName: "asc" }, { endTs: "asc" }],
      select: { viewName: true, startTs: true, endTs: true, jobId: true, createdAt: true },
    });
  }

  async addInterval(projectName: string, viewName: string, startTs: Date, endTs: Date, jobId: string | null) {
    const project = await this.prisma.project.findUniqueOrThrow({ where: { name: projectName } });
    await this.prisma.materializationInterval.create({
      data: { projectId: project.id, viewName, startTs, endTs, jobId },
    });
  }

  async createJob(input: {
    projectName: string;
    mode: JobMode;
    views: string[];
    startTs: Date | null;
    endTs: Date;
    trigger: string;
  }): Promise<JobRecord> {
    const project = await this.prisma.project.findUniqueOrThrow({ where: { name: input.projectName } });
    const row = await this.prisma.materializationJob.create({
      data: {
        projectId: project.id,
        mode: input.mode,
        views: JSON.stringify(input.views),
        startTs: input.startTs,
        endTs: input.endTs,
        trigger: input.trigger,
      },
    });
    return toJob(row, input.projectName);
  }

  async updateJob(id: string, update: JobUpdate): Promise<void> {
    await this.prisma.materializationJob.update({ where: { id }, data: update });
  }

  async requestCancel(id: string): Promise<boolean> {
    const result = await this.prisma.materializationJob.updateMany({
      where: { id, status: { in: UNFINISHED } },
      data: { cancelRequested: true },
    });
    return result.count > 0;
  }

  async getJob(id: string): Promise<JobRecord | null> {
    const row = await this.prisma.materializationJob.findUnique({ where: { id }, include: { project: true } });
    return row ? toJob(row, row.project.name) : null;
  }

  async listJobs(projectName: string | null, options: { take: number; skip?: number }): Promise<JobRecord[]> {
    const rows = await this.prisma.materializationJob.findMany({
      where: projectName ? { project: { name: projectName } } : {},
      orderBy: { createdAt: "desc" },
      take: options.take,
      skip: options.skip ?? 0,
      include: { project: true },
    });
    return rows.map((row) => toJob(row, row.project.name));
  }

  /** Queued or running jobs whose heartbeat is older than the cutoff (their process stopped). */
  async listStaleJobs(projectName: string | null, heartbeatBefore: Date): Promise<JobRecord[]> {
    const rows = await this.prisma.materializationJob.findMany({
      where: { ...staleWhere(heartbeatBefore), ...(projectName ? { project: { name: projectName } } : {}) },
      include: { project: true },
    });
    return rows.map((row) => toJob(row, row.project.name));
  }

  /** Finishes a job only if it is still unfinished and stale (a heartbeat since wins); false otherwise. */
  async finishStaleJob(id: string, heartbeatBefore: Date, update: JobUpdate): Promise<boolean> {
    const { count } = await this.prisma.materializationJob.updateMany({
      where: { id, ...staleWhere(heartbeatBefore) },
      data: update,
    });
    return count === 1;
  }
}

function toJob(
  row: {
    id: string;
    mode: string;
    views: string;
    startTs: Date | null;
    endTs: Date;
    status: string;
    rowsRead: number;
    rowsWritten: number;
    progress: string;
    error: string | null;
    trigger: string;
    cancelRequested: boolean;
    createdAt: Date;
    startedAt: Date | null;
    finishedAt: Date | null;
    heartbeatAt: Date | null;
  },
  projectName: string,
): JobRecord {
  return {
    id: row.id,
    projectName,
    mode: row.mode === "incremental" ? "incremental" : "full",
    views: JSON.parse(row.views) as string[],
    startTs: row.startTs,
    endTs: row.endTs,
    // A status this version does not know (a newer writer) reads as failed rather than as a string.
    status: (JOB_STATUSES.includes(row.status) ? row.status : "failed") as JobStatus,
    rowsRead: row.rowsRead,
    rowsWritten: row.rowsWritten,
    progress: row.progress,
    error: row.error,
    trigger: row.trigger,
    cancelRequested: row.cancelRequested,
    createdAt: row.createdAt,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    heartbeatAt: row.heartbeatAt,
  };
}
