/** Which views a materialization run covers, and where each one's rows come from. */
import type { DataSourceSpec, EntitySpec, FeatureViewSpec, RepoContents } from "../definitions/types";
import { didYouMean, PantryError } from "../errors";
import { joinKeysOfView, type ViewJoinKey } from "../online/join-keys";

export interface MaterializationTarget {
  view: FeatureViewSpec;
  /** The batch source rows are read from (a push source's batch source). */
  source: DataSourceSpec;
  entities: EntitySpec[];
  joinKeys: ViewJoinKey[];
}

/** Named views must exist and be online; no names = every online view with a batch source. */
export function resolveMaterializationTargets(
  contents: RepoContents,
  viewNames?: readonly string[],
): MaterializationTarget[] {
  const views = new Map(contents.featureViews.map((v) => [v.name, v]));
  const named = viewNames && viewNames.length > 0;
  const chosen: FeatureViewSpec[] = [];
  if (named) {
    for (const name of new Set(viewNames)) {
      const view = views.get(name);
      if (!view) {
        const odfv = contents.onDemandFeatureViews.some((v) => v.name === name);
        throw new PantryError(
          "NOT_FOUND",
          odfv
            ? `'${name}' is an on-demand feature view; it is computed at request time and has nothing to materialize`
            : `feature view '${name}' is not in project '${contents.project.name}'${didYouMean(name, views.keys())}`,
          { view: name },
        );
      }
      if (!view.online) {
        throw new PantryError(
          "INVALID_ARGUMENT",
          `feature view '${name}' has online: false; set online: true to materialize it`,
          {
            view: name,
          },
        );
      }
      chosen.push(view);
    }
  } else {
    chosen.push(...contents.featureViews.filter((v) => v.online));
  }

  const sources = new Map(contents.dataSources.map((s) => [s.name, s]));
  const entities = new Map(contents.entities.map((e) => [e.name, e]));
  const targets: MaterializationTarget[] = [];
  for (const view of chosen) {
    const source = batchSourceOf(view, sources);
    if (!source) {
      if (named) {
        throw new PantryError(
          "INVALID_ARGUMENT",
          `feature view '${view.name}' reads source '${view.source}', which has no batch data to materialize (request or push source without a batch source)`,
          { view: view.name },
        );
      }
      continue;
    }
    targets.push({
      view,
      source,
      entities: view.entities.map((name) => entities.get(name)).filter((e): e is EntitySpec => e !== undefined),
      joinKeys: joinKeysOfView(view, entities),
    });
  }
  return targets;
}

function batchSourceOf(view: FeatureViewSpec, sources: Map<string, DataSourceSpec>): DataSourceSpec | null {
  const source = sources.get(view.source);
  if (!source) {
    throw new PantryError(
      "FAILED_PRECONDITION",
      `feature view '${view.name}' reads source '${view.source}', which is not in the registry; run 'pantry apply'`,
      { view: view.name, source: view.source },
    );
  }
  if (source.type === "request") return null;
  if (source.type === "push") return source.batchSource ? (sources.get(source.batchSource) ?? null) : null;
  return source;
}
