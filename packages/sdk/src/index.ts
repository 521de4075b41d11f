/**
 * @pantry/sdk: what a feature repo and an application import. Definitions (Entity, FileSource,
 * FeatureView, ...) and the FeatureStore client for offline retrieval, materialization and online reads.
 */
export * from "./definitions";
export {
  FeatureStore,
  type FeatureStoreOptions,
  type LifecycleCallOptions,
  type MaterializeOptions,
} from "@pantry/core";
export type { LifecycleImpact, LifecycleTransition, ViewLifecycleStatus } from "@pantry/core";
export type { RetrievalJob, EntityDfInput } from "@pantry/core";
export type { CreateSavedDatasetOptions, SavedDataset, SavedDatasetResult } from "@pantry/core";
export type { OnlineFeaturesResponse } from "@pantry/core";
export { PantryError } from "@pantry/core";
