/**
 * Runs the due schedules of one registry once: claim them (a lease only one process gets), run
 * materialize-incremental up to now for their views, record the job and the next slot, release.
 * A failed run is recorded on the schedule (and in its job) and never stops the others. The lease
 * is renewed while the run goes on; a run whose lease was lost anyway (taken over by another
 * process) finishes but records nothing. Each pass first marks interrupted jobs failed.
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
  /** How long a claim holds before another process may take the schedule over (default 5 min). */
  leaseMs?: number;
  /** How often a run in progress renews its lease (default a third of the lease). */
  renewEveryMs?: number;
  /** Where a lost lease is reported (default console.warn). */
  log?: (message: string) => void;
}

export interface ScheduleRun {
  project: string;
  schedule: string;
  status: "succeeded" | "failed" | "cancelled";
  jobId: string | null;
  error: string | null;
  nextRunAt: Date;
  /** False when the lease was lost during the run: the schedule was left to its new holder. */
  recorded: boolean;
}

/**
 * 5 minutes, renewed every third of it (100 s) while the run goes on: a run of any length keeps
 * its schedule, and a process that dies holding one leaves it to another within 5 minutes.
 */
export const DEFAULT_LEASE_MS = 300_000;

export function defaultLeaseOwner(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
}

export async function runDueSchedules(options: RunDueSchedulesOptions): Promise<ScheduleRun[]> {
  const now = options.now ?? new Date();
  const owner = options.owner ?? defaultLeaseOwner();
  const { registry } = options;
  for (const project of options.projects ?? [null]) {
    await registry.sweepInterruptedJobs(project);
  }
  const claimed = await registry.schedules.claimDue({
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
  const lease = renewLease(registry, schedule, owner, now, options);
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
  const lost = await lease.stop();
  const nextRunAt = nextRunAfter(schedule.nextRunAt, schedule.intervalSeconds, now);
  // Always release, even after a failure: the next slot is the schedule's next try. A lost lease
  // matches no row: the schedule belongs to its new holder, whose run records itself.
  const recorded =
    !lost &&
    (await registry.schedules.finishRun({
      id: schedule.id,
      owner,
      nextRunAt,
      lastRunAt: now,
      lastJobId: jobId,
      lastStatus: status,
      lastError: error,
    }));
  if (!recorded && !lost) leaseLost(schedule, owner, options);
  return { project: schedule.project, schedule: schedule.name, status, jobId, error, nextRunAt, recorded };
}

/** Renews the lease every renewEveryMs until stop(), which resolves true when the lease was lost. */
function renewLease(
  registry: Registry,
  schedule: MaterializationSchedule,
  owner: string,
  claimedAt: Date,
  options: RunDueSchedulesOptions,
): { stop: () => Promise<boolean> } {
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const started = Date.now();
  let lost = false;
  let renewing: Promise<void> = Promise.resolve();
  const timer = setInterval(
    () => {
      renewing = renewing.then(async () => {
        if (lost) return;
        // On the claim's clock (tests pass one), moved on by the time the run has taken.
        const leaseUntil = new Date(claimedAt.getTime() + (Date.now() - started) + leaseMs);
        try {
          if (await registry.schedules.renewLease({ id: schedule.id, owner, leaseUntil })) return;
        } catch {
          return; // the registry did not answer; the next renewal tries again while the lease holds
        }
        lost = true;
        clearInterval(timer);
        leaseLost(schedule, owner, options);
      });
    },
    options.renewEveryMs ?? leaseMs / 3,
  );
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await renewing;
      return lost;
    },
  };
}

function leaseLost(schedule: MaterializationSchedule, owner: string, options: RunDueSchedulesOptions): void {
  (options.log ?? console.warn)(
    `pantry scheduler: schedule '${schedule.name}' of project '${schedule.project}' is no longer leased by ${owner} ` +
      "(another process took it over); this run goes on but its outcome is not recorded on the schedule",
  );
}
