/**
 * Claiming due schedules on both providers: two claimers race for one due schedule and exactly
 * one gets its lease; finishing a run releases it. Each test makes and drops its own database.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../core/test/helpers/postgres";
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
      { projectName: "p1", name: "hourly", views: "[]", intervalSeconds: 3600, nextRunAt },
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
});
