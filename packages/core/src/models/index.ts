export { describeModel, listModels, MODEL_USAGE_DAYS, modelMetrics, type ModelsContext, percentile } from "./models";
export type * from "./types";
