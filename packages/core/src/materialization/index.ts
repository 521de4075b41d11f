export type { MaterializationProgress } from "./job-tracker";
export { InMemoryMaterializationRegistry } from "./memory-registry";
export * from "./registry";
export {
  type MaterializationContext,
  type MaterializationResult,
  type MaterializationRunOptions,
  materialize,
  materializeIncremental,
  type ViewMaterializationResult,
} from "./run-materialization";
export { type MaterializationTarget, resolveMaterializationTargets } from "./targets";
export { parseTimestampArgument } from "./windows";
