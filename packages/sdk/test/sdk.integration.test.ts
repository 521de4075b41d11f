/**
 * The SDK as an application uses it, on a repo made by `init`: apply, training data, materialize,
 * online features. Real DuckDB over Parquet, a real SQLite registry and online store.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { initRepo } from "@pantry/core";
import { FeatureStore } from "../src/index";

describe("@pantry/sdk FeatureStore", () => {
  let workdir: string;
  let store: FeatureStore;

  beforeAll(async () => {
    workdir = mkdtempSync(join(tmpdir(), "pantry-sdk-"));
    const repoPath = await initRepo({ name: "sdk_demo", parentPath: workdir, now: new Date("2026-11-01T00:00:00Z") });
    store = new FeatureStore({ repoPath });
    await store.apply({ actor: "test" });
  });

  afterAll(async () => {
    await store.close();
    await (await store.registry()).close();
    rmSync(workdir, { recursive: true, force: true });
  });

  it("builds point-in-time correct training data from rows and from a feature service", async () => {
    const job = await store.getHistoricalFeatures({
      entityDf: [
        { driver_id: 1001, event_timestamp: new Date("2026-10-31T12:30:00Z"), label: 1 },
        { driver_id: 1001, event_timestamp: new Date("2020-01-01T00:00:00Z"), label: 0 },
        { driver_id: 424242, event_timestamp: new Date("2026-10-31T12:30:00Z"), label: 0 },
      ],
      features: ["driver_hourly_stats:conv_rate", "driver_profile:vehicle_type"],
    });
    const rows = await job.toRows();
    expect(rows).toHaveLength(3);
    expect(rows.map((r) => r.label)).toEqual([1, 0, 0]);
    expect(rows[0]?.conv_rate).toEqual(expect.any(Number));
    expect(rows[1]?.conv_rate).toBeNull();
    expect(rows[2]?.vehicle_type).toBeNull();
    const viaService = await store.getHistoricalFeatures({
      entityDf: [{ driver_id: 1001, event_timestamp: new Date("2026-10-31T12:30:00Z") }],
      features: "driver_activity_v1",
      fullFeatureNames: true,
    });
    expect(viaService.columns).toEqual([
      "driver_id",
      "event_timestamp",
      "driver_hourly_stats__conv_rate",
      "driver_hourly_stats__acc_rate",
      "driver_hourly_stats__avg_daily_trips",
      "driver_profile__vehicle_type",
    ]);
  });

  it("materializes and serves the latest values online, Feast-style", async () => {
    const result = await store.materialize(new Date("2020-01-01T00:00:00Z"), new Date("2026-11-01T00:00:00Z"));
    expect(result.status).toBe("succeeded");
    const online = await store.getOnlineFeatures({
      features: ["driver_profile:vehicle_type", "driver_profile:years_active"],
      entityRows: [{ driver_id: 1001 }, { driver_id: 999999 }],
    });
    const dict = online.toDict();
    expect(Object.keys(dict)).toEqual(["driver_id", "vehicle_type", "years_active"]);
    expect(dict.driver_id).toEqual([1001, 999999]);
    expect(dict.vehicle_type?.[0]).toMatch(/^(sedan|suv|van)$/);
    expect(dict.vehicle_type?.[1]).toBeNull();
  });

  it("names a wrong feature ref", async () => {
    await expect(
      store.getOnlineFeatures({ features: ["driver_profile:vehicle_typ"], entityRows: [{ driver_id: 1001 }] }),
    ).rejects.toThrow(/vehicle_typ/);
  });

  it("tears down the project's online data with the project", async () => {
    expect(await store.teardown({ actor: "test" })).toBe(true);
    expect(await store.onlineStore().newestEventTimestamp("sdk_demo", "driver_profile")).toBeNull();
  });
});
