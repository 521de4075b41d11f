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

export class UsageRepository {
  constructor(private readonly prisma: PrismaRegistryClient) {}

  /** Adds deltas to the stored rollups: an upsert that increments, one transaction per flush. */
  async recordUsage(projectName: string, deltas: UsageDelta[]): Promise<void> {
    if (deltas.length === 0) return;
    const project = await this.prisma.project.findUnique({ where: { name: projectName }, select: { id: true } });
    if (!project) return;
    await this.prisma.$transaction(async (tx) => {
      for (const delta of deltas) {
        const key = { projectId: project.id, consumer: delta.consumer, featureRef: delta.featureRef, bucket: delta.bucket };
        const existing = await tx.usageRollup.findUnique({ where: { projectId_consumer_featureRef_bucket: key } });
        if (existing) {
          await tx.usageRollup.update({
            where: { id: existing.id },
            data: {
              requests: { increment: delta.requests },
              totalLatencyMs: { increment: delta.totalLatencyMs },
              maxLatencyMs: Math.max(existing.maxLatencyMs, delta.maxLatencyMs),
            },
          });
        } else {
          await tx.usageRollup.create({
            data: { ...key, requests: delta.requests, totalLatencyMs: delta.totalLatencyMs, maxLatencyMs: delta.maxLatencyMs },
          });
        }
      }
    });
  }

  async listUsage(filter: { projectName?: string; since: Date }): Promise<UsageRow[]> {
    const rows = await this.prisma.usageRollup.findMany({
      where: { bucket: { gte: filter.since }, ...(filter.projectName ? { project: { name: filter.projectName } } : {}) },
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
}
