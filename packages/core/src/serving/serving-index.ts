/**
 * One registry snapshot compiled for serving: views by name with their join keys and feature
 * dtypes, services, compiled on-demand transformations, lifecycles, and a cache of request plans.
 * Built once per registry change; requests only read it. A broken object does not break the
 * snapshot: its problem is kept and reported to the requests that touch it.
 */
import type {
  DataSourceSpec,
  EntitySpec,
  FeatureServiceSpec,
  FeatureViewSpec,
  FieldSpec,
  OnDemandFeatureViewSpec,
  RepoContents,
} from "../definitions/types";
import { joinKeysOfView, type ViewJoinKey } from "../online/join-keys";
import { compileTransformation, type RowTransform } from "../transforms/on-demand";
import type { ViewLifecycle } from "./registry";

export interface IndexedFeatureView {
  kind: "featureView";
  name: string;
  spec: FeatureViewSpec;
  joinKeys: ViewJoinKey[];
  features: Map<string, FieldSpec>;
  lifecycle: ViewLifecycle | null;
  problem: string | null;
}

export interface OnDemandInput {
  view: string;
  /** null = every feature of the view. */
  features: string[] | null;
}

export interface IndexedOnDemandView {
  kind: "onDemandFeatureView";
  name: string;
  spec: OnDemandFeatureViewSpec;
  features: Map<string, FieldSpec>;
  inputs: OnDemandInput[];
  requestFields: FieldSpec[];
  transform: RowTransform | null;
  lifecycle: ViewLifecycle | null;
  problem: string | null;
}

export type IndexedView = IndexedFeatureView | IndexedOnDemandView;

const PLAN_CACHE_LIMIT = 256;

export class ServingIndex {
  readonly views = new Map<string, IndexedView>();
  readonly services = new Map<string, FeatureServiceSpec>();
  readonly sources = new Map<string, DataSourceSpec>();
  /** Resolved request plans by request shape; bounded, dropped with the snapshot. */
  readonly plans = new Map<string, unknown>();

  constructor(
    readonly project: string,
    readonly stamp: string,
    contents: RepoContents,
    /** Not-active lifecycles: views by name, features by `view:feature`, services by `@name`. */
    readonly lifecycles: ReadonlyMap<string, ViewLifecycle>,
  ) {
    const entities = new Map<string, EntitySpec>(contents.entities.map((e) => [e.name, e]));
    for (const spec of contents.featureViews) {
      let joinKeys: ViewJoinKey[] = [];
      let problem: string | null = null;
      try {
        joinKeys = joinKeysOfView(spec, entities);
      } catch (error) {
        problem = error instanceof Error ? error.message : String(error);
      }
      this.views.set(spec.name, {
        kind: "featureView",
        name: spec.name,
        spec,
        joinKeys,
        features: new Map(spec.schema.map((f) => [f.name, f])),
        lifecycle: lifecycles.get(spec.name) ?? null,
        problem,
      });
    }
    const requestSchemas = new Map<string, FieldSpec[]>();
    for (const source of contents.dataSources)
      if (source.type === "request") requestSchemas.set(source.name, source.schema);
    for (const spec of contents.onDemandFeatureViews) {
      const compiled = compileTransformation(spec);
      const inputs: OnDemandInput[] = [];
      const requestFields: FieldSpec[] = [];
      for (const source of spec.sources) {
        if (source.type === "featureView") inputs.push({ view: source.name, features: source.features });
        else requestFields.push(...(requestSchemas.get(source.name) ?? []));
      }
      this.views.set(spec.name, {
        kind: "onDemandFeatureView",
        name: spec.name,
        spec,
        features: new Map(spec.schema.map((f) => [f.name, f])),
        inputs,
        requestFields,
        transform: compiled.ok ? compiled.transform : null,
        lifecycle: lifecycles.get(spec.name) ?? null,
        problem: compiled.ok ? null : compiled.problem,
      });
    }
    for (const service of contents.featureServices) this.services.set(service.name, service);
    for (const source of contents.dataSources) this.sources.set(source.name, source);
  }

  cachedPlan<T>(key: string, build: () => T): T {
    const hit = this.plans.get(key);
    if (hit !== undefined) return hit as T;
    const plan = build();
    if (this.plans.size >= PLAN_CACHE_LIMIT) this.plans.delete(this.plans.keys().next().value as string);
    this.plans.set(key, plan);
    return plan;
  }
}
