/**
 * Models: the consumers of a project's features. A model is a consumer seen in usage (requests
 * attributed to it) or named by a feature service's tags (`model`, `consumers`, ...), both merged
 * by name. Everything the model pages and `pantry models` show is computed here from the
 * registry (specs, usage, lifecycles, jobs, statistics, datasets) and the online store (freshness).
 */
import type { ConsumerMetricsDelta, UsageFeatureTotal } from "@pantry/db";
import type { FeatureServiceSpec, RepoContents } from "../definitions/types";
import { didYouMean, PantryError } from "../errors";
import { computeFreshness, type ProjectFreshness } from "../freshness/freshness";
import { listLifecycles } from "../lifecycle/find-view";
import type { ViewLifecycleStatus } from "../lifecycle/types";
import { consumersFromTags } from "../lineage/consumers";
import type { OnlineStore } from "../online/types";
import type { Registry } from "../registry/registry";
import { LATENCY_BOUNDS_MS } from "../serving/usage-buffer";
import { compareStatistics } from "../statistics/drift";
import { datasetStatistics, latestStatistics } from "../statistics/statistics";
import { parseUsageRange, RANGE_SPANS } from "../usage/report";
import type { UsageRange } from "../usage/types";
import type {
  ModelDataset,
  ModelDetail,
  ModelDrift,
  ModelFeature,
  ModelLifecycle,
  ModelMetrics,
  ModelMetricsPoint,
  ModelService,
  ModelSource,
  ModelSummary,
} from "./types";

/** A consumer counts as a model when it made requests in the last this many days. */
export const MODEL_USAGE_DAYS = 30;
const DAY = 24 * 60 * 60 * 1000;
const JOB_LIMIT = 200;

export interface ModelsContext {
  registry: Registry;
  onlineStore: Pick<OnlineStore, "newestEventTimestamp">;
  project: string;
  now?: Date;
}

/** Everything about a project that the model computations share, read once. */
interface ProjectState {
  contents: RepoContents;
  totals: UsageFeatureTotal[];
  freshness: ProjectFreshness;
  lifecycles: Map<string, ViewLifecycleStatus>;
  /** Single features' lifecycles (`view:feature`), deprecated or retired ones only. */
  featureLifecycles: Map<string, ModelLifecycle>;
}

async function readState(context: ModelsContext, now: Date): Promise<ProjectState> {
  const { registry, project } = context;
  const [contents, jobs, schedules] = await registry.readJobs(project, (jobStore) =>
    Promise.all([
      registry.getContents(project),
      jobStore.listJobs(project, { take: JOB_LIMIT }),
      registry.schedules.list(project),
    ]),
  );
  const [totals, lifecycles, featureRows] = await Promise.all([
    registry.usage.usageByFeature({ projectName: project, since: new Date(now.getTime() - MODEL_USAGE_DAYS * DAY) }),
    listLifecycles(registry, project),
    registry.governance.listFeatureLifecycles(project),
  ]);
  const featureLifecycles = new Map<string, ModelLifecycle>();
  for (const row of featureRows) {
    if (row.lifecycle !== "deprecated" && row.lifecycle !== "retired") continue;
    featureLifecycles.set(`${row.viewName}:${row.feature}`, {
      state: row.lifecycle,
      reason: row.deprecationReason,
      replacement: row.replacement,
      sunsetAt: row.sunsetAt,
    });
  }
  const freshness = await computeFreshness({
    project,
    views: contents.featureViews,
    onlineStore: context.onlineStore,
    jobs,
    schedules,
    now,
  });
  return {
    contents,
    totals,
    freshness,
    lifecycles: new Map(lifecycles.map((l) => [l.view, l])),
    featureLifecycles,
  };
}

/** The model names of a project: usage consumers and service-tag consumers, merged. */
function modelNames(state: ProjectState): Map<string, Set<ModelSource>> {
  const names = new Map<string, Set<ModelSource>>();
  const add = (name: string, via: ModelSource) => {
    const set = names.get(name) ?? new Set<ModelSource>();
    set.add(via);
    names.set(name, set);
  };
  for (const total of state.totals) add(total.consumer, "usage");
  for (const service of state.contents.featureServices) {
    for (const link of consumersFromTags(service)) add(link.consumer, "tag");
  }
  return names;
}

function servicesOf(state: ProjectState, model: string): { service: FeatureServiceSpec; via: "tag" | "name" }[] {
  return state.contents.featureServices.flatMap((service): { service: FeatureServiceSpec; via: "tag" | "name" }[] => {
    if (consumersFromTags(service).some((l) => l.consumer === model)) return [{ service, via: "tag" as const }];
    if (service.name === model) return [{ service, via: "name" as const }];
    return [];
  });
}

function featuresOf(state: ProjectState, model: string): ModelFeature[] {
  const { contents } = state;
  const viewKinds = new Map<string, "featureView" | "onDemandFeatureView">([
    ...contents.featureViews.map((v) => [v.name, "featureView"] as const),
    ...contents.onDemandFeatureViews.map((v) => [v.name, "onDemandFeatureView"] as const),
  ]);
  const schemas = new Map(
    [...contents.featureViews, ...contents.onDemandFeatureViews].map((v) => [v.name, v.schema.map((f) => f.name)]),
  );
  const freshness = new Map(state.freshness.views.map((v) => [v.view, v]));
  const byRef = new Map<string, ModelFeature>();
  const entry = (view: string, feature: string): ModelFeature => {
    const ref = `${view}:${feature}`;
    const found = byRef.get(ref);
    if (found) return found;
    const kind = viewKinds.get(view) ?? null;
    const fresh = freshness.get(view);
    const created: ModelFeature = {
      ref,
      view,
      feature,
      viewKind: kind,
      via: [],
      services: [],
      requests: 0,
      lastSeen: null,
      freshness: fresh
        ? {
            state: fresh.state,
            lagMs: fresh.lagMs,
            newestEventTs: fresh.newestEventTs,
            expectedMs: fresh.expected.ms,
          }
        : {
            state: kind === "onDemandFeatureView" ? "on_demand" : kind === null ? "missing" : "no_expectation",
            lagMs: null,
            newestEventTs: null,
            expectedMs: null,
          },
      lifecycle: lifecycleOf(state, view, feature),
    };
    byRef.set(ref, created);
    return created;
  };
  for (const { service } of servicesOf(state, model)) {
    for (const projection of service.projections) {
      const names = projection.features.length > 0 ? projection.features : (schemas.get(projection.view) ?? []);
      for (const name of names) {
        const feature = entry(projection.view, name);
        if (!feature.via.includes("service")) feature.via.push("service");
        if (!feature.services.includes(service.name)) feature.services.push(service.name);
      }
    }
  }
  for (const total of state.totals) {
    if (total.consumer !== model) continue;
    const at = total.featureRef.indexOf(":");
    if (at < 0) continue;
    const feature = entry(total.featureRef.slice(0, at), total.featureRef.slice(at + 1));
    if (!feature.via.includes("usage")) feature.via.push("usage");
    feature.requests += total.requests;
    if (!feature.lastSeen || total.lastSeen > feature.lastSeen) feature.lastSeen = total.lastSeen;
  }
  return [...byRef.values()].sort((a, b) => a.ref.localeCompare(b.ref));
}

/**
 * A feature's lifecycle: its own (`view:feature` deprecation) when it has one, else its view's. A
 * retired view wins over a merely deprecated feature.
 */
function lifecycleOf(state: ProjectState, view: string, feature: string): ModelLifecycle {
  const own = state.featureLifecycles.get(`${view}:${feature}`);
  const found = state.lifecycles.get(view);
  if (own && !(found?.state === "retired" && own.state !== "retired")) return own;
  if (!found) return { state: "active", reason: null, replacement: null, sunsetAt: null };
  return { state: found.state, reason: found.reason, replacement: found.replacement, sunsetAt: found.sunsetAt };
}

function summarize(state: ProjectState, project: string, name: string, via: Set<ModelSource>): ModelSummary {
  const features = featuresOf(state, name);
  const services = servicesOf(state, name);
  const staleViews = [...new Set(features.filter((f) => f.freshness.state === "stale").map((f) => f.view))].sort();
  const deprecatedFeatures = features.filter((f) => f.lifecycle.state !== "active").map((f) => f.ref);
  const requests = state.totals.filter((t) => t.consumer === name);
  const lastSeen = requests.reduce<Date | null>(
    (latest, t) => (!latest || t.lastSeen > latest ? t.lastSeen : latest),
    null,
  );
  return {
    name,
    project,
    via: [...via].sort(),
    services: services.map((s) => s.service.name).sort(),
    owners: ownersOf(
      state,
      services.map((s) => s.service),
      features,
    ),
    features: features.length,
    // A request counts once per feature it read: the model's requests are its most-read feature's.
    requests: requests.reduce((max, t) => Math.max(max, t.requests), 0),
    lastSeen,
    staleViews,
    deprecatedFeatures,
    attention: staleViews.length > 0 || deprecatedFeatures.length > 0,
  };
}

/** Owners of the services it uses (owner field, `owner` tag); without services, of the views it reads. */
function ownersOf(state: ProjectState, services: FeatureServiceSpec[], features: ModelFeature[]): string[] {
  const owners = new Set<string>();
  for (const service of services) {
    if (service.owner) owners.add(service.owner);
    if (service.tags.owner) owners.add(service.tags.owner);
  }
  if (owners.size === 0) {
    const views = new Set(features.map((f) => f.view));
    for (const view of [...state.contents.featureViews, ...state.contents.onDemandFeatureViews]) {
      if (!views.has(view.name)) continue;
      if (view.owner) owners.add(view.owner);
      if (view.tags.owner) owners.add(view.tags.owner);
    }
  }
  return [...owners].sort();
}

/** The project's models, those needing attention (stale or deprecated reads) first. */
export async function listModels(context: ModelsContext): Promise<ModelSummary[]> {
  const now = context.now ?? new Date();
  const state = await readState(context, now);
  return [...modelNames(state)]
    .map(([name, via]) => summarize(state, context.project, name, via))
    .sort((a, b) => Number(b.attention) - Number(a.attention) || a.name.localeCompare(b.name));
}

export async function describeModel(
  context: ModelsContext,
  request: { model: string; range?: UsageRange; dataset?: string | null },
): Promise<ModelDetail> {
  const now = context.now ?? new Date();
  const range = parseUsageRange(request.range ?? "7d");
  const state = await readState(context, now);
  const names = modelNames(state);
  const via = names.get(request.model);
  if (!via) {
    throw new PantryError(
      "NOT_FOUND",
      `model '${request.model}' is not known in project '${context.project}': no request named it in the last ${MODEL_USAGE_DAYS} days and no feature service's tags name it${didYouMean(request.model, [...names.keys()])}`,
      { model: request.model },
    );
  }
  const summary = summarize(state, context.project, request.model, via);
  const features = featuresOf(state, request.model);
  const [servicesUsed, metrics, datasets] = await Promise.all([
    servicesDetail(context.registry, context.project, servicesOf(state, request.model)),
    modelMetrics(context.registry, context.project, request.model, range, now),
    modelDatasets(context.registry, context.project, summary.services, features),
  ]);
  const drift = await modelDrift(context.registry, context.project, datasets, request.dataset ?? null, features);
  return {
    ...summary,
    featuresRead: features,
    servicesUsed,
    deprecated: features.filter((f) => f.lifecycle.state !== "active"),
    metrics,
    datasets,
    drift,
  };
}

async function servicesDetail(
  registry: Registry,
  project: string,
  services: { service: FeatureServiceSpec; via: "tag" | "name" }[],
): Promise<ModelService[]> {
  if (services.length === 0) return [];
  const [views, odfvs, stored] = await Promise.all([
    registry.listStored(project, "featureView"),
    registry.listStored(project, "onDemandFeatureView"),
    registry.listStored(project, "featureService"),
  ]);
  const versions = new Map([...views, ...odfvs].map((v) => [v.spec.name, v.meta.version]));
  const lifecycles = new Map(stored.map((s) => [s.spec.name, s.meta.lifecycle]));
  return services.map(({ service, via }) => ({
    name: service.name,
    owner: service.owner || service.tags.owner || "",
    description: service.description,
    via,
    features: service.projections.reduce((n, p) => n + p.features.length, 0),
    lifecycle: lifecycles.get(service.name) ?? "active",
    views: [...new Set(service.projections.map((p) => p.view))].map((view) => ({
      view,
      version: versions.get(view) ?? null,
    })),
  }));
}

/** Requests, entity rows, errors and latency percentiles per bucket of the range. */
export async function modelMetrics(
  registry: Registry,
  project: string,
  model: string,
  range: UsageRange,
  now: Date,
): Promise<ModelMetrics> {
  const { spanMs, bucketMs } = RANGE_SPANS[range];
  const until = new Date(Math.floor(now.getTime() / bucketMs) * bucketMs + bucketMs);
  const since = new Date(until.getTime() - spanMs);
  const minutes = await registry.statistics.consumerMetrics({ projectName: project, since, until, consumer: model });
  const groups: ConsumerMetricsDelta[][] = [];
  for (let t = since.getTime(); t < until.getTime(); t += bucketMs) groups.push([]);
  for (const minute of minutes)
    groups[Math.floor((minute.bucket.getTime() - since.getTime()) / bucketMs)]?.push(minute);
  const points = groups.map((group, i) => ({ bucket: new Date(since.getTime() + i * bucketMs), ...aggregate(group) }));
  return { range, since, until, bucketMs, points, totals: aggregate(minutes) };
}

function aggregate(minutes: ConsumerMetricsDelta[]): Omit<ModelMetricsPoint, "bucket"> {
  const buckets: Record<string, number> = {};
  let requests = 0;
  let entityRows = 0;
  let errors = 0;
  for (const m of minutes) {
    requests += m.requests;
    entityRows += m.entityRows;
    errors += m.errors;
    for (const [bound, count] of Object.entries(m.latencyBuckets)) buckets[bound] = (buckets[bound] ?? 0) + count;
  }
  return { requests, entityRows, errors, p50Ms: percentile(buckets, 0.5), p99Ms: percentile(buckets, 0.99) };
}

/** The bucket bound the q-th request falls under; beyond the last bound, the last bound. */
export function percentile(buckets: Record<string, number>, q: number): number | null {
  const total = Object.values(buckets).reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const rank = Math.ceil(q * total);
  let seen = 0;
  for (const bound of [...LATENCY_BOUNDS_MS, Number.POSITIVE_INFINITY]) {
    seen += buckets[String(bound)] ?? 0;
    if (seen >= rank) return Number.isFinite(bound) ? bound : (LATENCY_BOUNDS_MS.at(-1) as number);
  }
  return LATENCY_BOUNDS_MS.at(-1) as number;
}

/** Saved datasets built for the model: from one of its services, or holding features it reads. */
async function modelDatasets(
  registry: Registry,
  project: string,
  services: string[],
  features: ModelFeature[],
): Promise<ModelDataset[]> {
  const refs = new Set(features.map((f) => f.ref));
  const rows = await registry.datasets.list(project);
  return rows.flatMap((row) => {
    const datasetFeatures = parseList(row.features);
    const mine =
      (row.featureService !== null && services.includes(row.featureService)) ||
      datasetFeatures.some((ref) => refs.has(ref));
    return mine
      ? [
          {
            name: row.name,
            createdAt: row.createdAt,
            featureService: row.featureService,
            features: datasetFeatures.length,
          },
        ]
      : [];
  });
}

/** Training (the chosen or newest dataset's statistics) against the newest source statistics. */
async function modelDrift(
  registry: Registry,
  project: string,
  datasets: ModelDataset[],
  chosen: string | null,
  features: ModelFeature[],
): Promise<ModelDrift | null> {
  const dataset = chosen ? datasets.find((d) => d.name === chosen) : datasets[0];
  if (chosen && !dataset) {
    throw new PantryError(
      "NOT_FOUND",
      `saved dataset '${chosen}' is not one of this model's (${datasets.map((d) => d.name).join(", ") || "none"})`,
      { dataset: chosen },
    );
  }
  if (!dataset) return null;
  const refs = new Set(features.map((f) => f.ref));
  const [training, serving] = await Promise.all([
    datasetStatistics(registry, { project, dataset: dataset.name }),
    latestStatistics(registry, { project }),
  ]);
  const items = compareStatistics(
    training.filter((t) => refs.has(`${t.view}:${t.feature}`)),
    serving,
  );
  return {
    dataset: dataset.name,
    computedAt: training[0]?.computedAt ?? null,
    items,
    flagged: items.filter((i) => i.flagged).length,
  };
}

function parseList(text: string): string[] {
  try {
    const parsed = JSON.parse(text) as unknown;
    return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === "string") : [];
  } catch {
    return [];
  }
}
