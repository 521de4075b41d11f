/** The catalog reads that may span the workspace: one project's registry, or every registry it holds. */
import { catalogIndexFor } from "../catalog/catalog-index";
import { catalogScopes, type SearchScope } from "../catalog/search-catalog";
import type { Workspace } from "../workspace/workspace";

/**
 * One project's scope is found in the indexes, which know their registry's projects and are kept
 * current by the change stamp each read checks anyway: resolving the project through the
 * workspace would list every registry's projects again, one more registry round trip per
 * keystroke. The order is the workspace's: registry by registry, its applied projects, then the
 * projects its repos name. A project no index holds (a repo not applied yet, or a name the
 * workspace does not know: NOT_FOUND) goes through the workspace as before.
 */
export async function workspaceScopes(workspace: Workspace, project?: string): Promise<SearchScope[]> {
  if (!project) return catalogScopes(await workspace.openRegistries());
  for (const home of await workspace.registries()) {
    if (home.exists()) {
      const index = await catalogIndexFor(await home.open());
      if (index.projects.some((p) => p.name === project)) return [{ index, projects: new Set([project]) }];
    }
    if (home.configs.some((c) => c.project === project)) break;
  }
  return catalogScopes([await workspace.registryFor(project)], project);
}
