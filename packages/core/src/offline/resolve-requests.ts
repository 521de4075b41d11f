/**
 * Feature refs ("view:feature") or a feature service name -> what a retrieval joins and computes,
 * against a project's registry contents: FeatureRequests for the feature views (including the
 * inputs of on-demand views, which nobody asked to see) and OnDemandRequests, in the order asked.
 */
import type {
  DataSourceSpec,
  FeatureViewSpec,
  FieldSpec,
  OnDemandFeatureViewSpec,
  ProjectionSpec,
  RepoContents,
} from "../definitions/types";
import { didYouMean, PantryError } from "../errors";
import { compileTransformation } from "../transforms/on-demand";
import { viewJoinKeys } from "./view-read";
import type { FeatureRequest, OnDemandRequest } from "./types";

export interface ResolvedFeatures {
  requests: FeatureRequest[];
  onDemand: OnDemandRequest[];
}

type Projection = Pick<ProjectionSpec, "alias" | "features" | "joinKeyMap">;

export function resolveFeatureRequests(contents: RepoContents, features: string[] | string): ResolvedFeatures {
  const projections = typeof features === "string" ? serviceProjections(contents, features) : refProjections(features);
  const builder = new RetrievalBuilder(contents);
  for (const projection of projections) builder.add(projection);
  return builder.finish();
}

/** One projection per view, in the order views first appear; features in the order given. */
function refProjections(refs: string[]): ProjectionSpec[] {
  const byView = new Map<string, string[]>();
  for (const ref of refs) {
    const [viewName, feature, extra] = ref.split(":");
    if (!viewName || !feature || extra !== undefined) {
      throw new PantryError(
        "INVALID_ARGUMENT",
        `'${ref}' is not a feature ref; write view:feature, e.g. driver_hourly_stats:conv_rate`,
      );
    }
    const list = byView.get(viewName) ?? [];
    list.push(feature);
    byView.set(viewName, list);
  }
  return [...byView].map(([view, list]) => ({ view, alias: null, features: list, joinKeyMap: {} }));
}

function serviceProjections(contents: RepoContents, name: string): ProjectionSpec[] {
  const service = contents.featureServices.find((s) => s.name === name);
  if (!service) {
    const names = contents.featureServices.map((s) => s.name);
    throw new PantryError(
      "NOT_FOUND",
      `feature service '${name}' does not exist in project '${contents.project.name}'${didYouMean(name, names)}`,
    );
  }
  return service.projections;
}

class RetrievalBuilder {
  private readonly requests: FeatureRequest[] = [];
  private readonly onDemand: OnDemandRequest[] = [];
  /** Input features of on-demand views, joined after every requested view is known. */
  private readonly pendingInputs: {
    onDemand: OnDemandRequest;
    view: FeatureViewSpec;
    features: string[];
    joinKeyMap: Record<string, string>;
  }[] = [];

  constructor(private readonly contents: RepoContents) {}

  add(projection: ProjectionSpec): void {
    const view = this.contents.featureViews.find((v) => v.name === projection.view);
    if (view) {
      this.requests.push(requestFor(this.contents, view, projection));
      return;
    }
    const onDemand = this.contents.onDemandFeatureViews.find((v) => v.name === projection.view);
    if (onDemand) {
      this.addOnDemand(onDemand, projection);
      return;
    }
    const names = [...this.contents.featureViews, ...this.contents.onDemandFeatureViews].map((v) => v.name);
    throw new PantryError(
      "NOT_FOUND",
      `feature view '${projection.view}' does not exist in project '${this.contents.project.name}'${didYouMean(projection.view, names)}`,
    );
  }

  finish(): { requests: FeatureRequest[]; onDemand: OnDemandRequest[] } {
    for (const input of this.pendingInputs) {
      const index = this.requestHolding(input.view, input.joinKeyMap);
      const request = this.requests[index] as FeatureRequest;
      for (const feature of input.features) {
        if (!request.features.includes(feature) && !request.inputFeatures?.includes(feature)) {
          request.inputFeatures = [...(request.inputFeatures ?? []), feature];
        }
        input.onDemand.inputs.push({ request: index, view: input.view.name, feature });
      }
    }
    return { requests: this.requests, onDemand: this.onDemand };
  }

  private addOnDemand(view: OnDemandFeatureViewSpec, projection: Projection): void {
    const features = projection.features.length > 0 ? projection.features : view.schema.map((f) => f.name);
    for (const feature of features) assertDeclared(view, feature);
    const compiled = compileTransformation(view);
    if (!compiled.ok) throw new PantryError("FAILED_PRECONDITION", compiled.problem, { view: view.name });
    const request: OnDemandRequest = {
      view,
      transform: compiled.transform,
      outputPrefix: projection.alias ?? view.name,
      features,
      inputs: [],
      requestFields: [],
      position: this.requests.length,
    };
    for (const source of view.sources) {
      if (source.type === "request") {
        request.requestFields.push(...requestFieldsOf(this.contents, view, source.name));
        continue;
      }
      const input = this.contents.featureViews.find((v) => v.name === source.name);
      if (!input) {
        throw new PantryError(
          "FAILED_PRECONDITION",
          `on-demand feature view '${view.name}' reads '${source.name}', which is not a feature view of project '${this.contents.project.name}'`,
          { view: view.name },
        );
      }
      const inputFeatures = source.features ?? input.schema.map((f) => f.name);
      for (const feature of inputFeatures) assertDeclared(input, feature);
      this.pendingInputs.push({
        onDemand: request,
        view: input,
        features: inputFeatures,
        joinKeyMap: projection.joinKeyMap,
      });
    }
    this.onDemand.push(request);
  }

  /**
   * The request an input is read from: one already joining the view on the same entity columns
   * (its values are the same), else a new request that only feeds on-demand views.
   */
  private requestHolding(view: FeatureViewSpec, joinKeyMap: Record<string, string>): number {
    const columns = entityColumnsOf(this.contents, view, joinKeyMap);
    const found = this.requests.findIndex(
      (r) => r.view.name === view.name && entityColumnsOf(this.contents, view, r.joinKeyMap) === columns,
    );
    if (found >= 0) return found;
    this.requests.push(requestFor(this.contents, view, { alias: null, features: [], joinKeyMap }, []));
    return this.requests.length - 1;
  }
}

/** The entity-table columns a view joins on under a join-key map, as one comparable string. */
function entityColumnsOf(contents: RepoContents, view: FeatureViewSpec, joinKeyMap: Record<string, string>): string {
  return viewJoinKeys(view, contents.entities)
    .map((key) => joinKeyMap[key] ?? key)
    .join("\u0000");
}

/** `features`: what the projection names (all of the view's when it names none), unless given. */
function requestFor(
  contents: RepoContents,
  view: FeatureViewSpec,
  projection: Projection,
  features = projection.features.length > 0 ? projection.features : view.schema.map((f) => f.name),
): FeatureRequest {
  for (const feature of features) assertDeclared(view, feature);
  return {
    view,
    source: batchSourceOf(contents, view),
    entities: contents.entities.filter((e) => view.entities.includes(e.name)),
    outputPrefix: projection.alias ?? view.name,
    features,
    joinKeyMap: projection.joinKeyMap,
  };
}

function assertDeclared(view: FeatureViewSpec | OnDemandFeatureViewSpec, feature: string): void {
  if (view.schema.some((f) => f.name === feature)) return;
  const names = view.schema.map((f) => f.name);
  const kind = view.kind === "onDemandFeatureView" ? "on-demand feature view" : "feature view";
  throw new PantryError(
    "NOT_FOUND",
    `${kind} '${view.name}' has no feature '${feature}'${didYouMean(feature, names)}`,
    {
      view: view.name,
      feature,
    },
  );
}

function requestFieldsOf(contents: RepoContents, view: OnDemandFeatureViewSpec, name: string): FieldSpec[] {
  const source = contents.dataSources.find((s) => s.name === name);
  if (source?.type === "request") return source.schema;
  throw new PantryError(
    "FAILED_PRECONDITION",
    `on-demand feature view '${view.name}' reads request source '${name}', which does not exist in project '${contents.project.name}'`,
    { view: view.name },
  );
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
