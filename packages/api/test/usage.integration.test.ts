/** The Usage page's procedures over a real SQLite registry, seeded through recordUsage. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rejection } from "./support/rejection";
import { type SeededWorkspace, seedWorkspace } from "./support/seed-workspace";

let seeded: SeededWorkspace;
const now = Date.now();
const minute = (ago: number) => new Date(now - (now % 60_000) - ago * 60_000);

beforeAll(async () => {
  seeded = await seedWorkspace();
  const registry = await seeded.workspace.registryFor("rides");
  await registry.usage.recordUsage("rides", [
    {
      consumer: "eta_model",
      featureRef: "driver_stats:conv_rate",
      bucket: minute(5),
      requests: 6,
      totalLatencyMs: 12,
      maxLatencyMs: 4,
    },
    {
      consumer: "eta_model",
      featureRef: "trip_eta:eta_minutes",
      bucket: minute(5),
      requests: 6,
      totalLatencyMs: 12,
      maxLatencyMs: 4,
    },
    {
      consumer: "churn_model",
      featureRef: "driver_profile:rating",
      bucket: minute(3 * 24 * 60),
      requests: 2,
      totalLatencyMs: 2,
      maxLatencyMs: 1,
    },
  ]);
});
afterAll(async () => {
  await seeded?.cleanup();
});

describe("usage from the console", () => {
  it("reports consumers, features and unused features for the default range (7 days)", async () => {
    const report = await seeded.caller().usage.report({ project: "rides" });
    expect(report.range).toBe("7d");
    expect(report.consumers.map((c) => [c.consumer, c.requests, c.features])).toEqual([
      ["eta_model", 6, 2],
      ["churn_model", 2, 1],
    ]);
    expect(report.features.map((f) => f.featureRef)).toEqual([
      "driver_stats:conv_rate",
      "trip_eta:eta_minutes",
      "driver_profile:rating",
    ]);
    expect(report.unused).toContainEqual({
      view: "driver_stats",
      viewKind: "featureView",
      feature: "trips",
      services: ["eta_v1"],
    });
    expect(report.unused).toContainEqual({
      view: "driver_profile",
      viewKind: "featureView",
      feature: "city",
      services: [],
    });
  });

  it("narrows to one model and a shorter range", async () => {
    const report = await seeded.caller().usage.report({ project: "rides", range: "24h", consumer: "churn_model" });
    expect(report.totalRequests).toBe(0);
    expect(report.consumers.map((c) => c.consumer)).toEqual(["eta_model"]);
    expect(report.features).toEqual([]);
  });

  it("lists who read a view in the last 7 days", async () => {
    const readers = await seeded.caller().usage.viewReaders({ project: "rides", view: "driver_stats" });
    expect(readers).toEqual([{ consumer: "eta_model", requests: 6, features: ["conv_rate"], lastSeen: minute(5) }]);
  });

  it("refuses an unknown range and an unknown project", async () => {
    const badRange = await rejection(seeded.caller().usage.report({ project: "rides", range: "1y" as "7d" }));
    expect(badRange.code).toBe("BAD_REQUEST");
    const unknown = await rejection(seeded.caller().usage.report({ project: "nope" }));
    expect(unknown.code).toBe("NOT_FOUND");
    expect(unknown.message).toContain("nope");
  });
});
