import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SqliteOnlineStore } from "../src/online/sqlite-online-store";
import { OnlineServing } from "../src/serving/online-serving";
import type { UsageRollupDelta } from "../src/serving/registry";
import { FakeServingRegistry, servingContents } from "../testing/serving-fixtures";

const NOW = Date.parse("2024-06-01T12:00:00Z");
const HOUR = 3_600_000;

describe("online serving", () => {
  let store: SqliteOnlineStore;
  let registry: FakeServingRegistry;
  let serving: OnlineServing;
  let clock = NOW;
  const flushed: UsageRollupDelta[] = [];

  beforeEach(async () => {
    clock = NOW;
    store = new SqliteOnlineStore(":memory:");
    registry = new FakeServingRegistry(servingContents());
    flushed.length = 0;
    serving = await OnlineServing.open({
      project: "p",
      registry,
      onlineStore: store,
      maxEntities: 100,
      clock: () => clock,
      usageSink: { recordUsage: async (_p, rollups) => void flushed.push(...rollups) },
    });
    const index = serving.index;
    const stats = index.views.get("driver_stats");
    const locations = index.views.get("location_stats");
    if (stats?.kind !== "featureView" || locations?.kind !== "featureView") throw new Error("fixture");
    await store.write({
      project: "p",
      view: stats.spec,
      joinKeys: ["driver_id"],
      entityKeys: [[1001], [1002], [1003]],
      values: { conv_rate: [0.5, null, 0.9], acc_rate: [0.1, 0.2, 0.3], trips: [10, 20, 30] },
      eventTimestamps: [new Date(NOW - HOUR), new Date(NOW - 2 * HOUR), new Date(NOW - 48 * HOUR)],
      createdTimestamps: [null, null, null],
    });
    await store.write({
      project: "p",
      view: locations.spec,
      joinKeys: ["location_id"],
      entityKeys: [["SFO"], ["JFK"]],
      values: { temperature: [18.5, 25], trips: [1, 2] },
      eventTimestamps: [new Date(NOW - HOUR), new Date(NOW - HOUR)],
      createdTimestamps: [null, null],
    });
  });

  afterEach(async () => {
    await serving.close();
    await store.close();
  });

  it("answers toDict in Feast's shape, join keys first, with statuses and timestamps; stale values keep their value", async () => {
    const response = await serving.getOnlineFeatures({
      features: ["driver_stats:conv_rate", "driver_stats:trips"],
      entityRows: [{ driver_id: 1001 }, { driver_id: 1002 }, { driver_id: 1003 }, { driver_id: 4242 }],
    });
    expect(response.toDict()).toEqual({
      driver_id: [1001, 1002, 1003, 4242],
      conv_rate: [0.5, null, 0.9, null],
      trips: [10, 20, 30, null],
    });
    expect(response.statuses()).toEqual({
      driver_id: ["PRESENT", "PRESENT", "PRESENT", "PRESENT"],
      conv_rate: ["PRESENT", "NULL_VALUE", "OUTSIDE_MAX_AGE", "NOT_FOUND"],
      trips: ["PRESENT", "PRESENT", "OUTSIDE_MAX_AGE", "NOT_FOUND"],
    });
    expect(response.eventTimestamps().conv_rate?.map((d) => d.getTime())).toEqual([
      NOW - HOUR,
      NOW - 2 * HOUR,
      NOW - 48 * HOUR,
      0,
    ]);
    const json = response.toFeastJson();
    expect(json.metadata.feature_names).toEqual(["driver_id", "conv_rate", "trips"]);
    expect(json.results[1]).toEqual({
      values: [0.5, null, 0.9, null],
      statuses: ["PRESENT", "NULL_VALUE", "OUTSIDE_MAX_AGE", "NOT_FOUND"],
      event_timestamps: [
        "2024-06-01T11:00:00Z",
        "2024-06-01T10:00:00Z",
        "2024-05-30T12:00:00Z",
        "1970-01-01T00:00:00Z",
      ],
    });
  });

  it('online_store.outside_max_age: "null" withholds stale values (status unchanged)', async () => {
    const withholding = await OnlineServing.open({
      project: "p",
      registry,
      onlineStore: store,
      clock: () => clock,
      outsideMaxAge: "null",
    });
    try {
      const response = await withholding.getOnlineFeatures({
        features: ["driver_stats:conv_rate"],
        entityRows: [{ driver_id: 1001 }, { driver_id: 1003 }],
      });
      expect(response.toDict().conv_rate).toEqual([0.5, null]);
      expect(response.statuses().conv_rate).toEqual(["PRESENT", "OUTSIDE_MAX_AGE"]);
    } finally {
      await withholding.close();
    }
  });

  it("full feature names prefix the view; a name clash without them is a clear error", async () => {
    const response = await serving.getOnlineFeatures({
      features: ["driver_stats:trips", "location_stats:trips"],
      entityRows: [{ driver_id: 1001, location_id: "SFO" }],
      fullFeatureNames: true,
    });
    expect(response.toDict()).toEqual({
      driver_id: [1001],
      location_id: ["SFO"],
      driver_stats__trips: [10],
      location_stats__trips: [1],
    });
    await expect(
      serving.getOnlineFeatures({
        features: ["driver_stats:trips", "location_stats:trips"],
        entityRows: [{ driver_id: 1001, location_id: "SFO" }],
      }),
    ).rejects.toThrow(/'trips'.*full_feature_names/);
  });

  it("serves a feature service with an on-demand view computed from request data", async () => {
    const response = await serving.getOnlineFeatures({
      features: "driver_activity_v1",
      entityRows: [
        { driver_id: 1001, val_to_add: 2 },
        { driver_id: 4242, val_to_add: 3 },
      ],
    });
    expect(response.toDict()).toEqual({
      driver_id: [1001, 4242],
      conv_rate: [0.5, null],
      trips: [10, null],
      conv_rate_plus_val: [2.5, null],
    });
    expect(response.statuses().conv_rate_plus_val).toEqual(["PRESENT", "NULL_VALUE"]);
    // Join keys and on-demand outputs carry the epoch, as Feast's servers answer.
    expect(response.toFeastJson().results.map((r) => r.event_timestamps[0])).toEqual([
      "1970-01-01T00:00:00Z",
      "2024-06-01T11:00:00Z",
      "2024-06-01T11:00:00Z",
      "1970-01-01T00:00:00Z",
    ]);
    await expect(
      serving.getOnlineFeatures({ features: "driver_activity_v1", entityRows: [{ driver_id: 1001 }] }),
    ).rejects.toMatchObject({
      code: "INVALID_ARGUMENT",
      message: expect.stringMatching(/missing request data 'val_to_add'.*transformed_conv_rate/),
    });
  });

  it("casts on-demand outputs as historical retrieval does: a value of the wrong type names the view and field", async () => {
    await expect(
      serving.getOnlineFeatures({ features: ["conv_rate_text:conv_rate_pct"], entityRows: [{ driver_id: 1001 }] }),
    ).rejects.toMatchObject({
      message: expect.stringMatching(
        /on-demand feature view 'conv_rate_text' returned the string "50%" for 'conv_rate_pct' on entity row 0; 'conv_rate_pct' is declared Float64, so return a number/,
      ),
    });
  });

  it("reads one view twice under two aliases with join-key maps (origin / destination)", async () => {
    const response = await serving.getOnlineFeatures({
      features: "trip_v1",
      entityRows: [{ origin_id: "SFO", destination_id: "JFK" }],
      fullFeatureNames: true,
    });
    expect(response.toDict()).toEqual({
      origin_id: ["SFO"],
      destination_id: ["JFK"],
      origin__temperature: [18.5],
      destination__temperature: [25],
    });
  });

  it("rejects bad input with errors naming the culprit", async () => {
    const get = (features: string[] | string, entityRows: Record<string, unknown>[]) =>
      serving.getOnlineFeatures({ features, entityRows });
    await expect(get(["driver_stat:conv_rate"], [{ driver_id: 1 }])).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: expect.stringMatching(/feature view 'driver_stat'.*did you mean 'driver_stats'/),
    });
    await expect(get(["driver_stats:conv_rat"], [{ driver_id: 1 }])).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: expect.stringMatching(/driver_stats:conv_rat/),
    });
    await expect(get("nope_v1", [{ driver_id: 1 }])).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: expect.stringMatching(/feature service 'nope_v1'/),
    });
    await expect(get(["conv_rate"], [{ driver_id: 1 }])).rejects.toMatchObject({ code: "INVALID_ARGUMENT" });
    await expect(get(["driver_stats:conv_rate"], [{ driver: 1 }])).rejects.toMatchObject({
      code: "INVALID_ARGUMENT",
      message: expect.stringMatching(/missing join key 'driver_id'.*given are: driver/),
    });
    await expect(get(["driver_stats:conv_rate"], [{ driver_id: "1001" }])).rejects.toMatchObject({
      code: "INVALID_ARGUMENT",
      message: expect.stringMatching(/'driver_id' must be an integer \(Int64\).*the string "1001"/),
    });
    await expect(
      get(
        ["driver_stats:conv_rate"],
        Array.from({ length: 101 }, (_, i) => ({ driver_id: i })),
      ),
    ).rejects.toMatchObject({
      code: "PAYLOAD_TOO_LARGE",
    });
  });

  it("flags deprecated views and refuses retired ones, naming the replacement", async () => {
    registry.lifecycles.set("driver_stats", {
      state: "deprecated",
      reason: "v2 is better",
      replacement: "driver_stats_v2",
      sunsetAt: new Date("2024-12-31T00:00:00Z"),
    });
    registry.stamp = "2";
    await serving.refresh();
    const response = await serving.getOnlineFeatures({
      features: ["driver_stats:conv_rate"],
      entityRows: [{ driver_id: 1001 }],
    });
    expect(response.toDict().conv_rate).toEqual([0.5]);
    expect(response.deprecations).toEqual([
      {
        view: "driver_stats",
        reason: "v2 is better",
        replacement: "driver_stats_v2",
        sunsetAt: new Date("2024-12-31T00:00:00Z"),
      },
    ]);

    registry.lifecycles.set("driver_stats", {
      state: "retired",
      reason: null,
      replacement: "driver_stats_v2",
      sunsetAt: null,
    });
    registry.stamp = "3";
    await serving.refresh();
    await expect(
      serving.getOnlineFeatures({ features: "driver_activity_v1", entityRows: [{ driver_id: 1001, val_to_add: 1 }] }),
    ).rejects.toMatchObject({
      code: "GONE",
      message: expect.stringMatching(/'driver_stats' was retired.*use 'driver_stats_v2'/),
    });
  });

  it("re-reads the registry only when its stamp changes, at most once per interval, off the request path", async () => {
    const reads = registry.stampReads;
    for (let i = 0; i < 20; i++)
      await serving.getOnlineFeatures({ features: ["driver_stats:trips"], entityRows: [{ driver_id: 1001 }] });
    expect(registry.stampReads).toBe(reads);
    const contents = servingContents();
    contents.featureViews[0]?.schema.push({ name: "new_feature", dtype: "Int64", description: "", tags: {} });
    registry.contents = contents;
    registry.stamp = "2";
    clock += 1500;
    await serving.getOnlineFeatures({ features: ["driver_stats:trips"], entityRows: [{ driver_id: 1001 }] });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(registry.stampReads).toBe(reads + 1);
    const response = await serving.getOnlineFeatures({
      features: ["driver_stats:new_feature"],
      entityRows: [{ driver_id: 1001 }],
    });
    expect(response.statuses().new_feature).toEqual(["NULL_VALUE"]);
  });

  it("rolls usage up per consumer, feature and minute and flushes it to the sink", async () => {
    for (let i = 0; i < 3; i++) {
      await serving.getOnlineFeatures({
        features: ["driver_stats:trips", "driver_stats:conv_rate"],
        entityRows: [{ driver_id: 1001 }],
        consumer: "ranker",
      });
    }
    await serving.getOnlineFeatures({
      features: ["driver_stats:trips"],
      entityRows: [{ driver_id: 1001 }],
      consumer: "ranker",
    });
    await serving.usage.flush();
    const trips = flushed.find((r) => r.featureRef === "driver_stats:trips");
    expect(trips).toMatchObject({ consumer: "ranker", requests: 4 });
    expect(flushed.find((r) => r.featureRef === "driver_stats:conv_rate")?.requests).toBe(3);
  });
});

describe("Feast JSON text", () => {
  it("is exactly JSON.stringify of the Feast object, and makes bigint and bytes JSON-safe", async () => {
    const { OnlineFeaturesResponse } = await import("../src/serving/response");
    const plain = new OnlineFeaturesResponse(
      [
        { name: "driver_id", values: [1, 2], statuses: ["PRESENT", "PRESENT"], eventTimestampsMs: [0, 0] },
        {
          name: "rate",
          values: [0.5, null],
          statuses: ["PRESENT", "NOT_FOUND"],
          eventTimestampsMs: [Date.UTC(2024, 0, 1, 0, 0, 0, 250), 0],
        },
      ],
      [],
      2,
    );
    expect(plain.toFeastJsonText()).toBe(JSON.stringify(plain.toFeastJson()));
    expect(JSON.parse(plain.toFeastJsonText()).results[1].event_timestamps).toEqual([
      "2024-01-01T00:00:00.250Z",
      "1970-01-01T00:00:00Z",
    ]);
    const odd = new OnlineFeaturesResponse(
      [
        {
          name: "x",
          values: [9007199254740993n, Buffer.from([1, 2])],
          statuses: ["PRESENT", "PRESENT"],
          eventTimestampsMs: [0, 0],
        },
      ],
      [],
      2,
    );
    expect(JSON.parse(odd.toFeastJsonText()).results[0].values).toEqual(["9007199254740993", "AQI="]);
  });
});
