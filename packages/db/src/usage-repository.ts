/** Online reads per consumer and feature, rolled up per minute. */
import type { PrismaRegistryClient } from "./client";

export interface UsageDelta {
  consumer: string;
  featureRef: string;
  bucket: Date;
  requests: number;
  totalLatencyMs: number;
  maxLatencyMs: number;
}

export interface UsageRow extends UsageDelta {
  projectName: string;
}

/** One consumer's reads of one feature over a time range, summed in the database. */
export interface UsageFeatureTotal {
  consumer: string;
  featureRef: string;
  requests: number;
  totalLatencyMs: number;
  maxLatencyMs: number;
  firstSeen: Date;
  lastSeen: Date;
}

/**
 * One consumer's requests in one minute. Rollups are per feature and a request counts once for
 * every feature it reads, so the minute's requests are the largest per-feature count (exact when
 * one feature is in every request of that minute, as when a model asks for the same list each time).
 */
export interface UsageMinute {
  consumer: string;
  bucket: Date;
  requests: number;
  totalLatencyMs: number;
  maxLatencyMs: number;
}

export interface UsageRange {
  projectName: string;
  since: Date;
  until?: Date;
  consumer?: string;
}

export class UsageRepository {
  constructor(private readonly prisma: PrismaRegistryClient) {}

  /**
   * Adds deltas to the stored rollups: an upsert that increments, one transaction per flush. Safe
   * with several processes flushing at once (`pantry serve --workers n`, several servers): the
   * increments are relative (`requests = requests + n`), rows are touched in one order (no
   * deadlock between two flushes), and a flush that lost the race to create a row (a unique
   * violation, PostgreSQL) is rolled back whole and run again, so nothing is counted twice or lost.
   */
  async recordUsage(projectName: string, deltas: UsageDelta[]): Promise<void> {
    if (deltas.length === 0) return;
    const project = await this.prisma.project.findUnique({ where: { name: projectName }, select: { id: true } });
    if (!project) return;
    const ordered = [...deltas].sort(
      (a, b) =>
        a.bucket.getTime() - b.bucket.getTime() ||
        compare(a.consumer, b.consumer) ||
        compare(a.featureRef, b.featureRef),
    );
    for (let attempt = 1; ; attempt++) {
      try {
        await this.writeUsage(project.id, ordered);
        return;
      } catch (error) {
        const code = (error as { code?: unknown } | null)?.code;
        if (attempt >= 5 || (code !== "P2002" && code !== "P2034")) throw error;
      }
    }
  }

  private async writeUsage(projectId: string, deltas: UsageDelta[]): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      for (const delta of deltas) {
        const key = { projectId, consumer: delta.consumer, featureRef: delta.featureRef, bucket: delta.bucket };
        const existing = await tx.usageRollup.findUnique({ where: { projectId_consumer_featureRef_bucket: key } });
        if (existing) {
          await tx.usageRollup.update({
            where: { id: existing.id },
            data: {
              requests: { increment: delta.requests },
              totalLatencyMs: { increment: delta.totalLatencyMs },
            },
          });
          // Conditional, so a larger maximum written meanwhile by another process is kept.
          if (delta.maxLatencyMs > existing.maxLatencyMs) {
            await tx.usageRollup.updateMany({
              where: { id: existing.id, maxLatencyMs: { lt: delta.maxLatencyMs } },
              data: { maxLatencyMs: delta.maxLatencyMs },
            });
          }
        } else {
          await tx.usageRollup.create({
            data: {
              ...key,
              requests: delta.requests,
              totalLatencyMs: delta.totalLatencyMs,
              maxLatencyMs: delta.maxLatencyMs,
            },
          });
        }
      }
    });
  }

  async listUsage(filter: { projectName?: string; since: Date }): Promise<UsageRow[]> {
    const rows = await this.prisma.usageRollup.findMany({
      where: {
        bucket: { gte: filter.since },
        ...(filter.projectName ? { project: { name: filter.projectName } } : {}),
      },
      orderBy: { bucket: "asc" },
      include: { project: { select: { name: true } } },
    });
    return rows.map((r) => ({
      projectName: r.project.name,
      consumer: r.consumer,
      featureRef: r.featureRef,
      bucket: r.bucket,
      requests: r.requests,
      totalLatencyMs: r.totalLatencyMs,
      maxLatencyMs: r.maxLatencyMs,
    }));
  }

  /** Per (consumer, feature) totals in the range: a GROUP BY, so the rows are consumers x features. */
  async usageByFeature(range: UsageRange): Promise<UsageFeatureTotal[]> {
    const where = await this.rangeWhere(range);
    if (!where) return [];
    const groups = await this.prisma.usageRollup.groupBy({
      by: ["consumer", "featureRef"],
      where,
      _sum: { requests: true, totalLatencyMs: true },
      _max: { maxLatencyMs: true, bucket: true },
      _min: { bucket: true },
      orderBy: [{ consumer: "asc" }, { featureRef: "asc" }],
    });
    return groups.map((g) => ({
      consumer: g.consumer,
      featureRef: g.featureRef,
      requests: Number(g._sum.requests ?? 0),
      totalLatencyMs: Number(g._sum.totalLatencyMs ?? 0),
      maxLatencyMs: Number(g._max.maxLatencyMs ?? 0),
      firstSeen: g._min.bucket ?? range.since,
      lastSeen: g._max.bucket ?? range.since,
    }));
  }

  /** Per (consumer, minute) requests in the range (see UsageMinute), oldest first. */
  async usageByMinute(range: UsageRange): Promise<UsageMinute[]> {
    const where = await this.rangeWhere(range);
    if (!where) return [];
    const groups = await this.prisma.usageRollup.groupBy({
      by: ["consumer", "bucket"],
      where,
      _max: { requests: true, totalLatencyMs: true, maxLatencyMs: true },
      orderBy: [{ bucket: "asc" }, { consumer: "asc" }],
    });
    return groups.map((g) => ({
      consumer: g.consumer,
      bucket: g.bucket,
      requests: Number(g._max.requests ?? 0),
      totalLatencyMs: Number(g._max.totalLatencyMs ?? 0),
      maxLatencyMs: Number(g._max.maxLatencyMs ?? 0),
    }));
  }

  /** null when the project does not exist (it has no usage). */
  private async rangeWhere(range: UsageRange) {
    const project = await this.prisma.project.findUnique({ where: { name: range.projectName }, select: { id: true } });
    if (!project) return null;
    return {
      projectId: project.id,
      bucket: { gte: range.since, ...(range.until ? { lt: range.until } : {}) },
      ...(range.consumer ? { consumer: range.consumer } : {}),
    };
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
