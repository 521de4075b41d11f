/**
 * What online serving needs from the registry: the project's specs, a cheap change stamp to know
 * when to reload them, and the lifecycle of views (deprecated / retired). Usage goes out through
 * a sink, in aggregated rollups, never per request.
 */
import type { RepoContents } from "../definitions/types";

export type ViewLifecycleState = "active" | "deprecated" | "retired";

export interface ViewLifecycle {
  state: ViewLifecycleState;
  reason: string | null;
  /** What to use instead ("driver_stats_v2" or a feature ref). */
  replacement: string | null;
  sunsetAt: Date | null;
}

export interface ServingRegistry {
  changeStamp(project: string): Promise<string>;
  getContents(project: string): Promise<RepoContents>;
  /**
   * Objects whose lifecycle is not active: views (feature views and on-demand views) by name,
   * single features by `view:feature`, feature services by `@name`.
   */
  viewLifecycles(project: string): Promise<Map<string, ViewLifecycle>>;
}

/** One aggregated row of online usage: requests of one consumer for one feature in one minute. */
export interface UsageRollupDelta {
  consumer: string;
  /** "view:feature" (the view's name, never the alias). */
  featureRef: string;
  /** Start of the minute. */
  bucket: Date;
  requests: number;
  totalLatencyMs: number;
  maxLatencyMs: number;
}

/** One consumer's requests in one minute: entity rows, errors and a latency histogram. */
export interface ConsumerMetricsDelta {
  consumer: string;
  bucket: Date;
  requests: number;
  entityRows: number;
  errors: number;
  totalLatencyMs: number;
  /** Upper bound in ms (LATENCY_BOUNDS_MS, as text) -> requests at or under it (and above the previous one). */
  latencyBuckets: Record<string, number>;
}

export interface UsageSink {
  /** Adds the deltas to the stored rollups (an upsert that increments). */
  recordUsage(project: string, rollups: UsageRollupDelta[]): Promise<void>;
  /** Adds per-consumer minute metrics (optional: sinks without it keep per-feature rollups only). */
  recordConsumerMetrics?(project: string, metrics: ConsumerMetricsDelta[]): Promise<void>;
}
