/**
 * Features across views (and projects, unless one is named): the catalog page data scientists
 * browse to find a feature. Sorted by feature name, then view, then project.
 */
import { compareText, type IndexedFeature } from "./catalog-index";
import { pageOf } from "./cursor";
import { matchesOwner, matchesTagFilters, textRanks } from "./filters";
import type { SearchScope } from "./search-catalog";
import type { FeatureSummary, Lifecycle, Page } from "./types";

export interface ListCatalogFeaturesOptions {
  project?: string;
  /** Only the features of this view. */
  view?: string;
  q?: string;
  tags?: string[];
  owner?: string;
  dtype?: string;
  lifecycle?: Lifecycle;
  cursor?: string | null;
  limit: number;
}

const featureKey = (f: FeatureSummary) => `${f.name}\u0000${f.view}\u0000${f.project}`;

/** Over the indexes in scope: one project's registry, or every registry of a workspace (catalogScopes). */
export function listCatalogFeatures(scopes: SearchScope[], options: ListCatalogFeaturesOptions): Page<FeatureSummary> {
  const matching: IndexedFeature[] = [];
  for (const { index, projects: visible } of scopes) {
    const ranks = textRanks(index.search, options.q);
    const offset = index.objects.length;
    for (const [position, indexed] of index.features.entries()) {
      if (ranks && ranks[offset + position] === 0) continue;
      const f = indexed.feature;
      if (!visible.has(f.project)) continue;
      if (options.view && f.view !== options.view) continue;
      if (options.dtype && f.dtype !== options.dtype) continue;
      if (options.lifecycle && f.lifecycle !== options.lifecycle) continue;
      if (!matchesOwner(f.owner, options.owner)) continue;
      if (!matchesTagFilters(f.tags, options.tags, indexed.viewTags)) continue;
      matching.push(indexed);
    }
  }
  // Several registries: each index is sorted, the union is not.
  if (scopes.length > 1) matching.sort((a, b) => compareText(featureKey(a.feature), featureKey(b.feature)));
  return pageOf(matching, {
    cursor: options.cursor,
    limit: options.limit,
    keyOf: (f) => featureKey(f.feature),
    map: (f) => f.feature,
  });
}
