/** Feature lifecycles and deprecation notices (the transitions themselves: RegistryRepository.setLifecycle). */
import type { PrismaRegistryClient } from "./client";
import type { FeatureLifecycleRecord, NoticeRecord } from "./records";

export interface NoticeFilter {
  projectName?: string;
  /** true: only unacknowledged; false: only acknowledged; undefined: both. */
  open?: boolean;
  targetKind?: string;
  target?: string;
  take?: number;
}

export type AcknowledgeOutcome =
  | { status: "acknowledged"; notice: NoticeRecord }
  | { status: "missing" }
  | { status: "already"; notice: NoticeRecord };

export class GovernanceRepository {
  constructor(private readonly prisma: PrismaRegistryClient) {}

  /** Features of the project whose lifecycle was ever changed (active ones included, after an undo). */
  listFeatureLifecycles(projectName: string): Promise<FeatureLifecycleRecord[]> {
    return this.prisma.featureLifecycle.findMany({
      where: { project: { name: projectName } },
      orderBy: [{ viewName: "asc" }, { feature: "asc" }],
      select: {
        viewName: true,
        feature: true,
        lifecycle: true,
        deprecationReason: true,
        replacement: true,
        sunsetAt: true,
        updatedAt: true,
      },
    });
  }

  async listNotices(filter: NoticeFilter): Promise<NoticeRecord[]> {
    const rows = await this.prisma.deprecationNotice.findMany({
      where: {
        ...(filter.projectName ? { project: { name: filter.projectName } } : {}),
        ...(filter.open === true
          ? { acknowledgedAt: null }
          : filter.open === false
            ? { NOT: { acknowledgedAt: null } }
            : {}),
        ...(filter.targetKind ? { targetKind: filter.targetKind } : {}),
        ...(filter.target ? { target: filter.target } : {}),
      },
      orderBy: [{ createdAt: "desc" }, { target: "asc" }, { subjectKind: "asc" }, { subject: "asc" }],
      take: filter.take ?? 500,
      include: { project: { select: { name: true } } },
    });
    return rows.map(({ project, projectId: _projectId, ...row }) => ({ ...row, projectName: project.name }));
  }

  countOpenNotices(projectName?: string): Promise<number> {
    return this.prisma.deprecationNotice.count({
      where: { acknowledgedAt: null, ...(projectName ? { project: { name: projectName } } : {}) },
    });
  }

  /** Marks a notice acknowledged by `actor`, with an audit entry, in one transaction. */
  async acknowledgeNotice(
    projectName: string,
    id: string,
    actor: string,
    audit: (notice: NoticeRecord) => { summary: string; details: Record<string, unknown> },
  ): Promise<AcknowledgeOutcome> {
    return this.prisma.$transaction(async (tx) => {
      const row = await tx.deprecationNotice.findFirst({
        where: { id, project: { name: projectName } },
        include: { project: { select: { name: true } } },
      });
      if (!row) return { status: "missing" };
      const { project, projectId, ...rest } = row;
      const notice: NoticeRecord = { ...rest, projectName: project.name };
      if (row.acknowledgedAt) return { status: "already", notice };
      const acknowledgedAt = new Date();
      // Conditional: two owners acknowledging at once record one acknowledgement.
      const updated = await tx.deprecationNotice.updateMany({
        where: { id, acknowledgedAt: null },
        data: { acknowledgedBy: actor, acknowledgedAt },
      });
      if (updated.count === 0) return { status: "already", notice };
      const acknowledged = { ...notice, acknowledgedBy: actor, acknowledgedAt };
      const entry = audit(acknowledged);
      await tx.auditEvent.create({
        data: {
          projectId,
          actor,
          action: "acknowledge",
          kind: row.targetKind,
          name: row.target,
          summary: entry.summary,
          details: JSON.stringify(entry.details),
        },
      });
      return { status: "acknowledged", notice: acknowledged };
    });
  }
}
