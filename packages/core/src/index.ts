/**
 * @pantry/core: the engine's server-side surface, for the CLI, the feature server, the console's
 * API and the SDK. Nothing outside core imports a file below src/ directly: the entries are
 * ".", "./definitions" (what feature repos import), "./shared" (browser-safe), "./network" (the
 * request rules the console's proxy and the feature server share, without the rest of the engine)
 * and "./testing".
 */
export * from "./config/repo-config";
export * from "./definitions";
export * from "./errors";
export {
  FeatureStore,
  type FeatureStoreOptions,
  type LifecycleCallOptions,
  type MaterializeOptions,
  type OpenServingOptions,
  type ServableProject,
} from "./feature-store";
export * from "./lifecycle/index";
export { diffSpecs, formatChange, type SpecChange } from "./registry/diff";
export type { Plan, PlanItem } from "./registry/plan";
export { Registry } from "./registry/registry";
export { currentActor } from "./actor";
export { type RedactOptions, redactSecrets, redactValue } from "./redact";
export { loadRepo } from "./repo/load-repo";
export { convertFeastRepo, type ConvertFeastRepoResult } from "./repo/convert-feast-repo";
export { initRepo } from "./repo/init-repo";
export * from "./auth/index";
export * from "./catalog/index";
export * from "./datasets/index";
export * from "./freshness/index";
export * from "./lineage/index";
export * from "./materialization/index";
export * from "./materialization/schedules/index";
export * from "./offline/index";
export * from "./online/index";
export * from "./serving/index";
export * from "./feast-rest/index";
export * from "./statistics/index";
export * from "./models/index";
export * from "./usage/index";
export * from "./workspace/index";
export * from "./console/index";
export * from "./deploy/base-path";
export * from "./deploy/shutdown-hooks";
