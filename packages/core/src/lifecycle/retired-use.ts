/**
 * Apply's guard: definitions that still read a retired feature (or a feature of a retired view)
 * are refused, naming each one and what to use instead, so code cannot keep building services on
 * something that is no longer served.
 */
import type { RegistryObjectSpec } from "../definitions/types";
import { PantryError } from "../errors";
import type { Registry } from "../registry/registry";

interface Retired {
  replacement: string | null;
}

export async function checkRetiredUse(
  registry: Registry,
  project: string,
  desired: RegistryObjectSpec[],
): Promise<void> {
  if (!(await registry.hasProject(project))) return;
  const retiredViews = new Map<string, Retired>();
  for (const kind of ["featureView", "onDemandFeatureView"] as const) {
    for (const { spec, meta } of await registry.listStored(project, kind)) {
      if (meta.lifecycle === "retired") retiredViews.set(spec.name, { replacement: meta.replacement ?? null });
    }
  }
  const retiredFeatures = new Map<string, Retired>();
  for (const row of await registry.governance.listFeatureLifecycles(project)) {
    if (row.lifecycle === "retired")
      retiredFeatures.set(`${row.viewName}:${row.feature}`, { replacement: row.replacement });
  }
  if (retiredViews.size === 0 && retiredFeatures.size === 0) return;
  const problems: string[] = [];
  const check = (user: string, view: string, features: string[]) => {
    const retiredView = retiredViews.get(view);
    if (retiredView) {
      problems.push(`${user} reads feature view '${view}', which is retired${instead(retiredView)}`);
      return;
    }
    for (const feature of features) {
      const retired = retiredFeatures.get(`${view}:${feature}`);
      if (retired) problems.push(`${user} reads feature '${view}:${feature}', which is retired${instead(retired)}`);
    }
  };
  for (const spec of desired) {
    if (spec.kind === "featureService") {
      for (const p of spec.projections) check(`feature service '${spec.name}'`, p.view, p.features);
    } else if (spec.kind === "onDemandFeatureView") {
      for (const s of spec.sources)
        if (s.type === "featureView") check(`on-demand feature view '${spec.name}'`, s.name, s.features ?? []);
    }
  }
  if (problems.length === 0) return;
  throw new PantryError(
    "FAILED_PRECONDITION",
    `nothing was applied: ${problems.join("; ")}. Move the code to the replacement, or reactivate what it reads`,
    { retired: problems },
  );
}

function instead(retired: Retired): string {
  return retired.replacement ? ` (use '${retired.replacement}' instead)` : " (no replacement was named)";
}
