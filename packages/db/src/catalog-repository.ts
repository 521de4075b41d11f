/**
 * Read-side queries of the console's catalog: whole-registry snapshots for the in-memory search
 * index, a cheap global change stamp that says when to rebuild it, keyset pages of the audit log
 * and per-project counts. Writes stay in RegistryRepository (saved datasets: SavedDatasetRepository).
 */
import type { PrismaRegistryClient } from "./client";
import type { ObjectKindName, ProjectRecord, StoredObject } from "./records";

/** An object row with the name of its project (snapshots cover every project at once). */
export interface CatalogObjectRow extends StoredObject {
  projectName: string;
}

export interface CatalogSnapshot {
  projects: ProjectRecord[];
  objects: CatalogObjectRow[];
}

export interface CatalogAuditRecord {
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

/** Position in the audit log, newest first: entries strictly older than this one come next. */
export interface AuditCursor {
  createdAt: Date;
  id: string;
}

export type ObjectCounts = Record<ObjectKindName | "feature", number>;

const OBJECT_SELECT = {
  id: true,
  name: true,
  description: true,
  owner: true,
  tags: true,
  origin: true,
  version: true,
  lifecycle: true,
  spec: true,
  createdAt: true,
  updatedAt: true,
  project: { select: { name: true } },
} as const;

type SelectedRow = Omit<StoredObject, "kind"> & { project: { name: string } };

export class CatalogRepository {
  constructor(private readonly prisma: PrismaRegistryClient) {}

  /**
   * Changes whenever anything in the registry changes, in any project, in one cheap round trip
   * (the console checks it before every search). Every write path leaves a row behind: applies
   * and edits write versions and an audit entry, lifecycle transitions and teardowns write audit
   * entries, and those tables only grow. Counts, not MAX(createdAt): COUNT(*) reads a small index,
   * while MAX over an unindexed column would scan rows that carry whole specs.
   */
  async globalChangeStamp(): Promise<string> {
    const rows = await this.prisma.$queryRaw<Record<string, unknown>[]>`
      SELECT
        (SELECT COUNT(*) FROM "ObjectVersion") AS versions,
        (SELECT COUNT(*) FROM "AuditEvent") AS audits,
        (SELECT COUNT(*) FROM "Project") AS projects,
        (SELECT MAX("updatedAt") FROM "Project") AS "projectsAt"`;
    const row = rows[0] ?? {};
    // The providers return counts as bigint or number and times as Date or text: any stable text will do.
    return Object.keys(row)
      .sort()
      .map((key) => {
        const value = row[key];
        return value instanceof Date ? value.getTime() : String(value ?? "-");
      })
      .join(":");
  }

  /**
   * Per project, a stamp that moves when anything in it changes (its versions and audit entries
   * only grow; its row is touched by every apply). Lets the console reload only those projects.
   */
  async projectChangeStamps(): Promise<Map<string, string>> {
    const rows = await this.prisma.$queryRaw<Record<string, unknown>[]>`
      SELECT p."name" AS name, p."updatedAt" AS at,
        (SELECT COUNT(*) FROM "ObjectVersion" v WHERE v."projectId" = p."id") AS versions,
        (SELECT COUNT(*) FROM "AuditEvent" a WHERE a."projectId" = p."id") AS audits
      FROM "Project" p`;
    const text = (value: unknown) => (value instanceof Date ? String(value.getTime()) : String(value ?? "-"));
    return new Map(rows.map((row) => [String(row.name), `${text(row.at)}:${text(row.versions)}:${text(row.audits)}`]));
  }

  listProjectRows(): Promise<ProjectRecord[]> {
    return this.prisma.project.findMany({ orderBy: { name: "asc" } });
  }

  /** Every project of the registry and the objects of the named ones (all when omitted), specs included. */
  async loadSnapshot(projectNames?: string[]): Promise<CatalogSnapshot> {
    const where = projectNames ? { project: { name: { in: projectNames } } } : {};
    const [projects, entities, dataSources, featureViews, onDemandFeatureViews, featureServices] = await Promise.all([
      this.prisma.project.findMany({ orderBy: { name: "asc" } }),
      this.prisma.entity.findMany({ where, select: OBJECT_SELECT }),
      this.prisma.dataSource.findMany({ where, select: OBJECT_SELECT }),
      this.prisma.featureView.findMany({
        where,
        select: { ...OBJECT_SELECT, deprecationReason: true, replacement: true, sunsetAt: true },
      }),
      this.prisma.onDemandFeatureView.findMany({ where, select: OBJECT_SELECT }),
      this.prisma.featureService.findMany({
        where,
        select: { ...OBJECT_SELECT, deprecationReason: true, replacement: true, sunsetAt: true, builtFrom: true },
      }),
    ]);
    const rows = (kind: ObjectKindName, list: SelectedRow[]): CatalogObjectRow[] =>
      list.map(({ project, ...row }) => ({ ...row, kind, projectName: project.name }));
    return {
      projects,
      objects: [
        ...rows("entity", entities),
        ...rows("dataSource", dataSources),
        ...rows("featureView", featureViews),
        ...rows("onDemandFeatureView", onDemandFeatureViews),
        ...rows("featureService", featureServices),
      ],
    };
  }

  async countObjects(projectName: string): Promise<ObjectCounts> {
    const where = { project: { name: projectName } };
    const [entity, dataSource, featureView, onDemandFeatureView, featureService, feature] = await Promise.all([
      this.prisma.entity.count({ where }),
      this.prisma.dataSource.count({ where }),
      this.prisma.featureView.count({ where }),
      this.prisma.onDemandFeatureView.count({ where }),
      this.prisma.featureService.count({ where }),
      this.prisma.feature.count({ where }),
    ]);
    return { entity, dataSource, featureView, onDemandFeatureView, featureService, feature };
  }

  /** The audit log newest first, one page after `cursor` (keyset: stable while entries are added). */
  async listAuditPage(filter: {
    projectName?: string;
    after?: AuditCursor;
    take: number;
    /** Exact matches; `object` matches the entry's object name, or "kind:name". */
    actor?: string;
    action?: string;
    kind?: string;
    name?: string;
    /** createdAt >= since and < until. */
    since?: Date;
    until?: Date;
  }): Promise<CatalogAuditRecord[]> {
    const after = filter.after;
    const rows = await this.prisma.auditEvent.findMany({
      where: {
        ...(filter.projectName ? { project: { name: filter.projectName } } : {}),
        ...(filter.actor ? { actor: filter.actor } : {}),
        ...(filter.action ? { action: filter.action } : {}),
        ...(filter.kind ? { kind: filter.kind } : {}),
        ...(filter.name ? { name: filter.name } : {}),
        ...(filter.since || filter.until
          ? {
              createdAt: {
                ...(filter.since ? { gte: filter.since } : {}),
                ...(filter.until ? { lt: filter.until } : {}),
              },
            }
          : {}),
        ...(after
          ? {
              OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }],
            }
          : {}),
      },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: filter.take,
      include: { project: { select: { name: true } } },
    });
    return rows.map(({ project, projectId: _projectId, ...row }) => ({ ...row, projectName: project?.name ?? null }));
  }

  /**
   * The naive way to search features: a raw LIKE over the Feature table's name, description and
   * tags. Kept as the baseline the search benchmark compares the in-memory index against.
   */
  async searchFeaturesByLike(text: string, take: number): Promise<{ name: string; viewName: string }[]> {
    const pattern = `%${text}%`;
    return this.prisma.$queryRaw<{ name: string; viewName: string }[]>`
      SELECT "name", "viewName" FROM "Feature"
      WHERE "name" LIKE ${pattern} OR "description" LIKE ${pattern} OR "tags" LIKE ${pattern}
      LIMIT ${take}`;
  }

  /** The same LIKE, counting every match (what a ranked search must look at before its first page). */
  async countFeaturesByLike(text: string): Promise<number> {
    const pattern = `%${text}%`;
    const rows = await this.prisma.$queryRaw<{ n: bigint | number }[]>`
      SELECT COUNT(*) AS n FROM "Feature"
      WHERE "name" LIKE ${pattern} OR "description" LIKE ${pattern} OR "tags" LIKE ${pattern}`;
    return Number(rows[0]?.n ?? 0);
  }
}
