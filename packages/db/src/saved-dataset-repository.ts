/**
 * Saved datasets: named descriptions of retrieval results written to files. Every write records
 * an audit entry in the same transaction, like applies and edits do, so the log and the console's
 * change stamps see each save and delete.
 */
import type { PrismaRegistryClient } from "./client";
import { RegistryDbError } from "./errors";

type Tx = Omit<PrismaRegistryClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

/** The columns a caller writes; JSON columns (features, columns, tags) travel as strings. */
export interface SavedDatasetInput {
  name: string;
  features: string;
  featureService: string | null;
  columns: string;
  rowCount: number;
  minTs: Date | null;
  maxTs: Date | null;
  location: string;
  format: string;
  entitySource: string;
  tags: string;
}

export interface SavedDatasetRecord extends SavedDatasetInput {
  id: string;
  projectName: string;
  createdAt: Date;
}

/** "exists": the name is taken and replacing was not asked for; nothing was written. */
export type SaveDatasetOutcome =
  | { status: "created" | "replaced"; record: SavedDatasetRecord }
  | { status: "exists"; record: SavedDatasetRecord };

const WITH_PROJECT = { project: { select: { name: true } } } as const;

export class SavedDatasetRepository {
  constructor(private readonly prisma: PrismaRegistryClient) {}

  async list(projectName: string): Promise<SavedDatasetRecord[]> {
    const rows = await this.prisma.savedDataset.findMany({
      where: { project: { name: projectName } },
      orderBy: [{ createdAt: "desc" }, { name: "asc" }],
      include: WITH_PROJECT,
    });
    return rows.map(toRecord);
  }

  async count(projectName: string): Promise<number> {
    return this.prisma.savedDataset.count({ where: { project: { name: projectName } } });
  }

  async find(projectName: string, name: string): Promise<SavedDatasetRecord | null> {
    const row = await this.prisma.savedDataset.findFirst({
      where: { project: { name: projectName }, name },
      include: WITH_PROJECT,
    });
    return row ? toRecord(row) : null;
  }

  /**
   * Records a dataset and its audit entry in one transaction. The existence check runs inside the
   * transaction, and the unique index on (project, name) settles two saves racing for one name:
   * the loser reports "exists" instead of failing with a driver error.
   */
  async save(
    projectName: string,
    input: SavedDatasetInput,
    options: { actor: string; replace: boolean },
  ): Promise<SaveDatasetOutcome> {
    try {
      return await this.prisma.$transaction(async (tx) => {
        const projectId = await projectIdOrThrow(tx, projectName);
        const existing = await tx.savedDataset.findFirst({
          where: { projectId, name: input.name },
          include: WITH_PROJECT,
        });
        if (existing && !options.replace) return { status: "exists" as const, record: toRecord(existing) };
        if (existing) await tx.savedDataset.delete({ where: { id: existing.id } });
        const row = await tx.savedDataset.create({ data: { ...input, projectId }, include: WITH_PROJECT });
        const status = existing ? ("replaced" as const) : ("created" as const);
        await writeAudit(tx, projectId, {
          actor: options.actor,
          action: existing ? "replace-dataset" : "save-dataset",
          name: input.name,
          summary: `saved dataset '${input.name}' ${status}: ${input.rowCount.toLocaleString("en-US")} rows in ${input.location}`,
          details: { location: input.location, rows: input.rowCount, previousLocation: existing?.location },
        });
        return { status, record: toRecord(row) };
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const winner = await this.find(projectName, input.name);
      if (!winner) throw error;
      return { status: "exists", record: winner };
    }
  }

  /** Removes the record (never the file) with its audit entry; null when there was none. */
  async delete(projectName: string, name: string, actor: string): Promise<SavedDatasetRecord | null> {
    return this.prisma.$transaction(async (tx) => {
      const projectId = await projectIdOrThrow(tx, projectName);
      const existing = await tx.savedDataset.findFirst({ where: { projectId, name }, include: WITH_PROJECT });
      if (!existing) return null;
      await tx.savedDataset.delete({ where: { id: existing.id } });
      await writeAudit(tx, projectId, {
        actor,
        action: "delete-dataset",
        name,
        summary: `saved dataset '${name}' deleted (its file ${existing.location} was kept)`,
        details: { location: existing.location },
      });
      return toRecord(existing);
    });
  }
}

async function projectIdOrThrow(tx: Tx, projectName: string): Promise<string> {
  const project = await tx.project.findUnique({ where: { name: projectName }, select: { id: true } });
  if (!project) {
    throw new RegistryDbError(
      "FAILED_PRECONDITION",
      `project '${projectName}' is not in the registry; run 'pantry apply' in its feature repo first`,
    );
  }
  return project.id;
}

async function writeAudit(
  tx: Tx,
  projectId: string,
  event: { actor: string; action: string; name: string; summary: string; details: Record<string, unknown> },
): Promise<void> {
  const { details, ...columns } = event;
  await tx.auditEvent.create({
    data: { ...columns, projectId, kind: "savedDataset", details: JSON.stringify(details) },
  });
}

/** Prisma reports a unique-index violation as P2002 with either provider. */
function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown }).code === "P2002";
}

type Row = SavedDatasetInput & { id: string; projectId: string; createdAt: Date; project: { name: string } };

function toRecord({ project, projectId: _projectId, ...row }: Row): SavedDatasetRecord {
  return { ...row, projectName: project.name };
}
