export * from "./config/repo-config";
export * from "./definitions";
export * from "./errors";
export {
  FeatureStore,
  type FeatureStoreOptions,
  type LifecycleCallOptions,
  type MaterializeOptions,
} from "./feature-store";
export * from "./lifecycle/index";
export { diffSpecs, formatChange, type SpecChange } from "./registry/diff";
export type { Plan, PlanItem } from "./registry/plan";
export { Registry } from "./registry/registry";
export * from "./catalog/list-objects";
export { currentActor } from "./actor";
export { loadRepo } from "./repo/load-repo";
export { initRepo } from "./repo/init-repo";
