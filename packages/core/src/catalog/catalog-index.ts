/**
 * An in-memory index of one registry's catalog: every object and every feature of every project,
 * with lowercased search text prepared once. Lists, search and overviews read it instead of the
 * database, so a query over 5,000 views and 50,000 features is a scan of prepared strings
 * (milliseconds) rather than LIKE queries. It is rebuilt when the registry's global change stamp
 * moves (any apply, edit, import, lifecycle change or teardown, from any process).
 */
import type { CatalogObjectRow, CatalogSnapshot } from "@pantry/db";
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
import type { CatalogObjectSummary, CatalogSummaryCommon, FeatureSummary, Lifecycle } from "./types";

/** Lowercased text of one searchable thing, with a haystack for a quick reject. */
export interface SearchText {
  name: string;
  description: string;
  owner: string;
  /** "key:value", "key" and "value" of each tag. */
  tags: string[];
  haystack: string;
}

export interface IndexedObject {
  summary: CatalogObjectSummary;
  spec: RegistryObjectSpec;
  text: SearchText;
}

export interface IndexedFeature {
  feature: FeatureSummary;
  text: SearchText;
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
  builtInMs: number;
}

export const objectKey = (project: string, kind: ObjectKind, name: string) => `${project}\u0000${kind}\u0000${name}`;

export function searchText(fields: { name: string; description: string; owner: string; tags: Tags }): SearchText {
  const tags = Object.entries(fields.tags).flatMap(([k, v]) => [`${k}:${v}`.toLowerCase(), k.toLowerCase(), v.toLowerCase()]);
  const name = fields.name.toLowerCase();
  const description = fields.description.toLowerCase();
  const owner = fields.owner.toLowerCase();
  return { name, description, owner, tags, haystack: `${name}\n${owner}\n${tags.join("\n")}\n${description}` };
}

export function buildCatalogIndex(snapshot: CatalogSnapshot, stamp: string): CatalogIndex {
  const started = performance.now();
  const parsed = snapshot.objects.map((row) => ({ row, spec: JSON.parse(row.spec) as RegistryObjectSpec }));

  // Which services use each view, per project: needed by view summaries and features alike.
  const usedBy = new Map<string, string[]>();
  for (const { row, spec } of parsed) {
    if (spec.kind !== "featureService") continue;
    for (const view of new Set(spec.projections.map((p) => p.view))) {
      const key = `${row.projectName}\u0000${view}`;
      usedBy.set(key, [...(usedBy.get(key) ?? []), spec.name]);
    }
  }
  const servicesOf = (project: string, view: string) => usedBy.get(`${project}\u0000${view}`) ?? [];

  const objects: IndexedObject[] = [];
  const features: IndexedFeature[] = [];
  for (const { row, spec } of parsed) {
    const summary = summarize(row, spec, servicesOf(row.projectName, spec.name));
    objects.push({ summary, spec, text: searchText(spec) });
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
        features.push({ feature, viewTags: spec.tags, text: searchText({ ...field, owner: spec.owner }) });
      }
    }
  }
  objects.sort((a, b) => compareText(a.summary.name, b.summary.name) || compareText(a.summary.project, b.summary.project));
  features.sort(
    (a, b) =>
      compareText(a.feature.name, b.feature.name) ||
      compareText(a.feature.view, b.feature.view) ||
      compareText(a.feature.project, b.feature.project),
  );
  const byKey = new Map(objects.map((o) => [objectKey(o.summary.project, o.summary.kind, o.summary.name), o]));
  const projects = snapshot.projects.map((p) => ({
    name: p.name,
    description: p.description,
    owner: p.owner,
    tags: JSON.parse(p.tags) as Tags,
  }));
  return { stamp, projects, objects, features, byKey, builtInMs: performance.now() - started };
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
        location: spec.type === "file" ? spec.path : spec.type === "postgres" ? (spec.table ?? spec.query ?? "") : spec.type === "push" ? (spec.batchSource ?? "") : "",
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

function odfvSummary(common: CatalogSummaryCommon, spec: OnDemandFeatureViewSpec, usedBy: string[]): CatalogObjectSummary {
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
}

const indexes = new WeakMap<Registry, CachedIndex>();

/** The registry's index, rebuilt first when anything changed since it was built. */
export async function catalogIndexFor(registry: Registry): Promise<CatalogIndex> {
  let stamp: string;
  try {
    stamp = await registry.db.catalog.globalChangeStamp();
  } catch (error) {
    throw asPantryError(error, registry.location);
  }
  const cached = indexes.get(registry);
  if (cached && cached.stamp === stamp) return cached.index;
  const index = registry.db.catalog
    .loadSnapshot()
    .then((snapshot) => buildCatalogIndex(snapshot, stamp))
    .catch((error: unknown) => {
      indexes.delete(registry);
      throw asPantryError(error, registry.location);
    });
  indexes.set(registry, { stamp, index });
  return index;
}
