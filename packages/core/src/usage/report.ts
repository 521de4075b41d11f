/**
 * Usage over a time range, aggregated in the registry's database (per consumer and feature, per
 * consumer and minute) and shaped here: per consumer, per feature, requests over time in buckets
 * that suit the range, and the online features nobody read (deprecation candidates).
 */
import type { UsageFeatureTotal, UsageMinute } from "@pantry/db";
import type { RepoContents } from "../definitions/types";
import { PantryError } from "../errors";
import type { Registry } from "../registry/registry";
import {
  type ConsumerUsage,
  type FeatureUsage,
  type UnusedFeature,
  USAGE_RANGES,
  type UsagePoint,
  type UsageRange,
  type UsageReport,
  type ViewReader,
} from "./types";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Length and chart resolution of each range: about 100-170 points. */
export const RANGE_SPANS: Record<UsageRange, { spanMs: number; bucketMs: number }> = {
  "24h": { spanMs: 24 * HOUR, bucketMs: 15 * MINUTE },
  "7d": { spanMs: 7 * 24 * HOUR, bucketMs: HOUR },
  "30d": { spanMs: 30 * 24 * HOUR, bucketMs: 6 * HOUR },
};

export function parseUsageRange(range: string): UsageRange {
  if ((USAGE_RANGES as readonly string[]).includes(range)) return range as UsageRange;
  throw new PantryError("INVALID_ARGUMENT", `Unknown usage range '${range}': use one of ${USAGE_RANGES.join(", ")}`, {
    field: "range",
  });
}

export async function usageReport(
  registry: Registry,
  request: { project: string; range: UsageRange; consumer?: string; now?: Date },
): Promise<UsageReport> {
  const { spanMs, bucketMs } = RANGE_SPANS[parseUsageRange(request.range)];
  const now = (request.now ?? new Date()).getTime();
  // The range ends at the end of the current bucket, so the newest bucket is a whole one.
  const until = new Date(Math.floor(now / bucketMs) * bucketMs + bucketMs);
  const since = new Date(until.getTime() - spanMs);
  const base = { projectName: request.project, since, until };
  const [contents, totals, minutes] = await Promise.all([
    registry.getContents(request.project),
    registry.usage.usageByFeature(base),
    registry.usage.usageByMinute(base),
  ]);
  // The consumer table always lists everybody (to switch between them); the rest is narrowed.
  const consumer = request.consumer || null;
  const mine = <T extends { consumer: string }>(rows: T[]) =>
    consumer ? rows.filter((r) => r.consumer === consumer) : rows;
  return {
    project: request.project,
    range: request.range,
    since,
    until,
    bucketMs,
    consumer,
    totalRequests: sum(mine(minutes).map((m) => m.requests)),
    consumers: consumerUsage(totals, minutes),
    series: series(mine(minutes), since, until, bucketMs),
    features: featureUsage(contents, mine(totals)),
    unused: unusedFeatures(contents, totals),
  };
}

/** The consumers that read a view's features in the last `days` days, most recent first. */
export async function viewReaders(
  registry: Registry,
  request: { project: string; view: string; days: number; now?: Date },
): Promise<ViewReader[]> {
  const since = new Date((request.now ?? new Date()).getTime() - request.days * 24 * HOUR);
  const totals = await registry.usage.usageByFeature({ projectName: request.project, since });
  const readers = new Map<string, ViewReader>();
  for (const total of totals) {
    const { view, feature } = splitRef(total.featureRef);
    if (view !== request.view) continue;
    const reader = readers.get(total.consumer) ?? {
      consumer: total.consumer,
      requests: 0,
      features: [],
      lastSeen: total.lastSeen,
    };
    // A request counts once per feature it read: the view's requests are its most-read feature's.
    reader.requests = Math.max(reader.requests, total.requests);
    reader.features.push(feature);
    if (total.lastSeen > reader.lastSeen) reader.lastSeen = total.lastSeen;
    readers.set(total.consumer, reader);
  }
  return [...readers.values()]
    .map((r) => ({ ...r, features: r.features.sort() }))
    .sort((a, b) => b.lastSeen.getTime() - a.lastSeen.getTime() || a.consumer.localeCompare(b.consumer));
}

function consumerUsage(totals: UsageFeatureTotal[], minutes: UsageMinute[]): ConsumerUsage[] {
  const byConsumer = new Map<
    string,
    ConsumerUsage & { totalLatencyMs: number; refs: Set<string>; viewSet: Set<string> }
  >();
  for (const total of totals) {
    const entry = byConsumer.get(total.consumer) ?? {
      consumer: total.consumer,
      requests: 0,
      features: 0,
      views: [],
      meanLatencyMs: 0,
      maxLatencyMs: 0,
      firstSeen: total.firstSeen,
      lastSeen: total.lastSeen,
      totalLatencyMs: 0,
      refs: new Set<string>(),
      viewSet: new Set<string>(),
    };
    entry.refs.add(total.featureRef);
    entry.viewSet.add(splitRef(total.featureRef).view);
    entry.maxLatencyMs = Math.max(entry.maxLatencyMs, total.maxLatencyMs);
    if (total.firstSeen < entry.firstSeen) entry.firstSeen = total.firstSeen;
    if (total.lastSeen > entry.lastSeen) entry.lastSeen = total.lastSeen;
    byConsumer.set(total.consumer, entry);
  }
  for (const minute of minutes) {
    const entry = byConsumer.get(minute.consumer);
    if (!entry) continue;
    entry.requests += minute.requests;
    entry.totalLatencyMs += minute.totalLatencyMs;
  }
  return [...byConsumer.values()]
    .map(({ totalLatencyMs, refs, viewSet, ...entry }) => ({
      ...entry,
      features: refs.size,
      views: [...viewSet].sort(),
      meanLatencyMs: entry.requests > 0 ? totalLatencyMs / entry.requests : 0,
    }))
    .sort((a, b) => b.requests - a.requests || a.consumer.localeCompare(b.consumer));
}

function series(minutes: UsageMinute[], since: Date, until: Date, bucketMs: number): UsagePoint[] {
  const points: UsagePoint[] = [];
  for (let t = since.getTime(); t < until.getTime(); t += bucketMs) points.push({ bucket: new Date(t), requests: {} });
  for (const minute of minutes) {
    const point = points[Math.floor((minute.bucket.getTime() - since.getTime()) / bucketMs)];
    if (!point) continue;
    point.requests[minute.consumer] = (point.requests[minute.consumer] ?? 0) + minute.requests;
  }
  return points;
}

function featureUsage(contents: RepoContents, totals: UsageFeatureTotal[]): FeatureUsage[] {
  const kinds = viewKinds(contents);
  const byRef = new Map<string, FeatureUsage>();
  for (const total of totals) {
    const { view, feature } = splitRef(total.featureRef);
    const entry = byRef.get(total.featureRef) ?? {
      featureRef: total.featureRef,
      view,
      feature,
      viewKind: kinds.get(view) ?? null,
      requests: 0,
      lastSeen: total.lastSeen,
      consumers: [],
    };
    entry.requests += total.requests;
    if (total.lastSeen > entry.lastSeen) entry.lastSeen = total.lastSeen;
    entry.consumers.push({ consumer: total.consumer, requests: total.requests });
    byRef.set(total.featureRef, entry);
  }
  return [...byRef.values()]
    .map((f) => ({ ...f, consumers: f.consumers.sort((a, b) => b.requests - a.requests) }))
    .sort((a, b) => b.requests - a.requests || a.featureRef.localeCompare(b.featureRef));
}

/** Features of online views (on-demand views are always online) that no consumer read. */
function unusedFeatures(contents: RepoContents, totals: UsageFeatureTotal[]): UnusedFeature[] {
  const read = new Set(totals.map((t) => t.featureRef));
  const views = [
    ...contents.featureViews.filter((v) => v.online).map((v) => ({ view: v, kind: "featureView" as const })),
    ...contents.onDemandFeatureViews.map((v) => ({ view: v, kind: "onDemandFeatureView" as const })),
  ];
  const unused: UnusedFeature[] = [];
  for (const { view, kind } of views) {
    for (const field of view.schema) {
      if (read.has(`${view.name}:${field.name}`)) continue;
      const services = contents.featureServices
        .filter((s) =>
          s.projections.some(
            (p) => p.view === view.name && (p.features.length === 0 || p.features.includes(field.name)),
          ),
        )
        .map((s) => s.name)
        .sort();
      unused.push({ view: view.name, viewKind: kind, feature: field.name, services });
    }
  }
  return unused.sort((a, b) => a.view.localeCompare(b.view) || a.feature.localeCompare(b.feature));
}

function viewKinds(contents: RepoContents): Map<string, "featureView" | "onDemandFeatureView"> {
  return new Map([
    ...contents.featureViews.map((v) => [v.name, "featureView"] as const),
    ...contents.onDemandFeatureViews.map((v) => [v.name, "onDemandFeatureView"] as const),
  ]);
}

function splitRef(ref: string): { view: string; feature: string } {
  const at = ref.indexOf(":");
  return at < 0 ? { view: ref, feature: "" } : { view: ref.slice(0, at), feature: ref.slice(at + 1) };
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
