/**
 * The only code that touches the registry tables. Methods take and return plain records;
 * the engine (packages/core) decides what to write.
 */
import type { PrismaRegistryClient } from "./client";
import type { ProjectSpecs, SqliteSpecReader } from "./sqlite-spec-reader";
import { conflictOnUnique, RegistryDbError } from "./errors";
import type {
  ChangeSet,
  LifecycleChange,
  LifecycleOutcome,
  ObjectKindName,
  ObjectRecord,
  ProjectRecord,
  StoredObject,
} from "./records";

type Tx = Omit<PrismaRegistryClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

/** The five object tables share their common columns; this is the slice of the delegate API used here. */
interface ObjectDelegate {
  findMany(args: { where: Record<string, unknown>; orderBy?: Record<string, string> }): Promise<StoredObject[]>;
  findFirst(args: { where: Record<string, unknown> }): Promise<StoredObject | null>;
  create(args: { data: Record<string, unknown> }): Promise<{ id: string }>;
  update(args: { where: { id: string }; data: Record<string, unknown> }): Promise<unknown>;
  updateMany(args: { where: Record<string, unknown>; data: Record<string, unknown> }): Promise<unknown>;
  delete(args: { where: { id: string } }): Promise<unknown>;
  count(args: { where: Record<string, unknown> }): Promise<number>;
}

export const OBJECT_KIND_NAMES: ObjectKindName[] = [
  "entity",
  "dataSource",
  "featureView",
  "onDemandFeatureView",
  "featureService",
];

function delegate(tx: Tx, kind: ObjectKindName): ObjectDelegate {
  const byKind = {
    entity: tx.entity,
    dataSource: tx.dataSource,
    featureView: tx.featureView,
    onDemandFeatureView: tx.onDemandFeatureView,
    featureService: tx.featureService,
  };
  return byKind[kind] as unknown as ObjectDelegate;
}

export class RegistryRepository {
  constructor(
    private readonly prisma: PrismaRegistryClient,
    /** SQLite registries: the read path without Prisma (sqlite-spec-reader.ts). */
    private readonly specReader: SqliteSpecReader | null = null,
  ) {}

  /** A project's fields and every object's spec by kind, ordered by name; null for an unknown project. */
  async projectSpecs(projectName: string): Promise<ProjectSpecs | null> {
    if (this.specReader) return this.specReader.projectSpecs(projectName);
    const project = await this.findProject(projectName);
    if (!project) return null;
    const lists = await Promise.all(OBJECT_KIND_NAMES.map((kind) => this.listObjects(projectName, kind)));
    const specs = Object.fromEntries(
      OBJECT_KIND_NAMES.map((kind, i) => [kind, (lists[i] ?? []).map((o) => o.spec)]),
    ) as Record<ObjectKindName, string[]>;
    return { project, specs };
  }

  listProjects(): Promise<ProjectRecord[]> {
    return this.prisma.project.findMany({ orderBy: { name: "asc" } });
  }

  findProject(name: string): Promise<ProjectRecord | null> {
    return this.prisma.project.findUnique({ where: { name } });
  }

  async listObjects(projectName: string, kind: ObjectKindName): Promise<StoredObject[]> {
    const rows = await delegate(this.prisma, kind).findMany({
      where: { project: { name: projectName } },
      orderBy: { name: "asc" },
    });
    return rows.map((row) => ({ ...row, kind }));
  }

  async findObject(projectName: string, kind: ObjectKindName, name: string): Promise<StoredObject | null> {
    const row = await delegate(this.prisma, kind).findFirst({ where: { project: { name: projectName }, name } });
    return row ? { ...row, kind } : null;
  }

  /** A cheap fingerprint that changes whenever anything in the project changes. */
  async changeStamp(projectName: string): Promise<string> {
    const project = await this.prisma.project.findUnique({ where: { name: projectName }, select: { id: true } });
    if (!project) return "none";
    const latest = await this.prisma.objectVersion.findFirst({
      where: { projectId: project.id },
      orderBy: { createdAt: "desc" },
      select: { id: true, createdAt: true },
    });
    const lifecycle = await this.prisma.auditEvent.findFirst({
      where: { projectId: project.id },
      orderBy: { createdAt: "desc" },
      select: { id: true },
    });
    return `${latest?.id ?? "-"}:${lifecycle?.id ?? "-"}`;
  }

  /** Writes a whole plan in one transaction: objects, versions, audit. All or nothing. */
  async applyChangeSet(change: ChangeSet): Promise<void> {
    await this.prisma
      .$transaction(
        async (tx) => {
          const project = await tx.project.upsert({
            where: { name: change.project.name },
            create: { ...change.project },
            update: {
              description: change.project.description,
              owner: change.project.owner,
              tags: change.project.tags,
              ...(change.project.repoPath ? { repoPath: change.project.repoPath } : {}),
            },
          });
          for (const expected of change.expected ?? []) await checkExpectedVersion(tx, project.id, expected, change);
          // The check above reads; on PostgreSQL (read committed) another transaction may commit
          // between it and the writes, so each write is also conditional on the planned version.
          const planned = new Map((change.expected ?? []).map((e) => [`${e.kind}:${e.name}`, e.version]));
          const guard: WriteGuard = { change, planned };
          for (const record of change.creates) await createObject(tx, project.id, record, change.actor, guard);
          for (const record of change.updates) await updateObject(tx, project.id, record, change.actor, guard);
          for (const removal of change.deletes)
            await deleteObject(tx, project.id, removal.kind, removal.name, change.actor, guard);
          await recordBuiltFrom(tx, project.id, [...change.creates, ...change.updates]);
          await tx.auditEvent.create({
            data: {
              projectId: project.id,
              actor: change.actor,
              action: change.action,
              summary: change.summary,
              details: JSON.stringify({
                created: change.creates.map((r) => `${r.kind}:${r.name}`),
                changed: change.updates.map((r) => `${r.kind}:${r.name}`),
                deleted: change.deletes.map((r) => `${r.kind}:${r.name}`),
              }),
            },
          });
        },
        { timeout: 60_000, maxWait: 20_000 },
      )
      .catch((error: unknown) => {
        throw conflictOnUnique(error, `${change.action} of project '${change.project.name}'`);
      });
  }

  /**
   * Sets a view's lifecycle columns and writes the audit entry in one transaction. The spec and
   * version are untouched (lifecycle is operational state, not definition); the new audit row
   * moves the change stamp, which is how running feature servers notice.
   */
  async setLifecycle(change: LifecycleChange): Promise<LifecycleOutcome> {
    return this.prisma.$transaction(async (tx) => {
      const project = await tx.project.findUnique({ where: { name: change.projectName }, select: { id: true } });
      if (!project) return { status: "missing" };
      const { lifecycle, deprecationReason, replacement, sunsetAt } = change;
      if (change.kind === "feature") {
        const colon = change.name.indexOf(":");
        const viewName = change.name.slice(0, colon);
        const feature = change.name.slice(colon + 1);
        const row = await tx.feature.findFirst({ where: { projectId: project.id, viewName, name: feature } });
        if (!row) return { status: "missing" };
        const key = { projectId_viewName_feature: { projectId: project.id, viewName, feature } };
        const existing = await tx.featureLifecycle.findUnique({ where: key });
        const current = existing?.lifecycle ?? "active";
        if (current !== change.expected) return { status: "moved", current };
        const data = { lifecycle, deprecationReason, replacement, sunsetAt };
        await tx.featureLifecycle.upsert({
          where: key,
          create: { projectId: project.id, viewName, feature, ...data },
          update: data,
        });
      } else {
        const table = delegate(tx, change.kind);
        const existing = await table.findFirst({ where: { projectId: project.id, name: change.name } });
        if (!existing) return { status: "missing" };
        if (existing.lifecycle !== change.expected) return { status: "moved", current: existing.lifecycle };
        await table.update({
          where: { id: existing.id },
          data: { lifecycle, deprecationReason, replacement, sunsetAt },
        });
      }
      await tx.auditEvent.create({
        data: {
          projectId: project.id,
          actor: change.audit.actor,
          action: change.audit.action,
          kind: change.kind,
          name: change.name,
          summary: change.audit.summary,
          details: JSON.stringify(change.audit.details),
        },
      });
      if (lifecycle === "active") {
        // The undo: notices still open for it have nothing left to act on.
        await tx.deprecationNotice.updateMany({
          where: { projectId: project.id, targetKind: change.kind, target: change.name, acknowledgedAt: null },
          data: { acknowledgedBy: `${change.audit.actor} (reactivated)`, acknowledgedAt: new Date() },
        });
      }
      if (change.notices?.length) {
        await tx.deprecationNotice.createMany({
          data: change.notices.map((notice) => ({
            ...notice,
            projectId: project.id,
            targetKind: change.kind,
            target: change.name,
            state: lifecycle,
            reason: deprecationReason,
            replacement,
            sunsetAt,
            actor: change.audit.actor,
          })),
        });
      }
      return { status: "applied" };
    });
  }

  /** Removes a project with everything in it (teardown). */
  async deleteProject(name: string, actor: string): Promise<boolean> {
    const project = await this.prisma.project.findUnique({ where: { name } });
    if (!project) return false;
    await this.prisma.$transaction(async (tx) => {
      await tx.project.delete({ where: { id: project.id } });
      await tx.auditEvent.create({
        data: { actor, action: "teardown", summary: `project '${name}' torn down: all its objects were removed` },
      });
    });
    return true;
  }
}

const existingVersionUnknown = 0;

/** What the writes of one change set are conditional on: the version each object had when planned. */
interface WriteGuard {
  change: ChangeSet;
  planned: Map<string, number | null>;
}

/** The version a write may start from: the planned one when the plan recorded it, else the one read now. */
function baseVersion(guard: WriteGuard, kind: ObjectKindName, name: string, read: number): number {
  const planned = guard.planned.get(`${kind}:${name}`);
  return typeof planned === "number" ? planned : read;
}

/**
 * A conditional write matched no row: another transaction moved the object after this one's
 * check (PostgreSQL; SQLite's write lock makes this impossible). Names the object and where it is now.
 */
async function movedConflict(
  tx: Tx,
  projectId: string,
  kind: ObjectKindName,
  name: string,
  from: number,
  guard: WriteGuard,
): Promise<RegistryDbError> {
  const row = await delegate(tx, kind).findFirst({ where: { projectId, name } });
  const now = row ? `is at version ${row.version}` : "was deleted";
  return new RegistryDbError(
    "CONFLICT",
    `${guard.change.action} of project '${guard.change.project.name}': ${kind} '${name}' ${now} by another change written at the same moment (this one was planned from version ${from}); nothing was written: look again and retry`,
  );
}

async function checkExpectedVersion(
  tx: Tx,
  projectId: string,
  expected: { kind: ObjectKindName; name: string; version: number | null },
  change: ChangeSet,
): Promise<void> {
  const row = await delegate(tx, expected.kind).findFirst({ where: { projectId, name: expected.name } });
  const current = row?.version ?? null;
  if (current === expected.version) return;
  const what = `${expected.kind} '${expected.name}'`;
  const now = current === null ? "was deleted" : expected.version === null ? "was created" : `is at version ${current}`;
  throw new RegistryDbError(
    "CONFLICT",
    `${change.action} of project '${change.project.name}': ${what} ${now} by another change since this one was planned (from ${expected.version === null ? "nothing" : `version ${expected.version}`}); nothing was written: look again and retry`,
  );
}

async function createObject(
  tx: Tx,
  projectId: string,
  record: ObjectRecord,
  actor: string,
  guard: WriteGuard,
): Promise<void> {
  const table = delegate(tx, record.kind);
  const previous = await tx.objectVersion.findFirst({
    where: { projectId, kind: record.kind, name: record.name },
    orderBy: { version: "desc" },
    select: { version: true },
  });
  // A re-created object continues its version history instead of restarting at 1.
  const version = (previous?.version ?? 0) + 1;
  const created = await table
    .create({ data: { ...commonColumns(record), ...record.columns, projectId, version } })
    .catch((error: unknown) => {
      // Two creates of one name at the same moment: the unique index lets one through.
      if ((error as { code?: unknown } | null)?.code !== "P2002") throw error;
      throw new RegistryDbError(
        "CONFLICT",
        `${guard.change.action} of project '${guard.change.project.name}': ${record.kind} '${record.name}' was created by another change written at the same moment; nothing was written: look again and retry`,
      );
    });
  await writeChildren(tx, projectId, created.id, record);
  await recordVersion(tx, projectId, record, version, "create", actor);
}

async function updateObject(
  tx: Tx,
  projectId: string,
  record: ObjectRecord,
  actor: string,
  guard: WriteGuard,
): Promise<void> {
  const table = delegate(tx, record.kind);
  const existing = await table.findFirst({ where: { projectId, name: record.name } });
  if (!existing) {
    const planned = guard.planned.get(`${record.kind}:${record.name}`) ?? existingVersionUnknown;
    throw await movedConflict(tx, projectId, record.kind, record.name, planned, guard);
  }
  const from = baseVersion(guard, record.kind, record.name, existing.version);
  const version = from + 1;
  // Row-locking and conditional: a concurrent writer that got here first makes this match nothing.
  const { count } = (await table.updateMany({
    where: { id: existing.id, version: from },
    data: { ...commonColumns(record), ...record.columns, version },
  })) as { count: number };
  if (count === 0) throw await movedConflict(tx, projectId, record.kind, record.name, from, guard);
  await deleteChildren(tx, projectId, existing.id, record.kind, record.name);
  await writeChildren(tx, projectId, existing.id, record);
  await recordVersion(tx, projectId, record, version, "change", actor);
}

async function deleteObject(
  tx: Tx,
  projectId: string,
  kind: ObjectKindName,
  name: string,
  actor: string,
  guard: WriteGuard,
) {
  const table = delegate(tx, kind);
  const existing = await table.findFirst({ where: { projectId, name } });
  if (!existing) return;
  const from = baseVersion(guard, kind, name, existing.version);
  // Lock the row first (a conditional no-op update), so a concurrent change is seen before the children go.
  const { count } = (await table.updateMany({
    where: { id: existing.id, version: from },
    data: { version: from },
  })) as {
    count: number;
  };
  if (count === 0) throw await movedConflict(tx, projectId, kind, name, from, guard);
  await deleteChildren(tx, projectId, existing.id, kind, name);
  if (kind === "featureView") await tx.materializationInterval.deleteMany({ where: { projectId, viewName: name } });
  if (kind === "featureView" || kind === "onDemandFeatureView")
    await tx.featureLifecycle.deleteMany({ where: { projectId, viewName: name } });
  await table.delete({ where: { id: existing.id } });
  await tx.objectVersion.create({
    data: {
      projectId,
      kind,
      name,
      version: from + 1,
      spec: existing.spec,
      change: "delete",
      author: actor,
    },
  });
}

function commonColumns(record: ObjectRecord) {
  return {
    name: record.name,
    description: record.description,
    owner: record.owner,
    tags: record.tags,
    origin: record.origin,
    spec: record.spec,
  };
}

async function writeChildren(tx: Tx, projectId: string, objectId: string, record: ObjectRecord): Promise<void> {
  if (record.features?.length) {
    await tx.feature.createMany({
      data: record.features.map((f) => ({ ...f, projectId, viewKind: record.kind, viewName: record.name })),
    });
  }
  if (record.projections?.length) {
    await tx.featureServiceProjection.createMany({
      data: record.projections.map((p) => ({ ...p, serviceId: objectId })),
    });
  }
}

async function deleteChildren(tx: Tx, projectId: string, objectId: string, kind: ObjectKindName, name: string) {
  if (kind === "featureView" || kind === "onDemandFeatureView") {
    await tx.feature.deleteMany({ where: { projectId, viewName: name, viewKind: kind } });
  }
  if (kind === "featureService") await tx.featureServiceProjection.deleteMany({ where: { serviceId: objectId } });
}

async function recordVersion(
  tx: Tx,
  projectId: string,
  record: ObjectRecord,
  version: number,
  change: "create" | "change",
  author: string,
): Promise<void> {
  await tx.objectVersion.create({
    data: { projectId, kind: record.kind, name: record.name, version, spec: record.spec, change, author },
  });
}

/**
 * A written feature service remembers the version of each view it reads, as they stand once the
 * whole change is written (a view changed in the same apply counts at its new version).
 */
async function recordBuiltFrom(tx: Tx, projectId: string, records: ObjectRecord[]): Promise<void> {
  for (const record of records) {
    if (record.kind !== "featureService") continue;
    const names = [...new Set((record.projections ?? []).map((p) => p.viewName))];
    const where = { projectId, name: { in: names } };
    const [views, onDemand] = await Promise.all([
      tx.featureView.findMany({ where, select: { name: true, version: true } }),
      tx.onDemandFeatureView.findMany({ where, select: { name: true, version: true } }),
    ]);
    const builtFrom: Record<string, { kind: string; version: number }> = {};
    for (const row of views) builtFrom[row.name] = { kind: "featureView", version: row.version };
    for (const row of onDemand) builtFrom[row.name] = { kind: "onDemandFeatureView", version: row.version };
    await tx.featureService.updateMany({
      where: { projectId, name: record.name },
      data: { builtFrom: JSON.stringify(builtFrom) },
    });
  }
}
