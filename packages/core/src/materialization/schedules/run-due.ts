/**
 * Runs the due schedules of one registry once: claim them (a lease only one process gets), run
 * materialize-incremental up to now for their views, record the job and the next slot, release.
 * A failed run is recorded on the schedule (and in its job) and never stops the others.
 */
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { isPantryError } from "../../errors";
import type { Registry } from "../../registry/registry";
import { nextRunAfter } from "./interval";
import { type MaterializationSchedule, toSchedule } from "./schedules";

/** What running a schedule needs of a project: its FeatureStore does. */
export interface ScheduleRunner {
  materializeIncremental(
    end: Date,
    options: { views?: string[]; trigger?: string; onJobCreated?: (jobId: string) => void },
  ): Promise<{ jobId: string }>;
}

export interface RunDueSchedulesOptions {
  registry: Registry;
  /** The runner of a project; null = this process cannot run that project (its schedules stay due). */
  runnerFor: (project: string) => Promise<ScheduleRunner | null>;
  now?: Date;
  /** Only these projects (a `pantry serve` for one repo); default: every project of the registry. */
  projects?: string[];
  /** Lease holder name; default host:pid:random. */
  owner?: string;
  /** How long a claim holds before another process may take the schedule over (default 1 h). */
  leaseMs?: number;
}

export interface ScheduleRun {
  project: string;
  schedule: string;
  status: "succeeded" | "failed" | "cancelled";
  jobId: string | null;
  error: string | null;
  nextRunAt: Date;
}

export const DEFAULT_LEASE_MS = 3_600_000;

export function defaultLeaseOwner(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
}

export async function runDueSchedules(options: RunDueSchedulesOptions): Promise<ScheduleRun[]> {
  const now = options.now ?? new Date();
  const owner = options.owner ?? defaultLeaseOwner();
  const { registry } = options;
  const claimed = await registry.db.schedules.claimDue({
    now,
    owner,
    leaseUntil: new Date(now.getTime() + (options.leaseMs ?? DEFAULT_LEASE_MS)),
    projectNames: options.projects,
  });
  const runs: ScheduleRun[] = [];
  for (const record of claimed) runs.push(await runOne(registry, toSchedule(record), owner, now, options));
  return runs;
}

async function runOne(
  registry: Registry,
  schedule: MaterializationSchedule,
  owner: string,
  now: Date,
  options: RunDueSchedulesOptions,
): Promise<ScheduleRun> {
  let jobId: string | null = null;
  let status: ScheduleRun["status"] = "succeeded";
  let error: string | null = null;
  try {
    const runner = await options.runnerFor(schedule.project);
    if (!runner) throw new Error(`no feature repo for project '${schedule.project}' in this process`);
    const result = await runner.materializeIncremental(now, {
      views: schedule.views.length ? schedule.views : undefined,
      trigger: "schedule",
      onJobCreated: (id) => {
        jobId = id;
      },
    });
    jobId = result.jobId;
  } catch (caught) {
    status = isPantryError(caught) && caught.code === "CANCELLED" ? "cancelled" : "failed";
    error = caught instanceof Error ? caught.message : String(caught);
    if (isPantryError(caught) && typeof caught.details.jobId === "string") jobId = caught.details.jobId;
  }
  const nextRunAt = nextRunAfter(schedule.nextRunAt, schedule.intervalSeconds, now);
  // Always release, even after a failure: the next slot is the schedule's next try.
  await registry.db.schedules.finishRun({
    id: schedule.id,
    owner,
    nextRunAt,
    lastRunAt: now,
    lastJobId: jobId,
    lastStatus: status,
    lastError: error,
  });
  return { project: schedule.project, schedule: schedule.name, status, jobId, error, nextRunAt };
}
