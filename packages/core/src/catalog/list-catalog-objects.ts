/** A page of one kind of object of a project, filtered, sorted by name. */
import type { ObjectKind } from "../definitions/types";
import type { Workspace } from "../workspace/workspace";
import { catalogIndexFor } from "./catalog-index";
import { pageOf } from "./cursor";
import { matchesOwner, matchesTagFilters, matchesText } from "./filters";
import type { CatalogListFilters, CatalogObjectSummary, Page } from "./types";

export interface ListCatalogObjectsOptions extends CatalogListFilters {
  project: string;
  kind: ObjectKind;
  cursor?: string | null;
  limit: number;
}

export async function listCatalogObjects(
  workspace: Workspace,
  options: ListCatalogObjectsOptions,
): Promise<Page<CatalogObjectSummary>> {
  await workspace.getProjectOrThrow(options.project);
  const index = await catalogIndexFor(await workspace.registryFor(options.project));
  const matching = index.objects.filter(
    ({ summary, text }) =>
      summary.project === options.project &&
      summary.kind === options.kind &&
      (!options.origin || summary.origin === options.origin) &&
      (!options.lifecycle || summary.lifecycle === options.lifecycle) &&
      matchesOwner(summary.owner, options.owner) &&
      matchesTagFilters(summary.tags, options.tags) &&
      matchesText(text, options.q),
  );
  return pageOf(matching, {
    cursor: options.cursor,
    limit: options.limit,
    keyOf: (o) => o.summary.name,
    map: (o) => o.summary,
  });
}
