/** What the usage queries answer: who read which features, how often and how fast, over a range. */

export const USAGE_RANGES = ["24h", "7d", "30d"] as const;
export type UsageRange = (typeof USAGE_RANGES)[number];

export interface ConsumerUsage {
  consumer: string;
  requests: number;
  /** Distinct `view:feature` refs read. */
  features: number;
  views: string[];
  meanLatencyMs: number;
  maxLatencyMs: number;
  firstSeen: Date;
  lastSeen: Date;
}

/** Requests per consumer in one bucket of the range (buckets without requests are included, as zeros). */
export interface UsagePoint {
  bucket: Date;
  requests: Record<string, number>;
}

export interface FeatureUsage {
  /** `view:feature` */
  featureRef: string;
  view: string;
  feature: string;
  /** The view's kind, or null when the view no longer exists in the registry. */
  viewKind: "featureView" | "onDemandFeatureView" | null;
  requests: number;
  lastSeen: Date;
  consumers: { consumer: string; requests: number }[];
}

/** A feature of an online view that nobody read in the range: a deprecation candidate. */
export interface UnusedFeature {
  view: string;
  viewKind: "featureView" | "onDemandFeatureView";
  feature: string;
  /** Services that still include it. */
  services: string[];
}

export interface UsageReport {
  project: string;
  range: UsageRange;
  since: Date;
  until: Date;
  bucketMs: number;
  /** The consumer the series and features are narrowed to, if any. */
  consumer: string | null;
  totalRequests: number;
  /** Every consumer seen in the range (not narrowed), most requests first. */
  consumers: ConsumerUsage[];
  series: UsagePoint[];
  /** Most read first. */
  features: FeatureUsage[];
  unused: UnusedFeature[];
}

/** Who read one view's features recently (the "Read by" block of a view page). */
export interface ViewReader {
  consumer: string;
  requests: number;
  features: string[];
  lastSeen: Date;
}
