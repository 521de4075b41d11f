/** Object versions and the audit log. */
import type { PrismaRegistryClient } from "./client";

export interface VersionRecord {
  kind: string;
  name: string;
  version: number;
  spec: string;
  change: string;
  author: string;
  createdAt: Date;
}

export interface AuditRecord {
  id: string;
  projectName: string | null;
  actor: string;
  action: string;
  kind: string | null;
  name: string | null;
  summary: string;
  details: string;
  createdAt: Date;
}

export class HistoryRepository {
  constructor(private readonly prisma: PrismaRegistryClient) {}

  listVersions(projectName: string, kind: string, name: string): Promise<VersionRecord[]> {
    return this.prisma.objectVersion.findMany({
      where: { project: { name: projectName }, kind, name },
      orderBy: { version: "desc" },
      select: { kind: true, name: true, version: true, spec: true, change: true, author: true, createdAt: true },
    });
  }

  async listAudit(filter: { projectName?: string; take: number; skip?: number }): Promise<AuditRecord[]> {
    const rows = await this.prisma.auditEvent.findMany({
      where: filter.projectName ? { project: { name: filter.projectName } } : {},
      orderBy: { createdAt: "desc" },
      take: filter.take,
      skip: filter.skip ?? 0,
      include: { project: { select: { name: true } } },
    });
    return rows.map(({ project, projectId: _projectId, ...row }) => ({ ...row, projectName: project?.name ?? null }));
  }

  async recordAudit(event: {
    projectName: string | null;
    actor: string;
    action: string;
    kind?: string;
    name?: string;
    summary: string;
    details?: string;
  }): Promise<void> {
    const project = event.projectName
      ? await this.prisma.project.findUnique({ where: { name: event.projectName }, select: { id: true } })
      : null;
    await this.prisma.auditEvent.create({
      data: {
        projectId: project?.id ?? null,
        actor: event.actor,
        action: event.action,
        kind: event.kind ?? null,
        name: event.name ?? null,
        summary: event.summary,
        details: event.details ?? "{}",
      },
    });
  }
}
