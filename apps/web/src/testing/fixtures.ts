/** Small builders of what the API returns, for component tests: each test says only what it is about. */
import type { ObjectKind } from "@/lib/kinds";
import type { CatalogPage, CatalogSummary, SummaryOf } from "@/lib/queries/catalog";
import type { RouterOutputs } from "@/lib/trpc/types";

type Plan = RouterOutputs["edit"]["plan"];
type PlanItem = Plan["items"][number];

const COMMON = {
  project: "p",
  description: "",
  owner: "",
  tags: {},
  origin: "console" as const,
  lifecycle: "active" as const,
  version: 1,
  createdAt: new Date("2024-01-01T00:00:00Z"),
  updatedAt: new Date("2024-01-01T00:00:00Z"),
};

export const summaries = {
  entity: (name: string, joinKey: string): SummaryOf<"entity"> => ({
    ...COMMON,
    kind: "entity",
    name,
    joinKeys: [joinKey],
    valueType: "Int64",
  }),
  fileSource: (name: string, location: string, timestampField = "event_timestamp"): SummaryOf<"dataSource"> => ({
    ...COMMON,
    kind: "dataSource",
    name,
    sourceType: "file",
    location,
    timestampField,
  }),
  featureView: (name: string, featureCount: number): SummaryOf<"featureView"> => ({
    ...COMMON,
    kind: "featureView",
    name,
    entities: [],
    source: "",
    ttlSeconds: 0,
    online: true,
    featureCount,
    usedBy: [],
  }),
};

export function page<T>(items: T[]): { items: T[]; nextCursor: null; total: number } {
  return { items, nextCursor: null, total: items.length };
}

/** A catalog.list answer that returns, for each kind, the objects given for it. */
export function catalogList(objects: CatalogSummary[]) {
  return ({ kind }: { kind: ObjectKind }): CatalogPage => page(objects.filter((o) => o.kind === kind));
}

export function features(view: string, names: string[]): RouterOutputs["catalog"]["features"] {
  return page(
    names.map((name) => ({
      project: "p",
      view,
      viewKind: "featureView" as const,
      name,
      dtype: "Float32" as const,
      description: "",
      tags: {},
      owner: "",
      lifecycle: "active" as const,
      usedBy: [],
    })),
  );
}

/** What catalog.inspectSource reads from a driver-stats Parquet file at `path`. */
export function driverStatsFile(path: string): RouterOutputs["catalog"]["inspectSource"] {
  return {
    path,
    resolvedPath: `/repo/${path}`,
    format: "parquet",
    columns: [
      { name: "driver_id", dtype: "Int64", rawType: "BIGINT" },
      { name: "event_timestamp", dtype: "UnixTimestamp", rawType: "TIMESTAMP" },
      { name: "conv_rate", dtype: "Float32", rawType: "FLOAT" },
      { name: "trips", dtype: "Int64", rawType: "BIGINT" },
    ],
    timestampCandidates: ["event_timestamp"],
  };
}

/** The plan of creating one object (what edit.plan answers for a new name). */
export function createPlan(spec: PlanItem["spec"]): Plan {
  return {
    project: "p",
    items: [
      {
        kind: spec.kind,
        name: spec.name,
        action: "create",
        changes: [],
        destructive: false,
        notes: [],
        affectedServices: [],
        spec,
      },
    ],
    hasChanges: true,
    conflicts: [],
    counts: { create: 1, update: 0, delete: 0, unchanged: 0, keep: 0 },
  };
}
