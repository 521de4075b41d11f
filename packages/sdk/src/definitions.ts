/**
 * The definition half of @pantry/sdk. Feature repos are loaded with `@pantry/sdk` pointing here,
 * so loading definitions never pulls in the engine (DuckDB, stores).
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
} from "@pantry/core/definitions";
export type { FieldOptions, OnDemandRow } from "@pantry/core/definitions";
export type { Dtype, ScalarDtype, Tags } from "@pantry/core/definitions";
