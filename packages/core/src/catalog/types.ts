/** What the console's catalog returns: plain, serializable shapes (dates stay Date; superjson carries them). */
import type { DataSourceSpec, Dtype, ObjectKind, ObjectOrigin, RegistryObjectSpec, Tags } from "../definitions/types";

export type Lifecycle = "active" | "deprecated" | "retired";

export interface Page<T> {
  items: T[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
  /** How many items match the filters in all pages. */
  total: number;
}

export interface CatalogSummaryCommon {
  project: string;
  name: string;
  description: string;
  owner: string;
  tags: Tags;
  origin: ObjectOrigin;
  lifecycle: Lifecycle;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export type CatalogObjectSummary = CatalogSummaryCommon &
  (
    | { kind: "entity"; joinKeys: string[]; valueType: string | null }
    | { kind: "dataSource"; sourceType: DataSourceSpec["type"]; location: string; timestampField: string }
    | {
        kind: "featureView";
        entities: string[];
        source: string;
        ttlSeconds: number;
        online: boolean;
        featureCount: number;
        /** Feature services that include this view. */
        usedBy: string[];
      }
    | { kind: "onDemandFeatureView"; inputs: string[]; featureCount: number; usedBy: string[] }
    | { kind: "featureService"; views: string[]; featureCount: number; consumers: string[] }
  );

/** One feature of a feature view or on-demand feature view. */
export interface FeatureSummary {
  project: string;
  /** The view that defines it; its ref is `view:name`. */
  view: string;
  viewKind: "featureView" | "onDemandFeatureView";
  name: string;
  dtype: Dtype;
  description: string;
  tags: Tags;
  /** The view's owner (features have none of their own). */
  owner: string;
  lifecycle: Lifecycle;
  usedBy: string[];
}

export interface CatalogListFilters {
  /** Case-insensitive text in the name, description, owner or tags. */
  q?: string;
  /** "key:value" (that value) or "key" (any value); all must match. */
  tags?: string[];
  /** Exact owner, case-insensitive. */
  owner?: string;
  origin?: ObjectOrigin;
  lifecycle?: Lifecycle;
}

export type CatalogObjectDetail = {
  summary: CatalogObjectSummary;
  spec: RegistryObjectSpec;
  /** The definition as a user would write it with the SDK. */
  code: string;
  /** Models or other consumers reached through the services that use the object. */
  consumers: string[];
  /** Feature views: recorded materialization windows. */
  intervals: { start: Date; end: Date }[];
  deprecation: { reason: string | null; replacement: string | null; sunsetAt: Date | null } | null;
  /** Where a Feast repo's Python defines the object (its repo is read without running it). */
  pythonSource: { file: string; line: number; code: string } | null;
};

export type { ObjectKind };
