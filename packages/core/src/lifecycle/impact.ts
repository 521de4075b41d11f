/**
 * Who a lifecycle change affects: the services that include the view (directly or through an
 * on-demand view reading it) with the consumers their tags name, and the consumers that actually
 * fetched the view's features recently (usage rollups).
 */
import type { RepoContents } from "../definitions/types";
import { consumersFromTags } from "../lineage/consumers";
import type { Registry } from "../registry/registry";
import { findViewLifecycleOrThrow } from "./find-view";
import type { AffectedService, LifecycleImpact, LifecycleViewKind, RecentConsumer } from "./types";

export const DEFAULT_IMPACT_DAYS = 30;

export async function lifecycleImpact(
  registry: Registry,
  target: { project: string; view: string; kind?: LifecycleViewKind; days?: number; now?: Date },
): Promise<LifecycleImpact> {
  const status = await findViewLifecycleOrThrow(registry, target);
  const days = target.days ?? DEFAULT_IMPACT_DAYS;
  const since = new Date((target.now ?? new Date()).getTime() - days * 86_400_000);
  const [contents, usage] = await Promise.all([
    registry.getContents(target.project),
    registry.usage.listUsage({ projectName: target.project, since }),
  ]);
  const onDemandViews = readersOf(contents, status.view);
  return {
    status,
    onDemandViews,
    services: servicesIncluding(contents, [status.view, ...onDemandViews]),
    consumers: recentConsumers(usage, status.view),
    days,
  };
}

/** On-demand views that take the view as an input. */
function readersOf(contents: RepoContents, view: string): string[] {
  return contents.onDemandFeatureViews
    .filter((odfv) => odfv.sources.some((s) => s.type === "featureView" && s.name === view))
    .map((odfv) => odfv.name);
}

/** Services with a projection of any of `views` (the first one found names the path). */
function servicesIncluding(contents: RepoContents, views: string[]): AffectedService[] {
  const affected: AffectedService[] = [];
  for (const service of contents.featureServices) {
    const via = views.find((view) => service.projections.some((p) => p.view === view));
    if (via === undefined) continue;
    affected.push({ name: service.name, via, consumers: consumersFromTags(service).map((link) => link.consumer) });
  }
  return affected;
}

function recentConsumers(
  usage: { consumer: string; featureRef: string; bucket: Date; requests: number }[],
  view: string,
): RecentConsumer[] {
  const byConsumer = new Map<string, { requests: number; lastSeen: Date; features: Set<string> }>();
  for (const row of usage) {
    if (!row.featureRef.startsWith(`${view}:`)) continue;
    const entry = byConsumer.get(row.consumer) ?? { requests: 0, lastSeen: row.bucket, features: new Set<string>() };
    entry.requests += row.requests;
    if (row.bucket > entry.lastSeen) entry.lastSeen = row.bucket;
    entry.features.add(row.featureRef.slice(view.length + 1));
    byConsumer.set(row.consumer, entry);
  }
  return [...byConsumer.entries()]
    .map(([consumer, e]) => ({
      consumer,
      requests: e.requests,
      lastSeen: e.lastSeen,
      features: [...e.features].sort(),
    }))
    .sort((a, b) => b.lastSeen.getTime() - a.lastSeen.getTime() || a.consumer.localeCompare(b.consumer));
}
