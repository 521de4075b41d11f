/**
 * Freshness through the API over a real SQLite registry and SQLite online store: runs started
 * from the console, then the page's query.
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

const window = { mode: "window" as const, start: "2024-01-01", end: "2024-01-02T00:00:00", views: ["driver_stats"] };

async function runToEnd(): Promise<string> {
  const { jobId } = await seeded.caller().materialization.start({ project: "rides", values: window });
  const deadline = Date.now() + 30_000;
  for (;;) {
    const job = await seeded.caller().materialization.job({ project: "rides", id: jobId });
    if (job.status === "succeeded") return jobId;
    if (job.status !== "running" && job.status !== "queued")
      throw new Error(`job ${jobId} ${job.status}: ${job.error}`);
    if (Date.now() > deadline) throw new Error(`job ${jobId} still ${job.status} after 30 s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("freshness.project", () => {
  it("lists never-materialized views before any run", async () => {
    const result = await seeded.caller().freshness.project({ project: "rides" });
    expect(result.views.map((v) => [v.view, v.state])).toEqual([
      ["driver_profile", "never_materialized"],
      ["driver_stats", "never_materialized"],
    ]);
    expect(result.nothingMaterialized).toBe(true);
  });

  it("after one run: the newest event time online and no expectation; two runs moments apart are still no cadence", async () => {
    const first = await runToEnd();
    let result = await seeded.caller().freshness.project({ project: "rides" });
    let stats = result.views.find((v) => v.view === "driver_stats");
    expect(stats).toMatchObject({
      state: "no_expectation",
      newestEventTs: new Date("2024-01-01T01:00:00Z"),
      lastJob: { id: first, status: "succeeded", rowsWritten: 2 },
      error: null,
    });
    expect(stats?.history).toHaveLength(1);

    await runToEnd();
    result = await seeded.caller().freshness.project({ project: "rides" });
    stats = result.views.find((v) => v.view === "driver_stats");
    expect(stats?.expected.basis).toBe("none");
    expect(stats?.state).toBe("no_expectation");
    expect(stats?.history).toHaveLength(2);
    expect(result.staleCount).toBe(0);
    expect(result.nothingMaterialized).toBe(false);
  });

  it("names an unknown project and refuses an empty one", async () => {
    expect((await rejection(seeded.caller().freshness.project({ project: "nope" }))).message).toMatch(/project 'nope'/);
    expect((await rejection(seeded.caller().freshness.project({ project: " " }))).message).toMatch(/Name a project/);
  });
});
