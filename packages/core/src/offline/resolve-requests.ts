/**
 * Feature refs ("view:feature") or a feature service name -> FeatureRequests, against a project's
 * registry contents. Kept here so the CLI works today; the facade may use it or its own resolver.
 */
import type { DataSourceSpec, FeatureViewSpec, RepoContents } from "../definitions/types";
import { didYouMean, PantryError } from "../errors";
import type { FeatureRequest } from "./types";

export function resolveFeatureRequests(contents: RepoContents, features: string[] | string): FeatureRequest[] {
  if (typeof features === "string") return resolveService(contents, features);
  const order: string[] = [];
  const byView = new Map<string, string[]>();
  for (const ref of features) {
    const [viewName, feature, extra] = ref.split(":");
    if (!viewName || !feature || extra !== undefined) {
      throw new PantryError(
        "INVALID_ARGUMENT",
        `'${ref}' is not a feature ref; write view:feature, e.g. driver_hourly_stats:conv_rate`,
      );
    }
    if (!byView.has(viewName)) {
      order.push(viewName);
      byView.set(viewName, []);
    }
    byView.get(viewName)?.push(feature);
  }
  return order.map((viewName) =>
    requestFor(contents, viewByName(contents, viewName), {
      alias: null,
      features: byView.get(viewName) ?? [],
      joinKeyMap: {},
    }),
  );
}

function resolveService(contents: RepoContents, name: string): FeatureRequest[] {
  const service = contents.featureServices.find((s) => s.name === name);
  if (!service) {
    const names = contents.featureServices.map((s) => s.name);
    throw new PantryError(
      "NOT_FOUND",
      `feature service '${name}' does not exist in project '${contents.project.name}'${didYouMean(name, names)}`,
    );
  }
  return service.projections.map((projection) =>
    requestFor(contents, viewByName(contents, projection.view), projection),
  );
}

function viewByName(contents: RepoContents, name: string): FeatureViewSpec {
  const view = contents.featureViews.find((v) => v.name === name);
  if (view) return view;
  if (contents.onDemandFeatureViews.some((v) => v.name === name)) {
    throw new PantryError(
      "FAILED_PRECONDITION",
      `'${name}' is an on-demand feature view; historical retrieval of on-demand features is not supported yet`,
    );
  }
  const names = contents.featureViews.map((v) => v.name);
  throw new PantryError(
    "NOT_FOUND",
    `feature view '${name}' does not exist in project '${contents.project.name}'${didYouMean(name, names)}`,
  );
}

function requestFor(
  contents: RepoContents,
  view: FeatureViewSpec,
  projection: { alias: string | null; features: string[]; joinKeyMap: Record<string, string> },
): FeatureRequest {
  const features = projection.features.length > 0 ? projection.features : view.schema.map((f) => f.name);
  for (const feature of features) {
    if (!view.schema.some((f) => f.name === feature)) {
      const names = view.schema.map((f) => f.name);
      throw new PantryError(
        "NOT_FOUND",
        `feature view '${view.name}' has no feature '${feature}'${didYouMean(feature, names)}`,
        {
          view: view.name,
          feature,
        },
      );
    }
  }
  return {
    view,
    source: batchSourceOf(contents, view),
    entities: contents.entities.filter((e) => view.entities.includes(e.name)),
    outputPrefix: projection.alias ?? view.name,
    features,
    joinKeyMap: projection.joinKeyMap,
  };
}

/** A push source's offline rows live in its batch source. */
function batchSourceOf(contents: RepoContents, view: FeatureViewSpec): DataSourceSpec {
  const source = contents.dataSources.find((s) => s.name === view.source);
  if (!source)
    throw new PantryError(
      "NOT_FOUND",
      `feature view '${view.name}' reads data source '${view.source}', which does not exist`,
    );
  if (source.type !== "push" || !source.batchSource) return source;
  const batch = contents.dataSources.find((s) => s.name === source.batchSource);
  if (!batch)
    throw new PantryError(
      "NOT_FOUND",
      `push source '${source.name}' names batch source '${source.batchSource}', which does not exist`,
    );
  return batch;
}
