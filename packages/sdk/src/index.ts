/**
 * @pantry/sdk: what a feature repo and an application import. Definitions (Entity, FileSource,
 * FeatureView, ...) and the FeatureStore client for offline retrieval, materialization and online reads.
 */
export {
  Entity,
  FeatureService,
  FeatureView,
  FeatureViewProjection,
  FileSource,
  OnDemandFeatureView,
  PostgresSource,
  PushSource,
  RequestSource,
} from "@pantry/core/definitions/sdk";
export type { FieldOptions, OnDemandRow } from "@pantry/core/definitions/sdk";
export type { Dtype, ScalarDtype, Tags } from "@pantry/core/definitions/types";
