/**
 * Feature statistics (of a view's offline source over a window, or of a saved dataset's file) and
 * per-consumer request metrics (entity rows, errors, latency histogram per minute).
 */
import type { PrismaRegistryClient } from "./client";
import { RegistryDbError } from "./errors";

/** The columns a caller writes; histogram and topValues travel as JSON strings. */
export interface FeatureStatisticsInput {
  viewName: string;
  featureName: string;
  dtype: string;
  subject: "source" | "dataset";
  datasetName: string | null;
  windowStart: Date | null;
  windowEnd: Date | null;
  trigger: string;
  jobId: string | null;
  rowCount: number;
  nullCount: number;
  nullRatio: number;
  distinctCount: number;
  distinctApprox: boolean;
  min: number | null;
  max: number | null;
  mean: number | null;
  stddev: number | null;
  histogram: string;
  topValues: string;
  newestEventTs: Date | null;
}

export interface FeatureStatisticsRecord extends FeatureStatisticsInput {
  id: string;
  computedAt: Date;
}

/** One consumer's requests in one minute (added to what is stored). */
export interface ConsumerMetricsDelta {
  consumer: string;
  bucket: Date;
  requests: number;
  entityRows: number;
  errors: number;
  totalLatencyMs: number;
  /** Upper bound in ms (as text) -> requests at or under it. */
  latencyBuckets: Record<string, number>;
}

export class StatisticsRepository {
  constructor(private readonly prisma: PrismaRegistryClient) {}

  /** Stores one run's statistics (every feature of it) at one time. */
  async save(projectName: string, rows: FeatureStatisticsInput[], computedAt = new Date()): Promise<void> {
    if (rows.length === 0) return;
    const projectId = await this.projectId(projectName);
    await this.prisma.$transaction(async (tx) => {
      for (const row of rows) await tx.featureStatistics.create({ data: { ...row, projectId, computedAt } });
    });
  }

  /** The newest source statistics of every feature of the project (or of one view). */
  async latest(projectName: string, viewName?: string): Promise<FeatureStatisticsRecord[]> {
    const rows = await this.prisma.featureStatistics.findMany({
      where: { project: { name: projectName }, subject: "source", ...(viewName ? { viewName } : {}) },
      orderBy: [{ computedAt: "desc" }],
      take: 5000,
    });
    const seen = new Set<string>();
    const newest: FeatureStatisticsRecord[] = [];
    for (const row of rows) {
      const key = `${row.viewName}:${row.featureName}`;
      if (seen.has(key)) continue;
      seen.add(key);
      newest.push(toRecord(row));
    }
    return newest.sort((a, b) => a.viewName.localeCompare(b.viewName) || a.featureName.localeCompare(b.featureName));
  }

  /** Source statistics of one feature, oldest first (the null ratio and mean over time). */
  async history(
    projectName: string,
    viewName: string,
    featureName: string,
    take = 100,
  ): Promise<FeatureStatisticsRecord[]> {
    const rows = await this.prisma.featureStatistics.findMany({
      where: { project: { name: projectName }, subject: "source", viewName, featureName },
      orderBy: [{ computedAt: "desc" }],
      take,
    });
    return rows.map(toRecord).reverse();
  }

  /** The statistics kept with a saved dataset (its newest set). */
  async forDataset(projectName: string, datasetName: string): Promise<FeatureStatisticsRecord[]> {
    const rows = await this.prisma.featureStatistics.findMany({
      where: { project: { name: projectName }, subject: "dataset", datasetName },
      orderBy: [{ computedAt: "desc" }],
    });
    const seen = new Set<string>();
    return rows.map(toRecord).filter((row) => {
      const key = `${row.viewName}:${row.featureName}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }

  async deleteForDataset(projectName: string, datasetName: string): Promise<void> {
    await this.prisma.featureStatistics.deleteMany({
      where: { project: { name: projectName }, subject: "dataset", datasetName },
    });
  }

  /** Adds per-consumer minute metrics: an upsert that increments, one transaction per flush. */
  async recordConsumerMetrics(projectName: string, deltas: ConsumerMetricsDelta[]): Promise<void> {
    if (deltas.length === 0) return;
    const project = await this.prisma.project.findUnique({ where: { name: projectName }, select: { id: true } });
    if (!project) return;
    await this.prisma.$transaction(async (tx) => {
      for (const delta of deltas) {
        const key = { projectId: project.id, consumer: delta.consumer, bucket: delta.bucket };
        const existing = await tx.consumerRollup.findUnique({ where: { projectId_consumer_bucket: key } });
        if (existing) {
          const buckets = mergeBuckets(parseBuckets(existing.latencyBuckets), delta.latencyBuckets);
          await tx.consumerRollup.update({
            where: { id: existing.id },
            data: {
              requests: { increment: delta.requests },
              entityRows: { increment: delta.entityRows },
              errors: { increment: delta.errors },
              totalLatencyMs: { increment: delta.totalLatencyMs },
              latencyBuckets: JSON.stringify(buckets),
            },
          });
        } else {
          await tx.consumerRollup.create({
            data: {
              ...key,
              requests: delta.requests,
              entityRows: delta.entityRows,
              errors: delta.errors,
              totalLatencyMs: delta.totalLatencyMs,
              latencyBuckets: JSON.stringify(delta.latencyBuckets),
            },
          });
        }
      }
    });
  }

  /** Minute metrics of one consumer (or all) in [since, until), oldest first. */
  async consumerMetrics(range: {
    projectName: string;
    since: Date;
    until?: Date;
    consumer?: string;
  }): Promise<ConsumerMetricsDelta[]> {
    const rows = await this.prisma.consumerRollup.findMany({
      where: {
        project: { name: range.projectName },
        bucket: { gte: range.since, ...(range.until ? { lt: range.until } : {}) },
        ...(range.consumer ? { consumer: range.consumer } : {}),
      },
      orderBy: [{ bucket: "asc" }],
    });
    return rows.map((r) => ({
      consumer: r.consumer,
      bucket: r.bucket,
      requests: r.requests,
      entityRows: r.entityRows,
      errors: r.errors,
      totalLatencyMs: r.totalLatencyMs,
      latencyBuckets: parseBuckets(r.latencyBuckets),
    }));
  }

  private async projectId(projectName: string): Promise<string> {
    const project = await this.prisma.project.findUnique({ where: { name: projectName }, select: { id: true } });
    if (!project) {
      throw new RegistryDbError(
        "FAILED_PRECONDITION",
        `project '${projectName}' is not in the registry; run 'pantry apply' in its feature repo first`,
      );
    }
    return project.id;
  }
}

function parseBuckets(text: string): Record<string, number> {
  try {
    const parsed = JSON.parse(text) as unknown;
    if (!parsed || typeof parsed !== "object") return {};
    return Object.fromEntries(
      Object.entries(parsed as Record<string, unknown>).filter(([, v]) => typeof v === "number") as [string, number][],
    );
  } catch {
    return {};
  }
}

function mergeBuckets(a: Record<string, number>, b: Record<string, number>): Record<string, number> {
  const out = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = (out[k] ?? 0) + v;
  return out;
}

type Row = Omit<FeatureStatisticsInput, "subject"> & {
  id: string;
  projectId: string;
  computedAt: Date;
  subject: string;
};

function toRecord({ projectId: _projectId, ...row }: Row): FeatureStatisticsRecord {
  return { ...row, subject: row.subject === "dataset" ? "dataset" : "source" };
}
