/**
 * Materialization schedules over a real SQLite registry and online store: validation, running a
 * due schedule (trigger "schedule", job recorded, next slot), paused ones skipped, missed slots
 * skipped, the lease released after a failed run, and the Scheduler's tick/stop.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createSchedule,
  getScheduleOrThrow,
  listSchedules,
  nextRunAfter,
  pauseSchedule,
  resumeSchedule,
  runDueSchedules,
  Scheduler,
} from "../src/materialization/schedules/index";
import { startStoreSchedulers } from "../src/workspace/schedulers";
import type { Registry } from "../src/registry/registry";
import { createOnlineTestRepo, type OnlineTestRepo } from "../testing/online-test-repo";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe("materialization schedules", () => {
  let repo: OnlineTestRepo;
  let registry: Registry;
  let t0: Date;
  const project = "online_test";

  beforeEach(async () => {
    repo = await createOnlineTestRepo({ online: "sqlite" });
    await repo.store.apply({ actor: "test" });
    registry = await repo.store.registry();
    t0 = repo.lastEventTs;
  });
  afterEach(async () => {
    await repo.cleanup();
  });

  const runnerFor = async () => repo.store;

  it("validates the interval, the views and the name, naming the thing", async () => {
    await expect(createSchedule(registry, { project, every: "30s", actor: "t" })).rejects.toThrow(
      /every '30s' is shorter than a minute/,
    );
    await expect(createSchedule(registry, { project, every: "0 * * * *", actor: "t" })).rejects.toThrow(
      /is not an interval; write "15m", "1h" or "1d" \(cron is not supported\)/,
    );
    await expect(
      createSchedule(registry, { project, every: "1h", views: ["driver_hourly_stat"], actor: "t" }),
    ).rejects.toThrow(
      /feature view 'driver_hourly_stat' is not in project 'online_test'; did you mean 'driver_hourly_stats'/,
    );
    const created = await createSchedule(registry, { project, every: "1h", actor: "alice", now: t0 });
    expect(created).toMatchObject({ name: "every_1h", views: [], every: "1h", enabled: true, createdBy: "alice" });
    expect(created.nextRunAt).toEqual(new Date(t0.getTime() + HOUR));
    await expect(createSchedule(registry, { project, every: "60m", name: "every_1h", actor: "t" })).rejects.toThrow(
      /already has a schedule named 'every_1h'; pick another name/,
    );
    await expect(getScheduleOrThrow(registry, { project, name: "every_1" })).rejects.toThrow(
      /schedule 'every_1' is not in project 'online_test' \(it has: every_1h\); did you mean 'every_1h'/,
    );
    const audit = await registry.history.listAudit({ projectName: project, take: 1 });
    expect(audit[0]).toMatchObject({ action: "create-schedule", actor: "alice", name: "every_1h" });
  });

  it("runs a due schedule with trigger 'schedule', records the job and advances the next run", async () => {
    await createSchedule(registry, {
      project,
      every: "1h",
      views: ["driver_lifetime"],
      name: "hourly",
      actor: "t",
      now: t0,
    });
    expect(await runDueSchedules({ registry, runnerFor, now: new Date(t0.getTime() + 30 * MINUTE) })).toEqual([]);
    const now = new Date(t0.getTime() + HOUR + 5000);
    const runs = await runDueSchedules({ registry, runnerFor, now });
    expect(runs).toMatchObject([{ schedule: "hourly", status: "succeeded", error: null }]);
    const schedule = await getScheduleOrThrow(registry, { project, name: "hourly" });
    expect(schedule).toMatchObject({ lastStatus: "succeeded", lastRunAt: now, leaseOwner: null, leaseUntil: null });
    expect(schedule.nextRunAt).toEqual(new Date(t0.getTime() + 2 * HOUR));
    const job = await registry.jobs.getJob(schedule.lastJobId as string);
    expect(job).toMatchObject({
      trigger: "schedule",
      status: "succeeded",
      views: ["driver_lifetime"],
      mode: "incremental",
    });
    expect(job?.rowsWritten).toBe(5);
    // Not due again until the next slot.
    expect(await runDueSchedules({ registry, runnerFor, now: new Date(now.getTime() + MINUTE) })).toEqual([]);
  });

  it("skips a paused schedule and, after a long pause, skips the missed slots", async () => {
    await createSchedule(registry, { project, every: "1h", name: "hourly", actor: "t", now: t0 });
    await pauseSchedule(registry, { project, name: "hourly", actor: "t" });
    expect(await runDueSchedules({ registry, runnerFor, now: new Date(t0.getTime() + 5 * HOUR) })).toEqual([]);
    expect((await listSchedules(registry, project))[0]).toMatchObject({ enabled: false });
    const resumedAt = new Date(t0.getTime() + 5 * HOUR + 30 * MINUTE);
    const resumed = await resumeSchedule(registry, { project, name: "hourly", actor: "t", now: resumedAt });
    expect(resumed.nextRunAt).toEqual(new Date(resumedAt.getTime() + HOUR));
    // Down for 5.5 slots: one run, then the next slot after now, not five catch-up runs.
    expect(nextRunAfter(t0, 3600, new Date(t0.getTime() + 5.5 * HOUR))).toEqual(new Date(t0.getTime() + 6 * HOUR));
  });

  it("records a failed run and releases the lease", async () => {
    await createSchedule(registry, { project, every: "15m", name: "quarter", actor: "t", now: t0 });
    const now = new Date(t0.getTime() + 50 * MINUTE);
    const failing = async () => ({
      materializeIncremental: async () => {
        throw new Error("offline store is down");
      },
    });
    const runs = await runDueSchedules({ registry, runnerFor: failing, now });
    expect(runs).toMatchObject([{ status: "failed", error: "offline store is down", jobId: null }]);
    const schedule = await getScheduleOrThrow(registry, { project, name: "quarter" });
    expect(schedule).toMatchObject({ lastStatus: "failed", lastError: "offline store is down", leaseOwner: null });
    expect(schedule.nextRunAt).toEqual(new Date(t0.getTime() + 60 * MINUTE));
    // The next slot runs it again (released, not stuck behind a lease).
    const retry = await runDueSchedules({ registry, runnerFor, now: new Date(t0.getTime() + 61 * MINUTE) });
    expect(retry).toMatchObject([{ status: "succeeded" }]);
  });

  it("Scheduler ticks, never overlaps, and stops cleanly", async () => {
    await createSchedule(registry, {
      project,
      every: "1m",
      name: "minutely",
      actor: "t",
      now: new Date(Date.now() - 2 * MINUTE),
    });
    const seen: string[] = [];
    const scheduler = new Scheduler({
      registry,
      runnerFor,
      intervalMs: 60_000,
      onRuns: (runs) => seen.push(...runs.map((r) => r.status)),
    });
    scheduler.start();
    expect(scheduler.running).toBe(true);
    await scheduler.tick(); // joins the first tick, already in progress
    await scheduler.stop();
    expect(scheduler.running).toBe(false);
    expect(seen).toEqual(["succeeded"]);
  });

  it("pantry serve's schedulers run the served project's due schedules; PANTRY_SCHEDULER=off starts none", async () => {
    expect(await startStoreSchedulers([repo.store], { PANTRY_SCHEDULER: "off" })).toEqual([]);
    await createSchedule(registry, { project, every: "1m", actor: "t", now: new Date(Date.now() - 2 * MINUTE) });
    const schedulers = await startStoreSchedulers([repo.store], {});
    expect(schedulers).toHaveLength(1);
    await schedulers[0]?.tick();
    await Promise.all(schedulers.map((s) => s.stop()));
    const [schedule] = await listSchedules(registry, project);
    expect(schedule).toMatchObject({ lastStatus: "succeeded", leaseOwner: null });
    expect(schedule?.nextRunAt.getTime()).toBeGreaterThan(Date.now());
  });

  describe("lease renewal", () => {
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    /** A runner whose run takes as long as `during` does. */
    const slowRunner = (during: () => Promise<void>) => async () => ({
      materializeIncremental: async () => {
        await during();
        return { jobId: "slow-job" };
      },
    });

    const SHORT_LEASE = { owner: "first", leaseMs: 300, renewEveryMs: 100 };
    /** An hourly schedule due at the returned time. */
    async function dueHourly(): Promise<Date> {
      await createSchedule(registry, { project, every: "1h", name: "hourly", actor: "t", now: t0 });
      return new Date(t0.getTime() + HOUR + 5000);
    }

    it("keeps the lease across a run longer than the lease, then records it", async () => {
      const now = await dueHourly();
      let takenMeanwhile: unknown[] = ["not tried"];
      const runs = await runDueSchedules({
        registry,
        now,
        ...SHORT_LEASE,
        runnerFor: slowRunner(async () => {
          await sleep(600);
          // Without renewal the lease (300 ms) would have expired by now on the claim's clock.
          takenMeanwhile = await registry.schedules.claimDue({
            now: new Date(now.getTime() + 600),
            owner: "second",
            leaseUntil: new Date(now.getTime() + HOUR),
          });
          await sleep(300);
        }),
      });
      expect(takenMeanwhile).toEqual([]);
      expect(runs).toMatchObject([{ schedule: "hourly", status: "succeeded", jobId: "slow-job", recorded: true }]);
      const schedule = await getScheduleOrThrow(registry, { project, name: "hourly" });
      expect(schedule).toMatchObject({ lastJobId: "slow-job", lastStatus: "succeeded", leaseOwner: null });
    });

    it("a run whose lease was taken over finishes, logs it and records nothing", async () => {
      const now = await dueHourly();
      const logged: string[] = [];
      const runs = await runDueSchedules({
        registry,
        now,
        ...SHORT_LEASE,
        log: (message) => logged.push(message),
        runnerFor: slowRunner(async () => {
          // Another process, its clock an hour on, finds the lease expired and takes the schedule.
          const taken = await registry.schedules.claimDue({
            now: new Date(now.getTime() + HOUR),
            owner: "second",
            leaseUntil: new Date(now.getTime() + 2 * HOUR),
          });
          expect(taken).toHaveLength(1);
          await sleep(300);
        }),
      });
      expect(runs).toMatchObject([{ status: "succeeded", recorded: false }]);
      expect(logged).toEqual([
        "pantry scheduler: schedule 'hourly' of project 'online_test' is no longer leased by first (another process " +
          "took it over); this run goes on but its outcome is not recorded on the schedule",
      ]);
      const schedule = await getScheduleOrThrow(registry, { project, name: "hourly" });
      expect(schedule).toMatchObject({ lastJobId: null, lastRunAt: null, leaseOwner: "second" });
    });
  });
});
