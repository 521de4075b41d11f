/** A model (a consumer of features) as its pages and the CLI show it. */
import type { FreshnessState } from "../freshness/freshness";
import type { LifecycleState } from "../lifecycle/types";
import type { FeatureDrift } from "../statistics/drift";
import type { UsageRange } from "../usage/types";

/** How a model is known: requests it made (usage), or a service's tags naming it. */
export type ModelSource = "usage" | "tag";

export interface ModelLifecycle {
  state: LifecycleState;
  reason: string | null;
  replacement: string | null;
  sunsetAt: Date | null;
}

export interface ModelFeatureFreshness {
  /** The view's freshness state; "on_demand" for on-demand views (computed at request time), "missing" when the view is gone. */
  state: FreshnessState | "on_demand" | "missing";
  lagMs: number | null;
  newestEventTs: Date | null;
  expectedMs: number | null;
}

export interface ModelFeature {
  /** `view:feature` */
  ref: string;
  view: string;
  feature: string;
  viewKind: "featureView" | "onDemandFeatureView" | null;
  /** Through a service it uses (tags), observed in its requests, or both. */
  via: ("service" | "usage")[];
  services: string[];
  /** Requests that read it in the last MODEL_USAGE_DAYS days. */
  requests: number;
  lastSeen: Date | null;
  freshness: ModelFeatureFreshness;
  lifecycle: ModelLifecycle;
}

export interface ModelService {
  name: string;
  owner: string;
  description: string;
  /** "tag": the service's tags name the model; "name": the model is called like the service. */
  via: "tag" | "name";
  features: number;
  lifecycle: string;
  /** The registry version of each view the service reads, as it is now. */
  views: { view: string; version: number | null }[];
}

export interface ModelSummary {
  name: string;
  project: string;
  via: ModelSource[];
  services: string[];
  owners: string[];
  features: number;
  requests: number;
  lastSeen: Date | null;
  /** Views it reads that are stale (their freshness expectation is breached). */
  staleViews: string[];
  /** Features it reads that are deprecated or retired. */
  deprecatedFeatures: string[];
  /** True when it reads something stale, deprecated or retired. */
  attention: boolean;
}

export interface ModelMetricsPoint {
  bucket: Date;
  requests: number;
  entityRows: number;
  errors: number;
  /** Upper bound (ms) of the latency bucket the percentile falls in; null without requests. */
  p50Ms: number | null;
  p99Ms: number | null;
}

export interface ModelMetrics {
  range: UsageRange;
  since: Date;
  until: Date;
  bucketMs: number;
  points: ModelMetricsPoint[];
  totals: Omit<ModelMetricsPoint, "bucket">;
}

export interface ModelDataset {
  name: string;
  createdAt: Date;
  featureService: string | null;
  features: number;
}

export interface ModelDrift {
  dataset: string;
  /** When the dataset's statistics were computed; null when it has none (saved before statistics existed). */
  computedAt: Date | null;
  items: FeatureDrift[];
  flagged: number;
}

export interface ModelDetail extends ModelSummary {
  featuresRead: ModelFeature[];
  servicesUsed: ModelService[];
  deprecated: ModelFeature[];
  metrics: ModelMetrics;
  datasets: ModelDataset[];
  drift: ModelDrift | null;
}
