/**
 * The console's side of the deprecation workflow: the same transitions and impact as the CLI,
 * addressed through the workspace (which finds the project's registry). One request shape for
 * the three transitions, so the console's form and the tRPC input share one schema.
 */
import type { Workspace } from "../workspace/workspace";
import { lifecycleImpact } from "./impact";
import { deprecateView, reactivateView, retireView } from "./transitions";
import type { LifecycleImpact, LifecycleTransition, LifecycleViewKind } from "./types";

export type LifecycleChangeRequest =
  | { action: "deprecate"; reason: string; replacement: string; sunsetAt: string }
  | { action: "retire"; force: boolean; replacement: string }
  | { action: "reactivate" };

interface ViewAddress {
  project: string;
  kind: LifecycleViewKind;
  view: string;
}

export async function getViewLifecycleImpact(workspace: Workspace, address: ViewAddress): Promise<LifecycleImpact> {
  return lifecycleImpact(await workspace.registryFor(address.project), address);
}

export async function changeViewLifecycle(
  workspace: Workspace,
  request: ViewAddress & { actor: string; change: LifecycleChangeRequest },
): Promise<LifecycleTransition> {
  const registry = await workspace.registryFor(request.project);
  const { change, ...target } = request;
  switch (change.action) {
    case "deprecate":
      return deprecateView(registry, { ...target, ...change });
    case "retire":
      // An empty replacement keeps the one the deprecation named.
      return retireView(registry, { ...target, force: change.force, replacement: change.replacement || undefined });
    case "reactivate":
      return reactivateView(registry, target);
  }
}
