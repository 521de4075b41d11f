/**
 * Usage queries on real registries (a SQLite file and a PostgreSQL database, each created here and
 * removed afterwards), seeded through the repository's recordUsage like the feature server does.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isPantryError } from "../src/errors";
import { FeatureStore } from "../src/feature-store";
import type { Registry } from "../src/registry/registry";
import { parseUsageRange, usageReport, viewReaders } from "../src/usage/index";
import { REGISTRY_PROVIDERS } from "../testing/postgres";
import { createOnlineTestRepo, type OnlineTestRepo } from "../testing/online-test-repo";

const providers = REGISTRY_PROVIDERS;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const NOW = new Date("2026-11-26T12:07:00Z");
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const delta = (consumer: string, featureRef: string, at: Date, requests: number, total: number, max: number) => ({
  consumer,
  featureRef,
  bucket: at,
  requests,
  totalLatencyMs: total,
  maxLatencyMs: max,
});

describe.each(providers)("usage on a $name registry", (provider) => {
  let repo: OnlineTestRepo;
  let store: FeatureStore;
  let registry: Registry;
  let cleanupRegistry: () => Promise<void>;

  beforeAll(async () => {
    repo = await createOnlineTestRepo({ online: "sqlite", hours: 2 });
    const line = await provider.registryLine();
    cleanupRegistry = line.cleanup;
    const yamlPath = join(repo.dir, "feature_store.yaml");
    writeFileSync(yamlPath, readFileSync(yamlPath, "utf8").replace("registry: data/registry.db", line.line));
    store = new FeatureStore({ repoPath: repo.dir });
    await store.apply({ actor: "test" });
    registry = await store.registry();
    await registry.usage.recordUsage("online_test", [
      delta("eta_model", "driver_hourly_stats:conv_rate", ago(2 * MINUTE), 10, 20, 5),
      delta("eta_model", "driver_hourly_stats:acc_rate", ago(2 * MINUTE), 10, 20, 5),
      delta("eta_model", "driver_hourly_stats:conv_rate", ago(3 * HOUR), 4, 12, 9),
      delta("churn_model", "driver_lifetime:avg_daily_trips", ago(2 * DAY), 3, 3, 1),
      delta("old_model", "driver_fresh:conv_rate", ago(10 * DAY), 7, 7, 1),
    ]);
    // A second flush of the same minute adds up.
    await registry.usage.recordUsage("online_test", [
      delta("churn_model", "driver_lifetime:avg_daily_trips", ago(2 * DAY), 2, 4, 3),
    ]);
  });

  afterAll(async () => {
    await store?.close();
    await registry?.close();
    await cleanupRegistry?.();
    await repo?.cleanup();
  });

  it("sums per consumer and feature in the database", async () => {
    const totals = await registry.usage.usageByFeature({ projectName: "online_test", since: ago(7 * DAY) });
    expect(totals).toEqual([
      {
        consumer: "churn_model",
        featureRef: "driver_lifetime:avg_daily_trips",
        requests: 5,
        totalLatencyMs: 7,
        maxLatencyMs: 3,
        firstSeen: ago(2 * DAY),
        lastSeen: ago(2 * DAY),
      },
      {
        consumer: "eta_model",
        featureRef: "driver_hourly_stats:acc_rate",
        requests: 10,
        totalLatencyMs: 20,
        maxLatencyMs: 5,
        firstSeen: ago(2 * MINUTE),
        lastSeen: ago(2 * MINUTE),
      },
      {
        consumer: "eta_model",
        featureRef: "driver_hourly_stats:conv_rate",
        requests: 14,
        totalLatencyMs: 32,
        maxLatencyMs: 9,
        firstSeen: ago(3 * HOUR),
        lastSeen: ago(2 * MINUTE),
      },
    ]);
    const minutes = await registry.usage.usageByMinute({
      projectName: "online_test",
      since: ago(DAY),
      consumer: "eta_model",
    });
    // One request reads both features: the minute counts 10 requests, not 20.
    expect(minutes.map((m) => [m.bucket, m.requests])).toEqual([
      [ago(3 * HOUR), 4],
      [ago(2 * MINUTE), 10],
    ]);
    expect(await registry.usage.usageByFeature({ projectName: "nope", since: ago(DAY) })).toEqual([]);
  });

  it("reports consumers, requests over time, features and unused features for 7 days", async () => {
    const report = await usageReport(registry, { project: "online_test", range: "7d", now: NOW });
    expect(report.bucketMs).toBe(HOUR);
    expect(report.series).toHaveLength(168);
    expect(report.until).toEqual(new Date("2026-11-26T13:00:00Z"));
    expect(report.totalRequests).toBe(19);
    expect(report.consumers).toEqual([
      {
        consumer: "eta_model",
        requests: 14,
        features: 2,
        views: ["driver_hourly_stats"],
        meanLatencyMs: 32 / 14,
        maxLatencyMs: 9,
        firstSeen: ago(3 * HOUR),
        lastSeen: ago(2 * MINUTE),
      },
      {
        consumer: "churn_model",
        requests: 5,
        features: 1,
        views: ["driver_lifetime"],
        meanLatencyMs: 7 / 5,
        maxLatencyMs: 3,
        firstSeen: ago(2 * DAY),
        lastSeen: ago(2 * DAY),
      },
    ]);
    const last = report.series.at(-1);
    expect(last?.bucket).toEqual(new Date("2026-11-26T12:00:00Z"));
    expect(last?.requests).toEqual({ eta_model: 10 });
    expect(report.series.reduce((n, p) => n + (p.requests.churn_model ?? 0), 0)).toBe(5);
    expect(report.features[0]).toEqual({
      featureRef: "driver_hourly_stats:conv_rate",
      view: "driver_hourly_stats",
      feature: "conv_rate",
      viewKind: "featureView",
      requests: 14,
      lastSeen: ago(2 * MINUTE),
      consumers: [{ consumer: "eta_model", requests: 14 }],
    });
    const unused = report.unused.map((u) => `${u.view}:${u.feature}`);
    expect(unused).toContain("driver_fresh:conv_rate");
    expect(unused).not.toContain("driver_hourly_stats:conv_rate");
    expect(unused).not.toContain("driver_lifetime:avg_daily_trips");
    expect(report.unused).toContainEqual({
      view: "driver_hourly_stats",
      viewKind: "featureView",
      feature: "avg_daily_trips",
      services: ["driver_activity_v1"],
    });
    expect(report.unused).toContainEqual({
      view: "adjusted_conv_rate",
      viewKind: "onDemandFeatureView",
      feature: "conv_rate_plus_val",
      services: ["driver_activity_v1"],
    });
  });

  it("narrows the series and features to one consumer, keeps every consumer listed", async () => {
    const report = await usageReport(registry, {
      project: "online_test",
      range: "7d",
      consumer: "churn_model",
      now: NOW,
    });
    expect(report.consumer).toBe("churn_model");
    expect(report.totalRequests).toBe(5);
    expect(report.consumers.map((c) => c.consumer)).toEqual(["eta_model", "churn_model"]);
    expect(report.features.map((f) => f.featureRef)).toEqual(["driver_lifetime:avg_daily_trips"]);
    expect(report.series.every((p) => p.requests.eta_model === undefined)).toBe(true);
  });

  it("picks the range's resolution: 15 minutes for 24 hours, 6 hours for 30 days", async () => {
    const day = await usageReport(registry, { project: "online_test", range: "24h", now: NOW });
    expect(day.series).toHaveLength(96);
    expect(day.consumers.map((c) => c.consumer)).toEqual(["eta_model"]);
    const month = await usageReport(registry, { project: "online_test", range: "30d", now: NOW });
    expect(month.series).toHaveLength(120);
    expect(month.consumers.map((c) => c.consumer)).toEqual(["eta_model", "old_model", "churn_model"]);
    expect(month.unused.map((u) => `${u.view}:${u.feature}`)).not.toContain("driver_fresh:conv_rate");
  });

  it("lists who read a view, and refuses an unknown range by name", async () => {
    expect(
      await viewReaders(registry, { project: "online_test", view: "driver_hourly_stats", days: 7, now: NOW }),
    ).toEqual([
      { consumer: "eta_model", requests: 14, features: ["acc_rate", "conv_rate"], lastSeen: ago(2 * MINUTE) },
    ]);
    let error: unknown;
    try {
      parseUsageRange("1y");
    } catch (e) {
      error = e;
    }
    expect(isPantryError(error) && error.code).toBe("INVALID_ARGUMENT");
    expect((error as Error).message).toContain("Unknown usage range '1y'");
  });
});
