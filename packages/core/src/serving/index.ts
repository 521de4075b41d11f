export { type OnlineEntities, entityInputFromColumns, entityInputFromRows } from "./entity-input";
export { type OnlineRetrieval, type OnlineRetrievalOptions, retrieveOnlineFeatures } from "./get-online-features";
export { type GetOnlineFeaturesRequest, OnlineServing, type OnlineServingOptions } from "./online-serving";
export type { DeprecationNotice, ServingPlan } from "./plan";
export { type RegistryLike, servingRegistryFrom } from "./registry-adapter";
export type { ServingRegistry, UsageRollupDelta, UsageSink, ViewLifecycle, ViewLifecycleState } from "./registry";
export {
  type FeastOnlineResponse,
  type FeatureStatus,
  type OnlineColumn,
  OnlineFeaturesResponse,
  rfc3339,
} from "./response";
export { consumerFor } from "./consumer";
export { ServingIndex } from "./serving-index";
export { normalizeConsumerName, OTHER_CONSUMER, UsageBuffer } from "./usage-buffer";
export {
  eventTimeWindow,
  parseEventTime,
  type PushTarget,
  pushRows,
  type ViewWriteResult,
  type WriteLimits,
  writeRowsToOnlineStore,
} from "./write-rows";
