/**
 * Search across projects, objects and features, ranked: exact name > name prefix > name contains >
 * tag or owner > description. Scans the prepared text of the in-memory index (see catalog-index);
 * results are bucketed by rank so only the buckets that fill the page get sorted.
 */
import type { ObjectKind, Tags } from "../definitions/types";
import type { Workspace } from "../workspace/workspace";
import { catalogIndexFor, compareText, type SearchText } from "./catalog-index";
import { matchesOwner, matchesTagFilters, queryTokens } from "./filters";
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

const RANKS = 6;

/** How well one token matches: the rank, and for rank 2 whether a tag or the owner matched. */
function rankToken(text: SearchText, token: string): { rank: number; on: MatchedOn } {
  if (text.name === token) return { rank: 5, on: "name" };
  if (text.name.startsWith(token)) return { rank: 4, on: "name" };
  if (text.name.includes(token)) return { rank: 3, on: "name" };
  if (text.tags.some((t) => t.includes(token))) return { rank: 2, on: "tag" };
  if (text.owner.includes(token)) return { rank: 2, on: "owner" };
  if (text.description.includes(token)) return { rank: 1, on: "description" };
  return { rank: -1, on: "filter" };
}

/**
 * The whole query ranks first (so "driver stats" can be an exact name after spaces become '_'),
 * else every word must match and the weakest word decides.
 */
export function rankText(text: SearchText, q: string, tokens: string[]): { rank: number; on: MatchedOn } {
  if (tokens.length === 0) return { rank: 0, on: "filter" };
  if (!tokens.every((t) => text.haystack.includes(t))) return { rank: -1, on: "filter" };
  const whole = rankToken(text, q);
  if (whole.rank >= 3) return whole;
  const joined = tokens.join("_");
  if (tokens.length > 1 && text.name === joined) return { rank: 5, on: "name" };
  let weakest = { rank: RANKS, on: "name" as MatchedOn };
  for (const token of tokens) {
    const r = rankToken(text, token);
    if (r.rank < weakest.rank) weakest = r;
  }
  return weakest.rank === RANKS ? whole : weakest;
}

export async function searchCatalog(workspace: Workspace, options: SearchOptions): Promise<SearchResult> {
  const started = performance.now();
  const q = options.q.trim().toLowerCase();
  const tokens = queryTokens(q);
  const kinds = options.kinds?.length ? new Set<SearchKind>(options.kinds) : null;
  const tagFilters = options.tag ? [options.tag] : undefined;
  const registries = options.project
    ? [await workspace.registryFor(options.project)]
    : await workspace.openRegistries();
  const visible = new Set((await workspace.listProjects()).map((p) => p.name));
  const buckets: SearchHit[][] = Array.from({ length: RANKS }, () => []);

  for (const registry of registries) {
    const index = await catalogIndexFor(registry);
    if (!kinds || [...kinds].some((k) => k !== "feature")) {
      for (const { summary, text } of index.objects) {
        if (kinds && !kinds.has(summary.kind)) continue;
        if (options.project ? summary.project !== options.project : !visible.has(summary.project)) continue;
        const { rank, on } = rankText(text, q, tokens);
        if (rank < 0 || !matchesOwner(summary.owner, options.owner) || !matchesTagFilters(summary.tags, tagFilters)) continue;
        buckets[rank]?.push({
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
          matchedOn: on,
          rank,
        });
      }
    }
    if (!kinds || kinds.has("feature")) {
      for (const { feature, text, viewTags } of index.features) {
        if (options.project ? feature.project !== options.project : !visible.has(feature.project)) continue;
        const { rank, on } = rankText(text, q, tokens);
        if (rank < 0 || !matchesOwner(feature.owner, options.owner) || !matchesTagFilters(feature.tags, tagFilters, viewTags)) continue;
        buckets[rank]?.push({
          kind: "feature",
          project: feature.project,
          name: feature.name,
          view: feature.view,
          viewKind: feature.viewKind,
          description: feature.description,
          owner: feature.owner,
          tags: feature.tags,
          dtype: feature.dtype,
          lifecycle: feature.lifecycle,
          matchedOn: on,
          rank,
        });
      }
    }
  }

  const hits: SearchHit[] = [];
  let total = 0;
  for (let rank = RANKS - 1; rank >= 0; rank--) {
    const bucket = buckets[rank] ?? [];
    total += bucket.length;
    if (hits.length >= options.limit) continue;
    bucket.sort(rank === 0 ? compareFilterOnly : compareHits);
    hits.push(...bucket.slice(0, options.limit - hits.length));
  }
  return { hits, total, tookMs: performance.now() - started };
}

/** Within a rank: objects before features (a view named like the query beats its features), shorter names, then A-Z. */
const KIND_ORDER: Record<SearchKind, number> = {
  featureView: 0,
  featureService: 1,
  onDemandFeatureView: 2,
  entity: 3,
  dataSource: 4,
  feature: 5,
};

/** No text to rank by: objects first (by kind), then A-Z. */
function compareFilterOnly(a: SearchHit, b: SearchHit): number {
  return KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || compareText(a.name, b.name) || compareText(a.project, b.project);
}

function compareHits(a: SearchHit, b: SearchHit): number {
  return (
    a.name.length - b.name.length ||
    KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
    compareText(a.name, b.name) ||
    compareText(a.view ?? "", b.view ?? "") ||
    compareText(a.project, b.project)
  );
}
