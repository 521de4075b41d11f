/**
 * Materialization schedules. A due schedule is taken with a conditional UPDATE (enabled, due, no
 * live lease): on SQLite and PostgreSQL alike only one claimer's UPDATE matches the row.
 */
import type { PrismaRegistryClient } from "./client";

export interface ScheduleRecord {
  id: string;
  projectName: string;
  name: string;
  /** View names (a JSON array in the row, decoded here); empty = every online view. */
  views: string[];
  intervalSeconds: number;
  enabled: boolean;
  nextRunAt: Date;
  lastRunAt: Date | null;
  lastJobId: string | null;
  lastStatus: string | null;
  lastError: string | null;
  leaseOwner: string | null;
  leaseUntil: Date | null;
  createdBy: string;
  updatedBy: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface ScheduleAudit {
  actor: string;
  action: string;
  summary: string;
  details: Record<string, unknown>;
}

export interface ScheduleChange {
  views?: string[];
  intervalSeconds?: number;
  enabled?: boolean;
  nextRunAt?: Date;
}

export interface ScheduleRunOutcome {
  id: string;
  owner: string;
  nextRunAt: Date;
  lastRunAt: Date;
  lastJobId: string | null;
  lastStatus: string;
  lastError: string | null;
}

const withProject = { project: { select: { name: true } } } as const;

type Row = Omit<ScheduleRecord, "projectName" | "views"> & {
  views: string;
  projectId: string;
  project: { name: string };
};

function toRecord({ project, projectId: _projectId, views, ...row }: Row): ScheduleRecord {
  return { ...row, views: JSON.parse(views) as string[], projectName: project.name };
}

export class ScheduleRepository {
  constructor(private readonly prisma: PrismaRegistryClient) {}

  async list(projectName: string | null): Promise<ScheduleRecord[]> {
    const rows = await this.prisma.materializationSchedule.findMany({
      where: projectName ? { project: { name: projectName } } : {},
      orderBy: [{ name: "asc" }],
      include: withProject,
    });
    return rows.map(toRecord);
  }

  async get(projectName: string, name: string): Promise<ScheduleRecord | null> {
    const row = await this.prisma.materializationSchedule.findFirst({
      where: { project: { name: projectName }, name },
      include: withProject,
    });
    return row ? toRecord(row) : null;
  }

  /** Creates the schedule and its audit entry in one transaction; null when the name is taken. */
  async create(
    input: { projectName: string; name: string; views: string[]; intervalSeconds: number; nextRunAt: Date },
    audit: ScheduleAudit,
  ): Promise<ScheduleRecord | null> {
    return this.prisma.$transaction(async (tx) => {
      const project = await tx.project.findUniqueOrThrow({ where: { name: input.projectName }, select: { id: true } });
      const taken = await tx.materializationSchedule.findFirst({ where: { projectId: project.id, name: input.name } });
      if (taken) return null;
      const row = await tx.materializationSchedule.create({
        data: {
          projectId: project.id,
          name: input.name,
          views: JSON.stringify(input.views),
          intervalSeconds: input.intervalSeconds,
          nextRunAt: input.nextRunAt,
          createdBy: audit.actor,
          updatedBy: audit.actor,
        },
        include: withProject,
      });
      await tx.auditEvent.create({ data: auditRow(project.id, input.name, audit) });
      return toRecord(row);
    });
  }

  /** Updates the schedule and writes its audit entry; null when there is no such schedule. */
  async update(
    projectName: string,
    name: string,
    change: ScheduleChange,
    audit: ScheduleAudit,
  ): Promise<ScheduleRecord | null> {
    return this.prisma.$transaction(async (tx) => {
      const existing = await tx.materializationSchedule.findFirst({ where: { project: { name: projectName }, name } });
      if (!existing) return null;
      const row = await tx.materializationSchedule.update({
        where: { id: existing.id },
        data: {
          ...change,
          views: change.views === undefined ? undefined : JSON.stringify(change.views),
          updatedBy: audit.actor,
        },
        include: withProject,
      });
      await tx.auditEvent.create({ data: auditRow(existing.projectId, name, audit) });
      return toRecord(row);
    });
  }

  /** Removes the schedule and writes its audit entry; false when there is no such schedule. */
  async delete(projectName: string, name: string, audit: ScheduleAudit): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      const existing = await tx.materializationSchedule.findFirst({ where: { project: { name: projectName }, name } });
      if (!existing) return false;
      await tx.materializationSchedule.delete({ where: { id: existing.id } });
      await tx.auditEvent.create({ data: auditRow(existing.projectId, name, audit) });
      return true;
    });
  }

  /**
   * Takes the lease of every due schedule (enabled, next run <= now, no lease or an expired one)
   * that no one else takes first. Each row is claimed by its own conditional UPDATE; a claimer
   * whose UPDATE matches no row lost it.
   */
  async claimDue(options: {
    now: Date;
    owner: string;
    leaseUntil: Date;
    projectNames?: string[];
  }): Promise<ScheduleRecord[]> {
    const due = {
      enabled: true,
      nextRunAt: { lte: options.now },
      OR: [{ leaseUntil: null }, { leaseUntil: { lt: options.now } }],
    };
    const candidates = await this.prisma.materializationSchedule.findMany({
      where: { ...due, ...(options.projectNames ? { project: { name: { in: options.projectNames } } } : {}) },
      orderBy: { nextRunAt: "asc" },
      select: { id: true },
    });
    const claimed: ScheduleRecord[] = [];
    for (const { id } of candidates) {
      const { count } = await this.prisma.materializationSchedule.updateMany({
        where: { id, ...due },
        data: { leaseOwner: options.owner, leaseUntil: options.leaseUntil },
      });
      if (count !== 1) continue;
      const row = await this.prisma.materializationSchedule.findUnique({ where: { id }, include: withProject });
      if (row) claimed.push(toRecord(row));
    }
    return claimed;
  }

  /**
   * Extends the lease of a run in progress, only while this owner still holds it (a lease that
   * expired and was taken by another claimer has another owner); false when it was lost.
   */
  async renewLease(options: { id: string; owner: string; leaseUntil: Date }): Promise<boolean> {
    const { count } = await this.prisma.materializationSchedule.updateMany({
      where: { id: options.id, leaseOwner: options.owner },
      data: { leaseUntil: options.leaseUntil },
    });
    return count === 1;
  }

  /** Records a run and releases the lease; false when the lease was no longer this owner's. */
  async finishRun(outcome: ScheduleRunOutcome): Promise<boolean> {
    const { count } = await this.prisma.materializationSchedule.updateMany({
      where: { id: outcome.id, leaseOwner: outcome.owner },
      data: {
        nextRunAt: outcome.nextRunAt,
        lastRunAt: outcome.lastRunAt,
        lastJobId: outcome.lastJobId,
        lastStatus: outcome.lastStatus,
        lastError: outcome.lastError,
        leaseOwner: null,
        leaseUntil: null,
      },
    });
    return count === 1;
  }
}

function auditRow(projectId: string, name: string, audit: ScheduleAudit) {
  return {
    projectId,
    actor: audit.actor,
    action: audit.action,
    kind: "materializationSchedule",
    name,
    summary: audit.summary,
    details: JSON.stringify(audit.details),
  };
}
