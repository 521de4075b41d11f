/**
 * Freshness on real engines: a SQLite registry, materialization from Parquet into SQLite and Redis
 * (unique key prefix per test, removed after), and a Redis on a closed port for "unknown".
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { FeatureViewSpec } from "../src/definitions/types";
import {
  computeFreshness,
  expectedFreshness,
  FRESHNESS_TAG,
  medianInterval,
  scheduleIntervalFor,
} from "../src/freshness/index";
import type { MaterializationJobRecord } from "../src/materialization/registry";
import {
  type MaterializationContext,
  materialize,
  materializeIncremental,
} from "../src/materialization/run-materialization";
import { createOnlineStore } from "../src/online/create-online-store";
import { appliedMaterializationContext, createOnlineTestRepo, type OnlineTestRepo } from "../testing/online-test-repo";

const HOUR = 3_600_000;
const PROJECT = "online_test";

describe.each(["sqlite", "redis"] as const)("freshness over %s", (online) => {
  let repo: OnlineTestRepo;
  let context: MaterializationContext;

  beforeEach(async () => {
    repo = await createOnlineTestRepo({ online });
    context = await appliedMaterializationContext(repo);
  });
  afterEach(async () => {
    await repo.cleanup();
  });

  async function jobs(): Promise<MaterializationJobRecord[]> {
    return (await repo.store.registry()).jobs.listJobs(PROJECT, { take: 100 });
  }

  function tagged(tags: Record<string, string>): FeatureViewSpec[] {
    return context.contents.featureViews.map((v) => ({
      ...v,
      tags: { ...v.tags, ...(tags[v.name] ? { [FRESHNESS_TAG]: tags[v.name] as string } : {}) },
    }));
  }

  async function freshness(now: Date, views = context.contents.featureViews) {
    return computeFreshness({ project: PROJECT, views, onlineStore: repo.onlineStore, jobs: await jobs(), now });
  }

  it("before any run every online view is never materialized", async () => {
    const result = await freshness(new Date(), tagged({ driver_lifetime: "2h" }));
    expect(result.views.map((v) => [v.view, v.state, v.lastJob])).toEqual([
      ["driver_fresh", "never_materialized", null],
      ["driver_hourly_stats", "never_materialized", null],
      ["driver_lifetime", "never_materialized", null],
    ]);
    expect(result.nothingMaterialized).toBe(true);
    expect(result.staleCount).toBe(0);
  });

  it("fresh under its tag, stale past it, no expectation without a tag after one run", async () => {
    const end = new Date(repo.lastEventTs.getTime() + HOUR);
    await materialize(context, { start: new Date(0), end, trigger: "test" });
    const now = new Date(repo.lastEventTs.getTime() + HOUR);
    const result = await freshness(now, tagged({ driver_lifetime: "2h", driver_hourly_stats: "30m" }));
    const byName = Object.fromEntries(result.views.map((v) => [v.view, v]));
    expect(byName.driver_lifetime).toMatchObject({
      state: "fresh",
      lagMs: HOUR,
      newestEventTs: repo.lastEventTs,
      expected: { ms: 2 * HOUR, basis: "tag" },
      error: null,
    });
    expect(byName.driver_hourly_stats).toMatchObject({ state: "stale", lagMs: HOUR, expected: { ms: 30 * 60_000 } });
    expect(byName.driver_fresh).toMatchObject({ state: "no_expectation", expected: { ms: null, basis: "none" } });
    expect(byName.driver_lifetime?.lastJob).toMatchObject({ status: "succeeded", rowsWritten: 5 });
    expect(result.staleCount).toBe(1);
    expect(result.nothingMaterialized).toBe(false);
  });

  it("records the newest event time written per view and derives the lag history and cadence from jobs", async () => {
    const end = new Date(repo.lastEventTs.getTime() + HOUR);
    await materialize(context, { start: new Date(0), end, trigger: "test" });
    await materializeIncremental(context, { end: new Date(end.getTime() + HOUR), now: end, trigger: "test" });
    const all = await jobs();
    expect(all).toHaveLength(2);
    const result = await freshness(new Date(Date.now() + 24 * HOUR));
    const lifetime = result.views.find((v) => v.view === "driver_lifetime");
    expect(lifetime?.history).toHaveLength(2);
    for (const point of lifetime?.history ?? []) {
      expect(point.newestEventTs).toEqual(repo.lastEventTs);
      expect(point.lagMs).toBe(point.at.getTime() - repo.lastEventTs.getTime());
    }
    // Two runs moments apart are no cadence: no expectation, so neither fresh nor stale.
    expect(lifetime?.expected).toEqual({ ms: null, basis: "none" });
    expect(lifetime?.state).toBe("no_expectation");
    expect(lifetime?.lastJob).toMatchObject({ status: "succeeded", rowsWritten: 0 });
  });
});

describe("freshness when the online store is down", () => {
  it("makes each view unknown with the store's message", async () => {
    const store = createOnlineStore({
      type: "redis",
      redisType: "redis",
      nodes: [{ host: "127.0.0.1", port: 1 }],
      host: "127.0.0.1",
      port: 1,
      db: 0,
      username: null,
      password: null,
      keyPrefix: "pantry-test-down:",
      ssl: false,
      sentinelMaster: null,
      sentinelPassword: null,
    });
    try {
      const view = { name: "v", online: true, tags: { [FRESHNESS_TAG]: "1h" } } as unknown as FeatureViewSpec;
      const result = await computeFreshness({ project: "p", views: [view], onlineStore: store, jobs: [] });
      expect(result.views[0]).toMatchObject({ view: "v", state: "unknown", newestEventTs: null });
      expect(result.views[0]?.error).toMatch(/^online store: .*127\.0\.0\.1:1/);
      expect(result.unknownCount).toBe(1);
    } finally {
      await store.close();
    }
  });
});

describe("expected freshness", () => {
  const view = (tags: Record<string, string>) => ({ name: "v", tags }) as unknown as FeatureViewSpec;
  it("takes the tag, else 2 x the median interval of runs, else none", () => {
    const t = (h: number) => new Date(h * HOUR);
    expect(expectedFreshness(view({ [FRESHNESS_TAG]: "90m" }), [])).toEqual({ ms: 90 * 60_000, basis: "tag" });
    expect(expectedFreshness(view({}), [t(0), t(1), t(3), t(4)])).toEqual({ ms: 2 * HOUR, basis: "cadence" });
    expect(expectedFreshness(view({}), [t(0)])).toEqual({ ms: null, basis: "none" });
    // Fewer than 4 runs, or runs under a minute apart, are not a cadence.
    expect(expectedFreshness(view({}), [t(0), t(1), t(2)])).toEqual({ ms: null, basis: "none" });
    const seconds = (n: number) => new Date(n * 1000);
    expect(expectedFreshness(view({}), [seconds(0), seconds(2), seconds(4), seconds(6)])).toEqual({
      ms: null,
      basis: "none",
    });
    expect(medianInterval([t(0), t(1), t(3)])).toBe(1.5 * HOUR);
  });
  it("defaults to 2 x the interval of the schedule that runs the view; the tag still wins", () => {
    const t = (h: number) => new Date(h * HOUR);
    const schedules = [
      { views: [], intervalSeconds: 3600, enabled: true },
      { views: ["v"], intervalSeconds: 900, enabled: true },
      { views: ["v"], intervalSeconds: 60, enabled: false },
      { views: ["other"], intervalSeconds: 120, enabled: true },
    ];
    expect(scheduleIntervalFor("v", schedules)).toBe(900);
    expect(scheduleIntervalFor("w", schedules)).toBe(3600);
    expect(scheduleIntervalFor("w", schedules.slice(1))).toBeNull();
    const runs = [t(0), t(5), t(10), t(15)];
    expect(expectedFreshness(view({}), runs, 900)).toEqual({ ms: 30 * 60_000, basis: "schedule" });
    expect(expectedFreshness(view({ [FRESHNESS_TAG]: "90m" }), runs, 900)).toEqual({ ms: 90 * 60_000, basis: "tag" });
    expect(expectedFreshness(view({}), runs, null)).toEqual({ ms: 10 * HOUR, basis: "cadence" });
  });
  it("names the view and the tag for a bad duration", () => {
    expect(() => expectedFreshness(view({ [FRESHNESS_TAG]: "soon" }), [])).toThrow(
      /feature view 'v': tag pantry.freshness/,
    );
    expect(() => expectedFreshness(view({ [FRESHNESS_TAG]: "0" }), [])).toThrow(/positive duration/);
  });
});
