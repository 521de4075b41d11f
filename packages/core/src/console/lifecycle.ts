/**
 * The console's side of the deprecation workflow: the same transitions as the CLI, with one
 * request shape for the three of them, so the console's form and the tRPC input share one schema.
 */
import {
  deprecateGoverned,
  type GovernedKind,
  type GovernedTransition,
  reactivateGoverned,
  retireGoverned,
} from "../lifecycle/governed";
import { deprecateView, reactivateView, retireView } from "../lifecycle/transitions";
import type { LifecycleTransition, LifecycleViewKind } from "../lifecycle/types";
import type { Registry } from "../registry/registry";

export type LifecycleChangeRequest =
  | { action: "deprecate"; reason: string; replacement: string; sunsetAt: string }
  | { action: "retire"; force: boolean; replacement: string }
  | { action: "reactivate" };

interface ViewAddress {
  project: string;
  kind: LifecycleViewKind;
  view: string;
}

export async function changeViewLifecycle(
  registry: Registry,
  request: ViewAddress & { actor: string; change: LifecycleChangeRequest },
): Promise<LifecycleTransition> {
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

/** The same three actions for a single feature (`view:feature`) or a feature service. */
export async function changeGovernedLifecycle(
  registry: Registry,
  request: { project: string; kind: GovernedKind; name: string; actor: string; change: LifecycleChangeRequest },
): Promise<GovernedTransition> {
  const { change, ...target } = request;
  switch (change.action) {
    case "deprecate":
      return deprecateGoverned(registry, { ...target, ...change });
    case "retire":
      return retireGoverned(registry, { ...target, force: change.force, replacement: change.replacement || undefined });
    case "reactivate":
      return reactivateGoverned(registry, target);
  }
}
