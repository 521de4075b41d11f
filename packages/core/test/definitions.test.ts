import { describe, expect, it } from "vitest";
import { Entity, FeatureService, FeatureView, FileSource, OnDemandFeatureView, RequestSource } from "../src/definitions/sdk";
import { parseDtype } from "../src/definitions/dtype";
import { formatTtl, parseTtl } from "../src/definitions/ttl";

const driver = new Entity({ name: "driver", joinKeys: ["driver_id"], valueType: "Int64", owner: "ml@company.com", tags: { team: "rides" } });
const source = new FileSource({ name: "driver_stats", path: "data/driver_stats.parquet", createdTimestampColumn: "created" });
const stats = new FeatureView({
  name: "driver_hourly_stats",
  entities: [driver],
  ttl: "2h",
  schema: [
    { name: "driver_id", dtype: "Int64" },
    { name: "conv_rate", dtype: "Float32", description: "conversion" },
    { name: "avg_daily_trips", dtype: "Int64" },
  ],
  source,
});

describe("definition classes", () => {
  it("build canonical specs with defaults", () => {
    expect(driver.toSpec()).toEqual({
      kind: "entity",
      name: "driver",
      description: "",
      owner: "ml@company.com",
      tags: { team: "rides" },
      joinKeys: ["driver_id"],
      valueType: "Int64",
    });
    expect(source.toSpec()).toMatchObject({ type: "file", format: "parquet", timestampField: "event_timestamp", createdTimestampColumn: "created" });
    expect(new FileSource({ name: "x", path: "a/b.CSV" }).toSpec().format).toBe("csv");
  });

  it("split join-key columns out of a view's features and parse its ttl", () => {
    const spec = stats.toSpec();
    expect(spec.schema.map((f) => f.name)).toEqual(["conv_rate", "avg_daily_trips"]);
    expect(spec.entityColumns.map((f) => f.name)).toEqual(["driver_id"]);
    expect(spec.ttlSeconds).toBe(7200);
    expect(spec.online).toBe(true);
  });

  it("project views into services with selection, alias and join-key map", () => {
    const service = new FeatureService({
      name: "model_v1",
      features: [stats.select(["conv_rate"]), stats.withName("other").withJoinKeyMap({ driver_id: "other_driver_id" })],
    });
    expect(service.toSpec().projections).toEqual([
      { view: "driver_hourly_stats", alias: null, features: ["conv_rate"], joinKeyMap: {} },
      { view: "driver_hourly_stats", alias: "other", features: ["conv_rate", "avg_daily_trips"], joinKeyMap: { driver_id: "other_driver_id" } },
    ]);
  });

  it("keep an on-demand transform as source text", () => {
    const request = new RequestSource({ name: "req", schema: [{ name: "val", dtype: "Float64" }] });
    const odfv = new OnDemandFeatureView({
      name: "adjusted",
      sources: [stats, request],
      schema: [{ name: "adjusted_rate", dtype: "Float64" }],
      transform: (row) => ({ adjusted_rate: (row.conv_rate as number) + (row.val as number) }),
    });
    const spec = odfv.toSpec();
    expect(spec.sources).toEqual([
      { type: "featureView", name: "driver_hourly_stats", features: null },
      { type: "request", name: "req" },
    ]);
    const fn = new Function(`return (${spec.transformation?.code})`)() as (row: Record<string, unknown>) => Record<string, unknown>;
    expect(fn({ conv_rate: 0.5, val: 1 })).toEqual({ adjusted_rate: 1.5 });
  });

  it("reject a bad ttl and a bad dtype with a message that says what to write", () => {
    expect(() => new FeatureView({ name: "v", schema: [{ name: "a", dtype: "Int64" }], source, ttl: "2 fortnights" })).toThrow(
      /feature view 'v': ttl: '2 fortnights' is not a duration; write "90s"/,
    );
    expect(() => parseDtype("Integer")).toThrow(/'Integer' is not a dtype; use one of Int32/);
  });
});

describe("dtypes and durations", () => {
  it("parse dtype spellings", () => {
    expect(parseDtype("int64")).toBe("Int64");
    expect(parseDtype("Array(Float32)")).toBe("Array(Float32)");
    expect(parseDtype("[string]")).toBe("Array(String)");
  });
  it("parse and format durations", () => {
    expect(parseTtl("90s")).toBe(90);
    expect(parseTtl("1d12h")).toBe(129600);
    expect(parseTtl(0)).toBe(0);
    expect(parseTtl("3600")).toBe(3600);
    expect(formatTtl(86400 * 3650)).toBe("3650d");
    expect(formatTtl(0)).toBe("0 (unlimited)");
  });
});
