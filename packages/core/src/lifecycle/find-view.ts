/** Looks up a view's lifecycle for the transitions and the impact query. */
import { didYouMean, PantryError } from "../errors";
import type { Registry } from "../registry/registry";
import type { LifecycleState, LifecycleViewKind, ViewLifecycleStatus } from "./types";

export const VIEW_KINDS: LifecycleViewKind[] = ["featureView", "onDemandFeatureView"];

export const KIND_LABEL: Record<LifecycleViewKind, string> = {
  featureView: "feature view",
  onDemandFeatureView: "on-demand feature view",
};

/** A view's lifecycle as stored, or null (the project must exist). */
export async function findViewLifecycle(
  registry: Registry,
  target: { project: string; view: string; kind?: LifecycleViewKind },
): Promise<ViewLifecycleStatus | null> {
  await registry.getProjectOrThrow(target.project);
  for (const kind of target.kind ? [target.kind] : VIEW_KINDS) {
    const stored = await registry.getStored(target.project, kind, target.view);
    if (!stored) continue;
    return {
      project: target.project,
      kind,
      view: target.view,
      state: asState(stored.meta.lifecycle),
      reason: stored.meta.deprecationReason ?? null,
      replacement: stored.meta.replacement ?? null,
      sunsetAt: stored.meta.sunsetAt ?? null,
    };
  }
  return null;
}

export async function findViewLifecycleOrThrow(
  registry: Registry,
  target: { project: string; view: string; kind?: LifecycleViewKind },
): Promise<ViewLifecycleStatus> {
  const found = await findViewLifecycle(registry, target);
  if (found) return found;
  const kinds = target.kind ? [target.kind] : VIEW_KINDS;
  const names = await viewNames(registry, target.project, kinds);
  const what = target.kind ? KIND_LABEL[target.kind] : "view";
  throw new PantryError(
    "NOT_FOUND",
    `${what} '${target.view}' is not in project '${target.project}'${didYouMean(target.view, names)}`,
  );
}

export async function viewNames(registry: Registry, project: string, kinds = VIEW_KINDS): Promise<string[]> {
  const lists = await Promise.all(kinds.map((kind) => registry.objects.listObjects(project, kind)));
  return lists.flat().map((row) => row.name);
}

function asState(value: string): LifecycleState {
  return value === "deprecated" || value === "retired" ? value : "active";
}

/**
 * Every view of the project that is not active (deprecated or retired), with its reason,
 * replacement and sunset date: what the model pages read to list deprecated features.
 */
export async function listLifecycles(registry: Registry, project: string): Promise<ViewLifecycleStatus[]> {
  const out: ViewLifecycleStatus[] = [];
  for (const kind of VIEW_KINDS) {
    for (const { spec, meta } of await registry.listStored(project, kind)) {
      const state = asState(meta.lifecycle);
      if (state === "active") continue;
      out.push({
        project,
        kind,
        view: spec.name,
        state,
        reason: meta.deprecationReason ?? null,
        replacement: meta.replacement ?? null,
        sunsetAt: meta.sunsetAt ?? null,
      });
    }
  }
  return out.sort((a, b) => a.view.localeCompare(b.view));
}
