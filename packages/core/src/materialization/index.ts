export { INTERRUPTED_AFTER_MS, type InterruptedJob, sweepInterruptedJobs } from "./interrupted";
export { HEARTBEAT_EVERY_MS, type MaterializationProgress } from "./job-tracker";
export {
  type MaterializationWindowPlan,
  type MaterializationWindowRequest,
  planMaterializationWindows,
} from "./plan";
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
export { parseTimestampArgument, type ViewWindow } from "./windows";
export {
  type MaterializationWorkerEvent,
  type MaterializationWorkerOptions,
  type PartitionLabel,
  type RunningMaterializationWorker,
  startMaterializationWorker,
} from "./queue/worker";
export { checkExpectations, type ExpectationFailure, hasExpectations, SAMPLE_ROWS } from "./expectations";
export { schemaProblems } from "./validate-schema";
