export {
  CADENCE_RUNS,
  type ExpectedFreshness,
  type ExpectedFreshnessBasis,
  expectedFreshness,
  FRESHNESS_TAG,
  type FreshnessSchedule,
  medianInterval,
  scheduleIntervalFor,
} from "./expected";
export {
  computeFreshness,
  type FreshnessInput,
  type FreshnessState,
  type LastViewJob,
  type ProjectFreshness,
  type ViewFreshness,
} from "./freshness";
export { isSuccessfulRun, type LagPoint, lagHistory, type ViewRun, viewRuns } from "./history";
