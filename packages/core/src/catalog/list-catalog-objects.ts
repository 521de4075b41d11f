/** A page of one kind of object of a project, filtered, sorted by name. */
import type { ObjectKind } from "../definitions/types";
import type { Registry } from "../registry/registry";
import { catalogIndexFor } from "./catalog-index";
import { pageOf } from "./cursor";
import { matchesOwner, matchesTagFilters, textRanks } from "./filters";
import type { CatalogListFilters, CatalogObjectSummary, Page } from "./types";

export interface ListCatalogObjectsOptions extends CatalogListFilters {
  project: string;
  kind: ObjectKind;
  cursor?: string | null;
  limit: number;
}

export async function listCatalogObjects(
  registry: Registry,
  options: ListCatalogObjectsOptions,
): Promise<Page<CatalogObjectSummary>> {
  const index = await catalogIndexFor(registry);
  const ranks = textRanks(index.search, options.q);
  const matching = index.objects.filter(
    ({ summary }, id) =>
      ranks?.[id] !== 0 &&
      summary.project === options.project &&
      summary.kind === options.kind &&
      (!options.origin || summary.origin === options.origin) &&
      (!options.lifecycle || summary.lifecycle === options.lifecycle) &&
      matchesOwner(summary.owner, options.owner) &&
      matchesTagFilters(summary.tags, options.tags),
  );
  return pageOf(matching, {
    cursor: options.cursor,
    limit: options.limit,
    keyOf: (o) => o.summary.name,
    map: (o) => o.summary,
  });
}
