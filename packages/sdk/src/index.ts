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
} from "@pantry/core/feature-store";
export type { LifecycleImpact, LifecycleTransition, ViewLifecycleStatus } from "@pantry/core/lifecycle/index";
export type { RetrievalJob, EntityDfInput } from "@pantry/core/offline/types";
export type { CreateSavedDatasetOptions, SavedDataset, SavedDatasetResult } from "@pantry/core/datasets/index";
export type { OnlineFeaturesResponse } from "@pantry/core/serving/response";
export { PantryError } from "@pantry/core/errors";
