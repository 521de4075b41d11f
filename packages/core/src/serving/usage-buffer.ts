/**
 * Who fetched what, kept off the hot path: a request bumps one counter per (consumer, plan, minute);
 * a timer expands them to per-feature rollups and hands them to the sink every few seconds.
 * A failing sink never fails a request; its rollups are kept for the next flush (bounded).
 */
import type { ServingPlan } from "./plan";
import type { ConsumerMetricsDelta, UsageRollupDelta, UsageSink } from "./registry";

interface Counter {
  consumer: string;
  plan: ServingPlan;
  bucket: number;
  requests: number;
  totalLatencyMs: number;
  maxLatencyMs: number;
}

const MAX_PENDING_ROLLUPS = 100_000;

/**
 * Upper bounds (ms) of the latency histogram kept per consumer and minute; p50 and p99 are read
 * from it (as the bound of the bucket the percentile falls in). "Infinity" holds the rest.
 */
export const LATENCY_BOUNDS_MS = [0.5, 1, 2, 3, 5, 7.5, 10, 15, 20, 30, 50, 75, 100, 150, 250, 500, 1000, 2500, 5000] as const;

export function latencyBucketOf(latencyMs: number): string {
  for (const bound of LATENCY_BOUNDS_MS) if (latencyMs <= bound) return String(bound);
  return "Infinity";
}

/** Consumer names are self-declared (a header): bounded in length, and in number per process. */
export const MAX_CONSUMER_NAME_LENGTH = 100;
export const DEFAULT_MAX_CONSUMERS = 200;
/** Where names beyond the cap are counted. */
export const OTHER_CONSUMER = "other";

/** Printable ASCII, trimmed, at most MAX_CONSUMER_NAME_LENGTH characters; empty -> "anonymous". */
export function normalizeConsumerName(name: string | null | undefined): string {
  const clean = (name ?? "")
    .replace(/[^\x20-\x7E]/g, "")
    .trim()
    .slice(0, MAX_CONSUMER_NAME_LENGTH)
    .trim();
  return clean === "" ? "anonymous" : clean;
}

export class UsageBuffer {
  private counters = new Map<string, Counter>();
  private pending: UsageRollupDelta[] = [];
  private metrics = new Map<string, ConsumerMetricsDelta>();
  private pendingMetrics: ConsumerMetricsDelta[] = [];
  private readonly planIds = new WeakMap<ServingPlan, number>();
  private nextPlanId = 0;
  private readonly consumers = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;
  lastError: string | null = null;

  constructor(
    private readonly project: string,
    private readonly sink: UsageSink | null,
    flushEveryMs = 5000,
    private readonly maxConsumers = DEFAULT_MAX_CONSUMERS,
  ) {
    if (sink) {
      this.timer = setInterval(() => void this.flush(), flushEveryMs);
      this.timer.unref();
    }
  }

  /**
   * Counts one request. The first `maxConsumers` distinct names are kept as they are; later new
   * names are counted as "other", so a caller rotating names cannot grow memory or the registry.
   */
  record(name: string, plan: ServingPlan, latencyMs: number, now = Date.now(), entityRows = 0): void {
    const consumer = this.consumerName(name);
    this.countRequest(consumer, latencyMs, now, entityRows, false);
    let planId = this.planIds.get(plan);
    if (planId === undefined) {
      planId = this.nextPlanId++;
      this.planIds.set(plan, planId);
    }
    const bucket = now - (now % 60_000);
    const key = `${consumer}\u0000${planId}\u0000${bucket}`;
    const counter = this.counters.get(key);
    if (counter) {
      counter.requests++;
      counter.totalLatencyMs += latencyMs;
      if (latencyMs > counter.maxLatencyMs) counter.maxLatencyMs = latencyMs;
    } else {
      this.counters.set(key, {
        consumer,
        plan,
        bucket,
        requests: 1,
        totalLatencyMs: latencyMs,
        maxLatencyMs: latencyMs,
      });
    }
  }

  /** Counts a request that failed (bad input, a retired view, a store error): per consumer only. */
  recordError(name: string, latencyMs: number, now = Date.now()): void {
    this.countRequest(this.consumerName(name), latencyMs, now, 0, true);
  }

  private countRequest(consumer: string, latencyMs: number, now: number, entityRows: number, error: boolean): void {
    const bucket = now - (now % 60_000);
    const key = `${consumer}\u0000${bucket}`;
    let entry = this.metrics.get(key);
    if (!entry) {
      entry = {
        consumer,
        bucket: new Date(bucket),
        requests: 0,
        entityRows: 0,
        errors: 0,
        totalLatencyMs: 0,
        latencyBuckets: {},
      };
      this.metrics.set(key, entry);
    }
    entry.requests++;
    entry.entityRows += entityRows;
    if (error) entry.errors++;
    entry.totalLatencyMs += latencyMs;
    const slot = latencyBucketOf(latencyMs);
    entry.latencyBuckets[slot] = (entry.latencyBuckets[slot] ?? 0) + 1;
  }

  /** Per-consumer minute metrics not yet handed to the sink. */
  metricsSnapshot(): ConsumerMetricsDelta[] {
    return [...this.pendingMetrics, ...this.metrics.values()];
  }

  private consumerName(name: string): string {
    const normalized = normalizeConsumerName(name);
    if (this.consumers.has(normalized)) return normalized;
    if (this.consumers.size >= this.maxConsumers) return OTHER_CONSUMER;
    this.consumers.add(normalized);
    return normalized;
  }

  /** Per-feature rollups not yet handed to the sink (for tests and a local dashboard). */
  snapshot(): UsageRollupDelta[] {
    return [...this.pending, ...expand(this.counters.values())];
  }

  async flush(): Promise<void> {
    if (this.flushing) return this.flushing;
    this.flushing = this.flushOnce().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  private async flushOnce(): Promise<void> {
    if (!this.sink) return;
    await this.flushMetrics(this.sink);
    const counters = this.counters;
    this.counters = new Map();
    const rollups = [...this.pending, ...expand(counters.values())];
    this.pending = [];
    if (rollups.length === 0) return;
    try {
      await this.sink.recordUsage(this.project, rollups);
      this.lastError = null;
    } catch (error) {
      this.lastError = error instanceof Error ? error.message : String(error);
      this.pending = rollups.slice(-MAX_PENDING_ROLLUPS);
    }
  }

  private async flushMetrics(sink: UsageSink): Promise<void> {
    const metrics = [...this.pendingMetrics, ...this.metrics.values()];
    this.metrics = new Map();
    this.pendingMetrics = [];
    if (metrics.length === 0 || !sink.recordConsumerMetrics) return;
    try {
      await sink.recordConsumerMetrics(this.project, metrics);
    } catch (error) {
      this.lastError = error instanceof Error ? error.message : String(error);
      this.pendingMetrics = metrics.slice(-MAX_PENDING_ROLLUPS);
    }
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.flush();
  }
}

/** Same (consumer, feature, minute) from several plans are merged into one rollup. */
function expand(counters: Iterable<Counter>): UsageRollupDelta[] {
  const merged = new Map<string, UsageRollupDelta>();
  for (const counter of counters) {
    for (const featureRef of new Set(counter.plan.featureRefs)) {
      const key = `${counter.consumer}\u0000${featureRef}\u0000${counter.bucket}`;
      const seen = merged.get(key);
      if (seen) {
        seen.requests += counter.requests;
        seen.totalLatencyMs += counter.totalLatencyMs;
        seen.maxLatencyMs = Math.max(seen.maxLatencyMs, counter.maxLatencyMs);
      } else {
        merged.set(key, {
          consumer: counter.consumer,
          featureRef,
          bucket: new Date(counter.bucket),
          requests: counter.requests,
          totalLatencyMs: counter.totalLatencyMs,
          maxLatencyMs: counter.maxLatencyMs,
        });
      }
    }
  }
  return [...merged.values()];
}
