/**
 * Materialization from the console over a real SQLite registry and the SQLite online store: the
 * run goes on after `start` returns, and the job record is what the console follows.
 */
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { FeatureStore } from "@pantry/core";
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

const FINISHED = new Set(["succeeded", "failed", "cancelled"]);

async function waitForJob(project: string, id: string) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const job = await seeded.caller().materialization.job({ project, id });
    if (FINISHED.has(job.status)) return job;
    if (Date.now() > deadline) throw new Error(`job ${id} still ${job.status} after 30 s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const window = { mode: "window" as const, start: "2024-01-01", end: "2024-01-02T00:00:00", views: ["driver_stats"] };

describe("materialization from the console", () => {
  it("previews each view's window: the whole source for ttl 0, now - ttl on a first run", async () => {
    const now = Date.now();
    const preview = await seeded.caller().materialization.preview({
      project: "rides",
      values: { mode: "incremental", start: "", end: "", views: [] },
    });
    const byName = Object.fromEntries(preview.views.map((v) => [v.name, v]));
    expect(Object.keys(byName).sort()).toEqual(["driver_profile", "driver_stats"]);
    expect(byName.driver_profile).toMatchObject({ start: null, basis: "wholeSource", upToDate: false });
    expect(byName.driver_stats?.basis).toBe("ttl");
    expect(Math.abs((byName.driver_stats?.start?.getTime() ?? 0) - (now - 86_400_000))).toBeLessThan(60_000);
  });

  it("starts a job that runs after the call returns, records its rows and serves them online", async () => {
    const { jobId } = await seeded.caller().materialization.start({ project: "rides", values: window });
    const job = await waitForJob("rides", jobId);
    expect(job).toMatchObject({ status: "succeeded", trigger: "console", rowsWritten: 2, error: null });
    expect(job.progress).toEqual([
      expect.objectContaining({ name: "driver_stats", status: "succeeded", rowsRead: 2, rowsWritten: 2 }),
    ]);
    expect((await seeded.caller().catalog.jobs({ project: "rides" }))[0]?.id).toBe(jobId);

    const store = new FeatureStore({ repoPath: join(seeded.root, "rides") });
    try {
      const online = await store.getOnlineFeatures({
        features: ["driver_stats:trips"],
        entityRows: [{ driver_id: 1001 }, { driver_id: 1002 }],
      });
      // Stored (2024 rows are older than the 1-day ttl, so served as OUTSIDE_MAX_AGE, not NOT_FOUND).
      expect(online.columns.find((c) => c.name === "trips")?.statuses).toEqual(["OUTSIDE_MAX_AGE", "OUTSIDE_MAX_AGE"]);
    } finally {
      await store.close();
    }

    // The next incremental run starts where this one ended.
    const preview = await seeded.caller().materialization.preview({
      project: "rides",
      values: { mode: "incremental", start: "", end: "2024-01-03", views: ["driver_stats"] },
    });
    expect(preview.views).toEqual([
      expect.objectContaining({ basis: "lastInterval", start: new Date("2024-01-02T00:00:00Z") }),
    ]);
  });

  it("cancels a running job and says so for a finished one", async () => {
    // Enough rows that the run is still writing when the cancel arrives.
    const rows = ["driver_id,event_timestamp,trips"];
    for (let i = 0; i < 300_000; i++) rows.push(`${i},2024-01-01 00:00:00,${i % 50}`);
    writeFileSync(join(seeded.root, "solo", "data", "driver_stats.csv"), rows.join("\n"));
    const caller = seeded.caller();
    const values = { mode: "incremental" as const, start: "", end: "", views: [] };
    const { jobId } = await caller.materialization.start({ project: "solo", values });
    await expect(caller.materialization.cancel({ project: "solo", id: jobId })).resolves.toMatchObject({
      cancelRequested: true,
    });
    const job = await waitForJob("solo", jobId);
    expect(job.status).toBe("cancelled");
    expect(job.error).toMatch(/was cancelled/);
    expect(job.progress[0]?.status).toBe("cancelled");

    await expect(caller.materialization.cancel({ project: "solo", id: jobId })).resolves.toEqual({
      cancelRequested: false,
      status: "cancelled",
    });
  });

  it("fails a job whose source file is missing, with a message and no stack", async () => {
    rmSync(join(seeded.root, "fraud", "data", "cards.csv"));
    const { jobId } = await seeded.caller().materialization.start({
      project: "fraud",
      values: { mode: "window", start: "2024-01-01", end: "2024-01-02", views: [] },
    });
    const job = await waitForJob("fraud", jobId);
    expect(job.status).toBe("failed");
    expect(job.error).toMatch(/cards\.csv/);
    expect(job.error).not.toMatch(/\n\s+at /);
  });

  it("rejects user mistakes before any job exists, next to the field they concern", async () => {
    const caller = seeded.caller();
    const unknown = await rejection(
      caller.materialization.start({ project: "rides", values: { ...window, views: ["driver_stat"] } }),
    );
    expect(unknown.code).toBe("NOT_FOUND");
    expect(unknown.message).toMatch(/did you mean 'driver_stats'/);
    expect(unknown.cause).toMatchObject({ details: { field: "views" } });

    const backwards = await rejection(
      caller.materialization.start({ project: "rides", values: { ...window, start: "2024-02-01" } }),
    );
    expect(backwards.code).toBe("BAD_REQUEST");
    expect(backwards.cause).toMatchObject({ details: { field: "end" } });

    const badTime = await rejection(
      caller.materialization.start({ project: "rides", values: { ...window, start: "yesterday" } }),
    );
    expect(badTime.code).toBe("BAD_REQUEST");

    const missingJob = await rejection(caller.materialization.job({ project: "rides", id: "nope" }));
    expect(missingJob.code).toBe("NOT_FOUND");
  });
});
