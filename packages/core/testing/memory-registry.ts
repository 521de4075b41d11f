/**
 * MaterializationRegistry kept in memory: for tests, benchmarks and embedding without a registry
 * database. Same behaviour as the db repository (cancel only flags queued/running jobs).
 */
import { randomUUID } from "node:crypto";
import type {
  MaterializationIntervalRecord,
  MaterializationJobRecord,
  MaterializationJobUpdate,
  MaterializationRegistry,
} from "../src/materialization/registry";

export class InMemoryMaterializationRegistry implements MaterializationRegistry {
  readonly intervals: (MaterializationIntervalRecord & { projectName: string })[] = [];
  readonly jobs = new Map<string, MaterializationJobRecord>();

  async listIntervals(projectName: string, viewName?: string): Promise<MaterializationIntervalRecord[]> {
    return this.intervals
      .filter((i) => i.projectName === projectName && (viewName === undefined || i.viewName === viewName))
      .map(({ projectName: _p, ...interval }) => ({ ...interval }))
      .sort((a, b) =>
        a.viewName === b.viewName ? a.endTs.getTime() - b.endTs.getTime() : a.viewName < b.viewName ? -1 : 1,
      );
  }

  async addInterval(
    projectName: string,
    viewName: string,
    startTs: Date,
    endTs: Date,
    jobId: string | null,
  ): Promise<void> {
    this.intervals.push({ projectName, viewName, startTs, endTs, jobId });
  }

  async createJob(input: Parameters<MaterializationRegistry["createJob"]>[0]): Promise<MaterializationJobRecord> {
    const job: MaterializationJobRecord = {
      id: randomUUID(),
      projectName: input.projectName,
      mode: input.mode,
      views: [...input.views],
      startTs: input.startTs,
      endTs: input.endTs,
      status: "queued",
      rowsRead: 0,
      rowsWritten: 0,
      progress: "{}",
      error: null,
      trigger: input.trigger,
      cancelRequested: false,
      createdAt: new Date(),
      startedAt: null,
      finishedAt: null,
      heartbeatAt: null,
    };
    this.jobs.set(job.id, job);
    return { ...job };
  }

  async updateJob(id: string, update: MaterializationJobUpdate): Promise<void> {
    const job = this.jobs.get(id);
    if (job) Object.assign(job, update);
  }

  async getJob(id: string): Promise<MaterializationJobRecord | null> {
    const job = this.jobs.get(id);
    return job ? { ...job } : null;
  }

  async requestCancel(id: string): Promise<boolean> {
    const job = this.jobs.get(id);
    if (!job || (job.status !== "queued" && job.status !== "running")) return false;
    job.cancelRequested = true;
    return true;
  }

  async listStaleJobs(projectName: string | null, heartbeatBefore: Date): Promise<MaterializationJobRecord[]> {
    return [...this.jobs.values()]
      .filter((job) => (projectName === null || job.projectName === projectName) && isStale(job, heartbeatBefore))
      .map((job) => ({ ...job }));
  }

  async finishStaleJob(id: string, heartbeatBefore: Date, update: MaterializationJobUpdate): Promise<boolean> {
    const job = this.jobs.get(id);
    if (!job || !isStale(job, heartbeatBefore)) return false;
    Object.assign(job, update);
    return true;
  }
}

function isStale(job: MaterializationJobRecord, heartbeatBefore: Date): boolean {
  const unfinished = job.status === "queued" || job.status === "running";
  return unfinished && (job.heartbeatAt ?? job.createdAt).getTime() < heartbeatBefore.getTime();
}
