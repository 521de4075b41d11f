/**
 * Claiming due schedules on both providers: two claimers race for one due schedule and exactly
 * one gets its lease; finishing a run releases it. Each test makes and drops its own database.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createTestDatabase } from "../testing/index";
import { openRegistryDb, type RegistryDb, type RegistryLocation } from "../src/index";

const AUDIT = { actor: "test", action: "create-schedule", summary: "created", details: {} };

describe.each(["sqlite", "postgres"] as const)("schedule claims on %s", (provider) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function open(): Promise<[RegistryDb, RegistryDb]> {
    let location: RegistryLocation;
    if (provider === "sqlite") {
      const dir = mkdtempSync(join(tmpdir(), "pantry-schedules-"));
      cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
      location = { type: "sqlite", path: join(dir, "registry.db") };
    } else {
      const db = await createTestDatabase("pantry_schedules");
      cleanups.push(db.drop);
      location = { type: "postgres", url: db.url };
    }
    // Two connections stand for two processes.
    const first = await openRegistryDb(location);
    const second = await openRegistryDb(location);
    cleanups.push(async () => {
      await first.close();
      await second.close();
    });
    return [first, second];
  }

  async function seed(db: RegistryDb, nextRunAt: Date) {
    await db.objects.applyChangeSet({
      project: { name: "p1", description: "", owner: "", tags: "{}", repoPath: null },
      creates: [],
      updates: [],
      deletes: [],
      actor: "test",
      summary: "apply",
      action: "apply",
    });
    const created = await db.schedules.create(
      { projectName: "p1", name: "hourly", views: [], intervalSeconds: 3600, nextRunAt },
      AUDIT,
    );
    expect(created).not.toBeNull();
  }

  it("lets one of two claimers take a due schedule, then releases it on finish", async () => {
    const [a, b] = await open();
    const now = new Date("2026-01-01T12:00:00Z");
    await seed(a, new Date(now.getTime() - 1000));
    const leaseUntil = new Date(now.getTime() + 60_000);
    const [claimedA, claimedB] = await Promise.all([
      a.schedules.claimDue({ now, owner: "a", leaseUntil }),
      b.schedules.claimDue({ now, owner: "b", leaseUntil }),
    ]);
    expect(claimedA.length + claimedB.length).toBe(1);
    const winner = claimedA.length ? "a" : "b";
    const [record] = [...claimedA, ...claimedB];
    expect(record).toMatchObject({ projectName: "p1", name: "hourly", leaseOwner: winner });
    // Held: nobody else gets it, even a second pass of the loser.
    expect(await (winner === "a" ? b : a).schedules.claimDue({ now, owner: "x", leaseUntil })).toEqual([]);
    // The loser cannot finish it; the winner can, and that releases the lease.
    const outcome = {
      id: record?.id as string,
      nextRunAt: new Date(now.getTime() + 3_600_000),
      lastRunAt: now,
      lastJobId: "job1",
      lastStatus: "succeeded",
      lastError: null,
    };
    expect(await a.schedules.finishRun({ ...outcome, owner: winner === "a" ? "b" : "a" })).toBe(false);
    expect(await a.schedules.finishRun({ ...outcome, owner: winner })).toBe(true);
    const after = await a.schedules.get("p1", "hourly");
    expect(after).toMatchObject({
      leaseOwner: null,
      leaseUntil: null,
      lastJobId: "job1",
      nextRunAt: outcome.nextRunAt,
    });
  });

  it("skips schedules not yet due or paused, and takes over an expired lease", async () => {
    const [a] = await open();
    const now = new Date("2026-01-01T12:00:00Z");
    await seed(a, new Date(now.getTime() + 1000));
    const leaseUntil = new Date(now.getTime() + 60_000);
    expect(await a.schedules.claimDue({ now, owner: "a", leaseUntil })).toEqual([]);
    const later = new Date(now.getTime() + 2000);
    await a.schedules.update("p1", "hourly", { enabled: false }, { ...AUDIT, action: "pause-schedule" });
    expect(await a.schedules.claimDue({ now: later, owner: "a", leaseUntil })).toEqual([]);
    await a.schedules.update("p1", "hourly", { enabled: true }, { ...AUDIT, action: "resume-schedule" });
    expect(await a.schedules.claimDue({ now: later, owner: "a", leaseUntil })).toHaveLength(1);
    // a died holding it: once the lease ran out, b takes it over.
    const expired = new Date(leaseUntil.getTime() + 1);
    const taken = await a.schedules.claimDue({ now: expired, owner: "b", leaseUntil: new Date(expired.getTime() + 1) });
    expect(taken).toMatchObject([{ leaseOwner: "b" }]);
    const audit = await a.history.listAudit({ projectName: "p1", take: 10 });
    expect(audit.map((e) => e.action).slice(0, 3)).toEqual(["resume-schedule", "pause-schedule", "create-schedule"]);
  });

  it("renews a lease only while this owner holds it", async () => {
    const [a, b] = await open();
    const now = new Date("2026-01-01T12:00:00Z");
    await seed(a, new Date(now.getTime() - 1000));
    const [claimed] = await a.schedules.claimDue({ now, owner: "a", leaseUntil: new Date(now.getTime() + 1000) });
    const id = claimed?.id as string;
    const renewed = new Date(now.getTime() + 5000);
    expect(await a.schedules.renewLease({ id, owner: "a", leaseUntil: renewed })).toBe(true);
    // Renewed: still held where the first lease would have run out.
    expect(
      await b.schedules.claimDue({ now: new Date(now.getTime() + 2000), owner: "b", leaseUntil: renewed }),
    ).toEqual([]);
    const later = new Date(renewed.getTime() + 1);
    expect(
      await b.schedules.claimDue({ now: later, owner: "b", leaseUntil: new Date(later.getTime() + 1000) }),
    ).toHaveLength(1);
    expect(await a.schedules.renewLease({ id, owner: "a", leaseUntil: new Date(later.getTime() + 5000) })).toBe(false);
    expect(await a.schedules.get("p1", "hourly")).toMatchObject({ leaseOwner: "b" });
  });

  it("finds and finishes stale jobs only, once", async () => {
    const [a, b] = await open();
    await seed(a, new Date());
    const cutoff = new Date(Date.now() - 120_000);
    const stale = await a.materialization.createJob({
      projectName: "p1",
      mode: "incremental",
      views: ["v"],
      startTs: null,
      endTs: new Date(),
      trigger: "console",
    });
    await a.materialization.updateJob(stale.id, { status: "running", heartbeatAt: new Date(cutoff.getTime() - 1) });
    const live = await a.materialization.createJob({ ...stale, projectName: "p1", mode: "incremental" });
    await a.materialization.updateJob(live.id, { status: "running", heartbeatAt: new Date() });
    expect((await a.materialization.listStaleJobs("p1", cutoff)).map((j) => j.id)).toEqual([stale.id]);
    expect(await a.materialization.listStaleJobs("other", cutoff)).toEqual([]);
    const update = { status: "failed" as const, error: "interrupted", finishedAt: new Date() };
    expect(await b.materialization.finishStaleJob(live.id, cutoff, update)).toBe(false);
    expect(await b.materialization.finishStaleJob(stale.id, cutoff, update)).toBe(true);
    expect(await a.materialization.finishStaleJob(stale.id, cutoff, update)).toBe(false);
    expect(await a.materialization.getJob(stale.id)).toMatchObject({ status: "failed", error: "interrupted" });
    expect(await a.materialization.getJob(live.id)).toMatchObject({ status: "running" });
  });
});
