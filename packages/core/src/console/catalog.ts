/** The catalog reads that may span the workspace: one project's registry, or every registry it holds. */
import { catalogScopes, type SearchScope } from "../catalog/search-catalog";
import type { Workspace } from "../workspace/workspace";

export async function workspaceScopes(workspace: Workspace, project?: string): Promise<SearchScope[]> {
  return catalogScopes(project ? [await workspace.registryFor(project)] : await workspace.openRegistries(), project);
}
