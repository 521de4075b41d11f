/**
 * Schedules through the API over a real SQLite registry: create (the form's schema checks the
 * input), list, pause, resume, delete, the audit entries, errors naming the thing, and freshness
 * taking its default from a schedule.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rejection } from "./support/rejection";
import { type SeededWorkspace, seedWorkspace } from "./support/seed-workspace";

let seeded: SeededWorkspace;
beforeAll(async () => {
  seeded = await seedWorkspace();
});
afterAll(async () => {
  await seeded?.cleanup();
});

const values = { every: "15m", name: "", views: ["driver_stats"] };

describe("schedules", () => {
  it("creates, lists, pauses, resumes and deletes a schedule, each audited", async () => {
    const caller = seeded.caller("alice");
    expect(await caller.schedules.list({ project: "rides" })).toEqual([]);
    const created = await caller.schedules.create({ project: "rides", values });
    expect(created).toMatchObject({ name: "every_15m", every: "15m", views: ["driver_stats"], enabled: true });
    expect(created.nextRunAt.getTime()).toBeGreaterThan(Date.now() + 14 * 60_000);
    expect(await caller.schedules.list({ project: "rides" })).toMatchObject([
      { name: "every_15m", createdBy: "alice" },
    ]);

    const paused = await caller.schedules.change({ project: "rides", name: "every_15m", change: "pause" });
    expect(paused.enabled).toBe(false);
    const resumed = await caller.schedules.change({ project: "rides", name: "every_15m", change: "resume" });
    expect(resumed.enabled).toBe(true);
    await caller.schedules.change({ project: "rides", name: "every_15m", change: "delete" });
    expect(await caller.schedules.list({ project: "rides" })).toEqual([]);

    const audit = JSON.stringify(await caller.catalog.audit({ project: "rides" }));
    for (const action of ["create-schedule", "pause-schedule", "resume-schedule", "delete-schedule"])
      expect(audit).toContain(action);
  });

  it("refuses bad input with messages naming the field or the thing", async () => {
    const caller = seeded.caller();
    const cron = await rejection(
      caller.schedules.create({ project: "rides", values: { ...values, every: "0 * * * *" } }),
    );
    expect(cron.message).toMatch(/cron is not supported/);
    const short = await rejection(caller.schedules.create({ project: "rides", values: { ...values, every: "10s" } }));
    expect(short.message).toMatch(/every '10s' is shorter than a minute/);
    const unknown = await rejection(
      caller.schedules.create({ project: "rides", values: { ...values, views: ["nope"] } }),
    );
    expect(unknown.message).toMatch(/feature view 'nope' is not in project 'rides'/);
    const missing = await rejection(caller.schedules.change({ project: "rides", name: "gone", change: "pause" }));
    expect(missing.message).toMatch(/schedule 'gone' is not in project 'rides'/);
  });

  it("gives a scheduled view a default expected freshness of 2 x the interval", async () => {
    const caller = seeded.caller();
    await caller.schedules.create({ project: "rides", values: { ...values, name: "fresh" } });
    const result = await caller.freshness.project({ project: "rides" });
    const stats = result.views.find((v) => v.view === "driver_stats");
    expect(stats?.expected).toEqual({ ms: 30 * 60_000, basis: "schedule" });
    await caller.schedules.change({ project: "rides", name: "fresh", change: "delete" });
  });
});
