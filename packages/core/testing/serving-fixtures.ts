/** Specs for serving tests: drivers, trips between locations, an on-demand view, services. */
import type { DataSourceSpec, EntitySpec, FeatureViewSpec, FieldSpec, RepoContents } from "../src/definitions/types";
import type { ServingRegistry, ViewLifecycle } from "../src/serving/registry";

const common = { description: "", owner: "", tags: {} };
export const field = (name: string, dtype: FieldSpec["dtype"]): FieldSpec => ({
  name,
  dtype,
  description: "",
  tags: {},
});

const entity = (name: string, joinKey: string, valueType: EntitySpec["valueType"]): EntitySpec => ({
  kind: "entity",
  name,
  ...common,
  joinKeys: [joinKey],
  valueType,
});

const fileSource = (name: string): DataSourceSpec => ({
  kind: "dataSource",
  name,
  ...common,
  type: "file",
  path: `${name}.parquet`,
  format: "parquet",
  timestampField: "event_timestamp",
  createdTimestampColumn: null,
  fieldMapping: {},
});

const view = (
  name: string,
  entities: string[],
  schema: FieldSpec[],
  ttlSeconds: number,
  source = `${name}_src`,
): FeatureViewSpec => ({
  kind: "featureView",
  name,
  ...common,
  entities,
  schema,
  entityColumns: [],
  source,
  ttlSeconds,
  online: true,
  offline: true,
});

export function servingContents(): RepoContents {
  return {
    project: { name: "p", ...common },
    entities: [entity("driver", "driver_id", "Int64"), entity("location", "location_id", "String")],
    dataSources: [
      fileSource("driver_stats_src"),
      fileSource("location_stats_src"),
      {
        kind: "dataSource",
        name: "driver_push",
        ...common,
        type: "push",
        timestampField: "event_timestamp",
        createdTimestampColumn: null,
        fieldMapping: {},
        batchSource: "driver_stats_src",
      },
      {
        kind: "dataSource",
        name: "request_src",
        ...common,
        type: "request",
        timestampField: "",
        createdTimestampColumn: null,
        fieldMapping: {},
        schema: [field("val_to_add", "Int64")],
      },
    ],
    featureViews: [
      view(
        "driver_stats",
        ["driver"],
        [field("conv_rate", "Float32"), field("acc_rate", "Float32"), field("trips", "Int64")],
        86_400,
      ),
      view("location_stats", ["location"], [field("temperature", "Float64"), field("trips", "Int64")], 0),
      view("driver_pushed", ["driver"], [field("speed", "Float64")], 0, "driver_push"),
    ],
    onDemandFeatureViews: [
      {
        kind: "onDemandFeatureView",
        name: "transformed_conv_rate",
        ...common,
        sources: [
          { type: "featureView", name: "driver_stats", features: ["conv_rate"] },
          { type: "request", name: "request_src" },
        ],
        schema: [field("conv_rate_plus_val", "Float64")],
        transformation: {
          language: "typescript",
          code: "(row) => ({ conv_rate_plus_val: row.conv_rate === null ? null : row.conv_rate + Number(row.val_to_add) })",
        },
        mode: "typescript",
      },
      {
        kind: "onDemandFeatureView",
        name: "conv_rate_text",
        ...common,
        sources: [{ type: "featureView", name: "driver_stats", features: ["conv_rate"] }],
        schema: [field("conv_rate_pct", "Float64")],
        // Declared Float64, returns text: the same mistake must fail online as it fails offline.
        transformation: { language: "typescript", code: "(row) => ({ conv_rate_pct: `${row.conv_rate * 100}%` })" },
        mode: "typescript",
      },
    ],
    featureServices: [
      {
        kind: "featureService",
        name: "driver_activity_v1",
        ...common,
        projections: [
          { view: "driver_stats", alias: null, features: ["conv_rate", "trips"], joinKeyMap: {} },
          { view: "transformed_conv_rate", alias: null, features: ["conv_rate_plus_val"], joinKeyMap: {} },
        ],
      },
      {
        kind: "featureService",
        name: "trip_v1",
        ...common,
        projections: [
          {
            view: "location_stats",
            alias: "origin",
            features: ["temperature"],
            joinKeyMap: { location_id: "origin_id" },
          },
          {
            view: "location_stats",
            alias: "destination",
            features: ["temperature"],
            joinKeyMap: { location_id: "destination_id" },
          },
        ],
      },
    ],
  };
}

/** A registry double with a stamp that tests can bump. */
export class FakeServingRegistry implements ServingRegistry {
  stamp = "1";
  stampReads = 0;
  lifecycles = new Map<string, ViewLifecycle>();
  constructor(public contents: RepoContents) {}
  async changeStamp(): Promise<string> {
    this.stampReads++;
    return this.stamp;
  }
  async getContents(): Promise<RepoContents> {
    return structuredClone(this.contents);
  }
  async viewLifecycles(): Promise<Map<string, ViewLifecycle>> {
    return new Map(this.lifecycles);
  }
}
