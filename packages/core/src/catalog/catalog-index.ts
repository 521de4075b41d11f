/**
 * An in-memory index of one registry's catalog: every object and every feature of every project,
 * with lowercased search text prepared once. Lists, search and overviews read it instead of the
 * database, so a query over 5,000 views and 50,000 features is a scan of prepared strings
 * (milliseconds) rather than LIKE queries. It is rebuilt when the registry's global change stamp
 * moves (any apply, edit, import, lifecycle change or teardown, from any process).
 */
import type { CatalogObjectRow, CatalogSnapshot, ProjectRecord } from "@pantry/db";
import type {
  FeatureServiceSpec,
  FeatureViewSpec,
  ObjectKind,
  ObjectOrigin,
  OnDemandFeatureViewSpec,
  ProjectSpec,
  RegistryObjectSpec,
  Tags,
} from "../definitions/types";
import { consumersFromTags } from "../lineage/consumers";
import { asPantryError, type Registry } from "../registry/registry";
import { buildSearchDocuments, type SearchDocuments } from "./search-documents";
import type { CatalogObjectSummary, CatalogSummaryCommon, FeatureSummary, Lifecycle } from "./types";

export interface IndexedObject {
  summary: CatalogObjectSummary;
  spec: RegistryObjectSpec;
}

export interface IndexedFeature {
  feature: FeatureSummary;
  /** The view's tags, which a tag filter on features also accepts. */
  viewTags: Tags;
}

export interface CatalogIndex {
  stamp: string;
  projects: ProjectSpec[];
  objects: IndexedObject[];
  features: IndexedFeature[];
  /** `${project}\u0000${kind}\u0000${name}` -> object. */
  byKey: Map<string, IndexedObject>;
  /** `objects` then `features` as search documents: document id = position in that order. */
  search: SearchDocuments;
  builtInMs: number;
}

export const objectKey = (project: string, kind: ObjectKind, name: string) => `${project}\u0000${kind}\u0000${name}`;

/** One project's share of an index: rebuilt only when that project changes. */
export interface ProjectPartition {
  objects: IndexedObject[];
  features: IndexedFeature[];
}

export function buildCatalogIndex(snapshot: CatalogSnapshot, stamp: string): CatalogIndex {
  return assembleIndex(snapshot.projects, buildPartitions(snapshot.objects), stamp);
}

/** Summaries and features per project (which services use a view is a question within one project). */
export function buildPartitions(rows: CatalogObjectRow[]): Map<string, ProjectPartition> {
  const parsed = rows.map((row) => ({ row, spec: JSON.parse(row.spec) as RegistryObjectSpec }));
  const usedBy = new Map<string, string[]>();
  for (const { row, spec } of parsed) {
    if (spec.kind !== "featureService") continue;
    for (const view of new Set(spec.projections.map((p) => p.view))) {
      const key = `${row.projectName}\u0000${view}`;
      usedBy.set(key, [...(usedBy.get(key) ?? []), spec.name]);
    }
  }
  const partitions = new Map<string, ProjectPartition>();
  for (const { row, spec } of parsed) {
    let partition = partitions.get(row.projectName);
    if (!partition) {
      partition = { objects: [], features: [] };
      partitions.set(row.projectName, partition);
    }
    const summary = summarize(row, spec, usedBy.get(`${row.projectName}\u0000${spec.name}`) ?? []);
    partition.objects.push({ summary, spec });
    if (spec.kind === "featureView" || spec.kind === "onDemandFeatureView") {
      for (const field of spec.schema) {
        const feature: FeatureSummary = {
          project: row.projectName,
          view: spec.name,
          viewKind: spec.kind,
          name: field.name,
          dtype: field.dtype,
          description: field.description,
          tags: field.tags,
          owner: spec.owner,
          lifecycle: summary.lifecycle,
          usedBy: summary.kind === "featureView" || summary.kind === "onDemandFeatureView" ? summary.usedBy : [],
        };
        partition.features.push({ feature, viewTags: spec.tags });
      }
    }
  }
  return partitions;
}

export function assembleIndex(
  projectRows: ProjectRecord[],
  partitions: Map<string, ProjectPartition>,
  stamp: string,
): CatalogIndex {
  const started = performance.now();
  const objects: IndexedObject[] = [];
  const features: IndexedFeature[] = [];
  for (const partition of partitions.values()) {
    for (const o of partition.objects) objects.push(o);
    for (const f of partition.features) features.push(f);
  }
  objects.sort(
    (a, b) => compareText(a.summary.name, b.summary.name) || compareText(a.summary.project, b.summary.project),
  );
  features.sort(
    (a, b) =>
      compareText(a.feature.name, b.feature.name) ||
      compareText(a.feature.view, b.feature.view) ||
      compareText(a.feature.project, b.feature.project),
  );
  const byKey = new Map(objects.map((o) => [objectKey(o.summary.project, o.summary.kind, o.summary.name), o]));
  const projects = projectRows.map((p) => ({
    name: p.name,
    description: p.description,
    owner: p.owner,
    tags: JSON.parse(p.tags) as Tags,
  }));
  const search = buildSearchDocuments([
    ...objects.map(({ spec, summary }) => ({ ...spec, project: summary.project, view: "", extraTags: null })),
    ...features.map(({ feature, viewTags }) => ({ ...feature, kind: "feature", extraTags: viewTags })),
  ]);
  return { stamp, projects, objects, features, byKey, search, builtInMs: performance.now() - started };
}

/** Code-point order, so cursors compare the same way the lists are sorted. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function summarize(row: CatalogObjectRow, spec: RegistryObjectSpec, usedBy: string[]): CatalogObjectSummary {
  const common: CatalogSummaryCommon = {
    project: row.projectName,
    name: spec.name,
    description: spec.description,
    owner: spec.owner,
    tags: spec.tags,
    origin: row.origin as ObjectOrigin,
    lifecycle: row.lifecycle as Lifecycle,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
  switch (spec.kind) {
    case "entity":
      return { ...common, kind: "entity", joinKeys: spec.joinKeys, valueType: spec.valueType };
    case "dataSource":
      return {
        ...common,
        kind: "dataSource",
        sourceType: spec.type,
        location:
          spec.type === "file"
            ? spec.path
            : spec.type === "postgres"
              ? (spec.table ?? spec.query ?? "")
              : spec.type === "push"
                ? (spec.batchSource ?? "")
                : "",
        timestampField: spec.timestampField,
      };
    case "featureView":
      return viewSummary(common, spec, usedBy);
    case "onDemandFeatureView":
      return odfvSummary(common, spec, usedBy);
    case "featureService":
      return serviceSummary(common, spec);
  }
}

function viewSummary(common: CatalogSummaryCommon, spec: FeatureViewSpec, usedBy: string[]): CatalogObjectSummary {
  return {
    ...common,
    kind: "featureView",
    entities: spec.entities,
    source: spec.source,
    ttlSeconds: spec.ttlSeconds,
    online: spec.online,
    featureCount: spec.schema.length,
    usedBy,
  };
}

function odfvSummary(
  common: CatalogSummaryCommon,
  spec: OnDemandFeatureViewSpec,
  usedBy: string[],
): CatalogObjectSummary {
  return {
    ...common,
    kind: "onDemandFeatureView",
    inputs: spec.sources.map((s) => s.name),
    featureCount: spec.schema.length,
    usedBy,
  };
}

function serviceSummary(common: CatalogSummaryCommon, spec: FeatureServiceSpec): CatalogObjectSummary {
  return {
    ...common,
    kind: "featureService",
    views: [...new Set(spec.projections.map((p) => p.view))],
    featureCount: spec.projections.reduce((n, p) => n + p.features.length, 0),
    consumers: consumersFromTags(spec).map((c) => c.consumer),
  };
}

interface CachedIndex {
  stamp: string;
  index: Promise<CatalogIndex>;
  /** Per project: the stamp its partition was built at, and the partition. */
  built: Promise<Map<string, { stamp: string; partition: ProjectPartition }>>;
}

const indexes = new WeakMap<Registry, CachedIndex>();
/** Stamp checks in flight: concurrent searches (one per keystroke) share one query. */
const stampChecks = new WeakMap<Registry, Promise<string>>();

function currentStamp(registry: Registry): Promise<string> {
  let check = stampChecks.get(registry);
  if (!check) {
    check = registry.catalog.globalChangeStamp().finally(() => stampChecks.delete(registry));
    stampChecks.set(registry, check);
  }
  return check;
}

/**
 * The registry's index, brought up to date first when anything changed since it was built. Only
 * the projects whose own stamp moved are read again (an edit in one project of five re-reads a
 * fifth of the catalog); the rest keep their parsed partitions.
 */
export async function catalogIndexFor(registry: Registry): Promise<CatalogIndex> {
  let stamp: string;
  try {
    stamp = await currentStamp(registry);
  } catch (error) {
    throw asPantryError(error, registry.location);
  }
  const cached = indexes.get(registry);
  if (cached && cached.stamp === stamp) return cached.index;
  const previous = cached?.built.catch(() => new Map<string, { stamp: string; partition: ProjectPartition }>());
  const built = refreshPartitions(registry, previous);
  const index = built.then(async (partitions) => {
    const projects = await registry.catalog.listProjectRows();
    return assembleIndex(projects, new Map([...partitions].map(([name, p]) => [name, p.partition])), stamp);
  });
  const entry: CachedIndex = { stamp, index, built };
  index.catch(() => {
    if (indexes.get(registry) === entry) indexes.delete(registry);
  });
  indexes.set(registry, entry);
  try {
    return await index;
  } catch (error) {
    throw asPantryError(error, registry.location);
  }
}

async function refreshPartitions(
  registry: Registry,
  previous: Promise<Map<string, { stamp: string; partition: ProjectPartition }>> | undefined,
): Promise<Map<string, { stamp: string; partition: ProjectPartition }>> {
  const [stamps, before] = await Promise.all([
    registry.catalog.projectChangeStamps(),
    previous ?? Promise.resolve(new Map()),
  ]);
  const next = new Map<string, { stamp: string; partition: ProjectPartition }>();
  const stale: string[] = [];
  for (const [name, projectStamp] of stamps) {
    const kept = before.get(name);
    if (kept && kept.stamp === projectStamp) next.set(name, kept);
    else stale.push(name);
  }
  if (stale.length) {
    const snapshot = await registry.catalog.loadSnapshot(stale);
    const fresh = buildPartitions(snapshot.objects);
    for (const name of stale) {
      next.set(name, {
        stamp: stamps.get(name) as string,
        partition: fresh.get(name) ?? { objects: [], features: [] },
      });
    }
  }
  return next;
}

/**
 * The indexes of several registries, with the projects each may show: a project name found in an
 * earlier registry hides the same name in later ones (the workspace lists the first one too).
 */
export async function visibleIndexes(
  registries: Registry[],
): Promise<{ index: CatalogIndex; projects: Set<string> }[]> {
  const seen = new Set<string>();
  const result: { index: CatalogIndex; projects: Set<string> }[] = [];
  for (const registry of registries) {
    const index = await catalogIndexFor(registry);
    const projects = new Set(index.projects.map((p) => p.name).filter((name) => !seen.has(name)));
    for (const name of projects) seen.add(name);
    result.push({ index, projects });
  }
  return result;
}
