/**
 * Search across projects, objects and features, ranked: exact name > name prefix > name contains >
 * tag or owner > description (see search-documents). One pass over the documents applies the
 * filters and keeps only the best `limit` candidates, so a common word matching thousands of
 * features costs no sort of thousands of hits.
 */
import type { ObjectKind, Tags } from "../definitions/types";
import type { Registry } from "../registry/registry";
import { type CatalogIndex, catalogIndexFor, compareText, visibleIndexes } from "./catalog-index";
import { matchesOwner, matchesTagFilters, queryTokens } from "./filters";
import { matchedField, rankDocuments } from "./search-documents";
import type { Lifecycle } from "./types";

export type SearchKind = ObjectKind | "feature";

export type MatchedOn = "name" | "tag" | "owner" | "description" | "filter";

export interface SearchHit {
  kind: SearchKind;
  project: string;
  name: string;
  /** Features: the view that defines it (ref `view:name`). */
  view: string | null;
  viewKind: "featureView" | "onDemandFeatureView" | null;
  description: string;
  owner: string;
  tags: Tags;
  /** Features: their dtype. */
  dtype: string | null;
  lifecycle: Lifecycle;
  matchedOn: MatchedOn;
  /** Higher is better: 5 exact name, 4 prefix, 3 name contains, 2 tag/owner, 1 description, 0 filter only. */
  rank: number;
}

export interface SearchOptions {
  q: string;
  project?: string;
  kinds?: SearchKind[];
  /** "key:value" or "key". */
  tag?: string;
  owner?: string;
  limit: number;
}

export interface SearchResult {
  hits: SearchHit[];
  /** Matches in all, before the limit. */
  total: number;
  tookMs: number;
}

/** One index and the projects it may show. */
export interface SearchScope {
  index: CatalogIndex;
  projects: Set<string>;
}

/**
 * The indexes a read covers: the registry of the named project (that project only), else every
 * given registry with the projects each one owns.
 */
export async function catalogScopes(registries: Registry[], project?: string): Promise<SearchScope[]> {
  if (project) {
    return Promise.all(
      registries.map(async (registry) => ({ index: await catalogIndexFor(registry), projects: new Set([project]) })),
    );
  }
  return visibleIndexes(registries);
}

export function searchCatalog(scopes: SearchScope[], options: SearchOptions): SearchResult {
  const started = performance.now();
  const result = searchIndexes(scopes, options);
  return { ...result, tookMs: performance.now() - started };
}

/** Within a rank: shorter names first, objects before features, then A-Z. */
const KIND_ORDER: Record<SearchKind, number> = {
  featureView: 0,
  featureService: 1,
  onDemandFeatureView: 2,
  entity: 3,
  dataSource: 4,
  feature: 5,
};

interface Candidate {
  scope: SearchScope;
  id: number;
  rank: number;
  kind: SearchKind;
  name: string;
  view: string;
  project: string;
}

/** The pure search over prepared indexes (the workspace only decides which indexes and projects). */
export function searchIndexes(scopes: SearchScope[], options: SearchOptions): Omit<SearchResult, "tookMs"> {
  const tokens = queryTokens(options.q.trim());
  const kinds = options.kinds?.length ? new Set<SearchKind>(options.kinds) : null;
  const tagFilters = options.tag ? [options.tag] : undefined;
  const compare = tokens.length ? compareRanked : compareFilterOnly;
  const best: Candidate[] = [];
  let total = 0;

  // `probe` is the loop's reused candidate: it is copied only when it enters the best `limit`,
  // so a common word matching thousands of documents allocates a page of objects, not thousands.
  const offer = (probe: Candidate) => {
    total++;
    if (options.limit <= 0) return;
    const worst = best[best.length - 1];
    if (best.length >= options.limit && worst && compare(probe, worst) >= 0) return;
    const candidate = { ...probe };
    // Insert in order (binary search); the list never holds more than `limit`.
    let lo = 0;
    let hi = best.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compare(best[mid] as Candidate, candidate) <= 0) lo = mid + 1;
      else hi = mid;
    }
    best.splice(lo, 0, candidate);
    if (best.length > options.limit) best.pop();
  };

  const probe: Candidate = {
    scope: scopes[0] as SearchScope,
    id: 0,
    rank: 0,
    kind: "feature",
    name: "",
    view: "",
    project: "",
  };
  for (const scope of scopes) {
    const { index, projects } = scope;
    const docs = index.search;
    const ranks = tokens.length ? rankDocuments(docs, tokens, docs.scratch) : null;
    for (let id = 0; id < docs.count; id++) {
      const rank = ranks ? (ranks[id] as number) : 0;
      if (ranks && rank === 0) continue;
      const kind = docs.kinds[id] as SearchKind;
      if ((kinds && !kinds.has(kind)) || !projects.has(docs.projects[id] as string)) continue;
      if (!matchesOwner(docs.owners[id] as string, options.owner)) continue;
      if (tagFilters && !matchesTagFilters(docs.tags[id] as Tags, tagFilters, docs.extraTags[id] ?? undefined))
        continue;
      probe.scope = scope;
      probe.id = id;
      probe.rank = rank;
      probe.kind = kind;
      probe.name = docs.displayNames[id] as string;
      probe.view = docs.views[id] as string;
      probe.project = docs.projects[id] as string;
      offer(probe);
    }
  }
  return { hits: best.map((c) => toHit(c, tokens)), total };
}

function compareRanked(a: Candidate, b: Candidate): number {
  return (
    b.rank - a.rank ||
    a.name.length - b.name.length ||
    KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
    compareText(a.name, b.name) ||
    compareText(a.view, b.view) ||
    compareText(a.project, b.project)
  );
}

/** No text to rank by: objects first (by kind), then A-Z. */
function compareFilterOnly(a: Candidate, b: Candidate): number {
  return (
    KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
    compareText(a.name, b.name) ||
    compareText(a.view, b.view) ||
    compareText(a.project, b.project)
  );
}

function toHit(candidate: Candidate, tokens: string[]): SearchHit {
  const { index } = candidate.scope;
  const objectCount = index.objects.length;
  if (candidate.id >= objectCount) {
    const f = (index.features[candidate.id - objectCount] as CatalogIndex["features"][number]).feature;
    return {
      kind: "feature",
      project: f.project,
      name: f.name,
      view: f.view,
      viewKind: f.viewKind,
      description: f.description,
      owner: f.owner,
      tags: f.tags,
      dtype: f.dtype,
      lifecycle: f.lifecycle,
      matchedOn: matchedField(f, candidate.rank, tokens),
      rank: candidate.rank,
    };
  }
  const { summary } = index.objects[candidate.id] as CatalogIndex["objects"][number];
  return {
    kind: summary.kind,
    project: summary.project,
    name: summary.name,
    view: null,
    viewKind: null,
    description: summary.description,
    owner: summary.owner,
    tags: summary.tags,
    dtype: null,
    lifecycle: summary.lifecycle,
    matchedOn: matchedField(summary, candidate.rank, tokens),
    rank: candidate.rank,
  };
}
