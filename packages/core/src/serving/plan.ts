/**
 * A request's shape (feature refs or a service, full names or not) resolved against the index:
 * which views to read with which entity columns, which on-demand views to compute, and the
 * output columns in order. Cached per shape in the index, so the hot path skips all of this.
 */
import type { Dtype, FeatureServiceSpec, ProjectionSpec } from "../definitions/types";
import { didYouMean, PantryError } from "../errors";
import type { ViewLifecycle } from "./registry";
import type { IndexedFeatureView, IndexedOnDemandView, IndexedView, ServingIndex } from "./serving-index";

export interface PlanRead {
  view: IndexedFeatureView;
  /** Entity-table column per view join key (after the projection's join-key map). */
  columns: string[];
  features: string[];
}

export interface PlanOnDemand {
  view: IndexedOnDemandView;
  /** Reads feeding it, with the features each contributes. */
  inputs: { read: number; view: string; features: string[] }[];
}

export type OutputSource =
  | { kind: "read"; index: number; feature: string }
  | { kind: "onDemand"; index: number; feature: string };

export interface PlanOutput {
  name: string;
  dtype: Dtype;
  source: OutputSource;
}

export interface PlanEntityColumn {
  name: string;
  dtype: Dtype | null;
  /** Views needing it, for error messages. */
  views: string[];
}

export interface PlanRequestField {
  name: string;
  dtype: Dtype;
  view: string;
}

export interface DeprecationNotice {
  /** The view's name, the feature's `view:feature`, or the service's name. */
  view: string;
  /** What `view` names (absent: a view, as before features and services had a lifecycle). */
  kind?: "view" | "feature" | "featureService";
  reason: string | null;
  replacement: string | null;
  sunsetAt: Date | null;
}

export interface ServingPlan {
  reads: PlanRead[];
  onDemand: PlanOnDemand[];
  outputs: PlanOutput[];
  entityColumns: PlanEntityColumn[];
  requestFields: PlanRequestField[];
  deprecations: DeprecationNotice[];
  /** "view:feature" of every output, for usage. */
  featureRefs: string[];
  hasBytes: boolean;
  /** The service this plan came from, if any. */
  service: string | null;
}

export function planFor(
  index: ServingIndex,
  features: readonly string[] | string,
  fullFeatureNames: boolean,
): ServingPlan {
  const key = `${fullFeatureNames ? 1 : 0}|${typeof features === "string" ? `@${features}` : features.join("\u0000")}`;
  return index.cachedPlan(key, () => buildPlan(index, features, fullFeatureNames));
}

function buildPlan(index: ServingIndex, features: readonly string[] | string, fullFeatureNames: boolean): ServingPlan {
  const projections =
    typeof features === "string" ? serviceProjections(index, features) : refProjections(index, features);
  const builder = new PlanBuilder(index, fullFeatureNames, typeof features === "string" ? features : null);
  if (typeof features === "string") builder.noteService(features);
  for (const projection of projections) builder.add(projection);
  return builder.finish();
}

function serviceProjections(index: ServingIndex, name: string): ProjectionSpec[] {
  const service: FeatureServiceSpec | undefined = index.services.get(name);
  if (!service) {
    throw new PantryError(
      "NOT_FOUND",
      `feature service '${name}' is not in project '${index.project}'${didYouMean(name, index.services.keys())}`,
      { featureService: name },
    );
  }
  return service.projections;
}

/** One projection per ref, in the request's order; the builder merges reads of the same view. */
function refProjections(index: ServingIndex, refs: readonly string[]): ProjectionSpec[] {
  if (refs.length === 0) {
    throw new PantryError(
      "INVALID_ARGUMENT",
      "no features requested; pass feature refs like 'driver_stats:conv_rate' or a feature service",
    );
  }
  return refs.map((ref) => {
    const colon = typeof ref === "string" ? ref.indexOf(":") : -1;
    if (colon <= 0 || colon === ref.length - 1) {
      throw new PantryError(
        "INVALID_ARGUMENT",
        `'${String(ref)}' is not a feature ref; write it as '<view>:<feature>'`,
        { ref: String(ref) },
      );
    }
    const viewName = ref.slice(0, colon);
    const feature = ref.slice(colon + 1);
    const view = viewOrThrow(index, viewName);
    if (!view.features.has(feature)) {
      const names = [...view.features.keys()];
      throw new PantryError(
        "NOT_FOUND",
        `feature '${ref}' does not exist: view '${viewName}' has ${names.join(", ")}${didYouMean(feature, names)}`,
        { view: viewName, feature },
      );
    }
    return { view: viewName, alias: null, features: [feature], joinKeyMap: {} };
  });
}

function viewOrThrow(index: ServingIndex, name: string): IndexedView {
  const view = index.views.get(name);
  if (view) return view;
  throw new PantryError(
    "NOT_FOUND",
    `feature view '${name}' is not in project '${index.project}'${didYouMean(name, index.views.keys())}`,
    { view: name },
  );
}

class PlanBuilder {
  private readonly reads: PlanRead[] = [];
  private readonly readKeys = new Map<string, number>();
  private readonly onDemand: PlanOnDemand[] = [];
  private readonly onDemandKeys = new Map<string, number>();
  private readonly outputs: PlanOutput[] = [];
  private readonly outputNames = new Map<string, string>();
  private readonly entityColumns = new Map<string, PlanEntityColumn>();
  private readonly requestFields = new Map<string, PlanRequestField>();
  private readonly deprecations = new Map<string, DeprecationNotice>();
  private readonly featureRefs: string[] = [];

  constructor(
    private readonly index: ServingIndex,
    private readonly fullFeatureNames: boolean,
    private readonly service: string | null,
  ) {}

  /** A deprecated service is served with a notice; a retired one is gone. */
  noteService(name: string): void {
    this.noteLifecycle(name, this.index.lifecycles.get(`@${name}`) ?? null, "featureService");
  }

  add(projection: ProjectionSpec): void {
    const view = viewOrThrow(this.index, projection.view);
    this.checkUsable(view);
    const prefix = projection.alias ?? view.name;
    for (const feature of projection.features) {
      this.noteFeature(view.name, feature);
      const field = view.features.get(feature);
      if (!field) {
        throw new PantryError(
          "NOT_FOUND",
          `feature '${view.name}:${feature}' does not exist (named by ${this.service ? `feature service '${this.service}'` : "the request"})`,
          {
            view: view.name,
            feature,
          },
        );
      }
      const source: OutputSource =
        view.kind === "featureView"
          ? { kind: "read", index: this.read(view, projection.joinKeyMap, [feature]), feature }
          : { kind: "onDemand", index: this.onDemandView(view, projection.joinKeyMap), feature };
      const label = projection.alias ? `${view.name}:${feature} as '${projection.alias}'` : `${view.name}:${feature}`;
      this.output(
        this.fullFeatureNames ? `${prefix}__${feature}` : feature,
        field.dtype,
        source,
        `${view.name}:${feature}`,
        label,
      );
    }
  }

  finish(): ServingPlan {
    return {
      reads: this.reads,
      onDemand: this.onDemand,
      outputs: this.outputs,
      entityColumns: [...this.entityColumns.values()],
      requestFields: [...this.requestFields.values()],
      deprecations: [...this.deprecations.values()],
      featureRefs: this.featureRefs,
      hasBytes: this.outputs.some((o) => o.dtype.includes("Bytes")),
      service: this.service,
    };
  }

  private output(name: string, dtype: Dtype, source: OutputSource, ref: string, label: string): void {
    const clash = this.outputNames.get(name);
    if (clash !== undefined) {
      throw new PantryError(
        "INVALID_ARGUMENT",
        `two features would both be named '${name}' (${clash} and ${label}); request them with full feature names (full_feature_names: true)`,
        { name },
      );
    }
    this.outputNames.set(name, label);
    this.outputs.push({ name, dtype, source });
    this.featureRefs.push(ref);
  }

  private checkUsable(view: IndexedView): void {
    if (view.problem) throw new PantryError("FAILED_PRECONDITION", view.problem, { view: view.name });
    this.noteLifecycle(view.name, view.lifecycle);
  }

  private noteFeature(viewName: string, feature: string): void {
    const ref = `${viewName}:${feature}`;
    this.noteLifecycle(ref, this.index.lifecycles.get(ref) ?? null, "feature");
  }

  private noteLifecycle(
    name: string,
    lifecycle: ViewLifecycle | null,
    kind: "view" | "feature" | "featureService" = "view",
  ): void {
    if (!lifecycle || lifecycle.state === "active") return;
    const label = kind === "view" ? "feature view" : kind === "feature" ? "feature" : "feature service";
    if (lifecycle.state === "retired") {
      const instead = lifecycle.replacement ? `; use '${lifecycle.replacement}' instead` : "";
      const details =
        kind === "view" ? { view: name } : kind === "feature" ? { feature: name } : { featureService: name };
      throw new PantryError("GONE", `${label} '${name}' was retired and is no longer served${instead}`, {
        ...details,
        replacement: lifecycle.replacement,
      });
    }
    const key = kind === "featureService" ? `@${name}` : name;
    this.deprecations.set(key, {
      view: name,
      ...(kind === "view" ? {} : { kind }),
      reason: lifecycle.reason,
      replacement: lifecycle.replacement,
      sunsetAt: lifecycle.sunsetAt,
    });
  }

  /** The read of `view` with this join-key map, created on first use; adds features to it. */
  private read(view: IndexedFeatureView, joinKeyMap: Record<string, string>, features: string[]): number {
    const columns = view.joinKeys.map((k) => joinKeyMap[k.name] ?? k.name);
    const key = `${view.name}|${columns.join(",")}`;
    let index = this.readKeys.get(key);
    if (index === undefined) {
      index = this.reads.length;
      this.reads.push({ view, columns, features: [] });
      this.readKeys.set(key, index);
      view.joinKeys.forEach((joinKey, i) => {
        const name = columns[i] as string;
        const column = this.entityColumns.get(name);
        if (column) {
          column.dtype ??= joinKey.dtype;
          if (!column.views.includes(view.name)) column.views.push(view.name);
        } else this.entityColumns.set(name, { name, dtype: joinKey.dtype, views: [view.name] });
      });
    }
    const read = this.reads[index] as PlanRead;
    for (const feature of features) if (!read.features.includes(feature)) read.features.push(feature);
    return index;
  }

  private onDemandView(view: IndexedOnDemandView, joinKeyMap: Record<string, string>): number {
    const key = `${view.name}|${JSON.stringify(joinKeyMap)}`;
    const known = this.onDemandKeys.get(key);
    if (known !== undefined) return known;
    const inputs = view.inputs.map((input) => {
      const source = viewOrThrow(this.index, input.view);
      if (source.kind !== "featureView") {
        throw new PantryError(
          "FAILED_PRECONDITION",
          `on-demand feature view '${view.name}' reads '${input.view}', which is not a feature view`,
          { view: view.name },
        );
      }
      this.checkUsable(source);
      for (const feature of input.features ?? []) this.noteFeature(source.name, feature);
      const features = input.features ?? [...source.features.keys()];
      return { read: this.read(source, joinKeyMap, features), view: source.name, features };
    });
    for (const field of view.requestFields) {
      if (!this.requestFields.has(field.name))
        this.requestFields.set(field.name, { name: field.name, dtype: field.dtype, view: view.name });
    }
    const index = this.onDemand.length;
    this.onDemand.push({ view, inputs });
    this.onDemandKeys.set(key, index);
    return index;
  }
}
