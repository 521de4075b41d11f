export { formatScheduleInterval, MIN_INTERVAL_SECONDS, nextRunAfter, parseScheduleInterval } from "./interval";
export {
  DEFAULT_LEASE_MS,
  defaultLeaseOwner,
  type RunDueSchedulesOptions,
  runDueSchedules,
  type ScheduleRun,
  type ScheduleRunner,
} from "./run-due";
export { DEFAULT_SCHEDULER_INTERVAL_MS, Scheduler, type SchedulerOptions } from "./scheduler";
export {
  type CreateScheduleInput,
  changeSchedule,
  createSchedule,
  deleteSchedule,
  getScheduleOrThrow,
  listSchedules,
  type MaterializationSchedule,
  pauseSchedule,
  resumeSchedule,
  type ScheduleChangeKind,
  toSchedule,
} from "./schedules";
