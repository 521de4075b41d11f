/**
 * Runs the due schedules of one registry every few seconds inside a long-running process
 * (`pantry serve`, the console's server). Several processes may run one: the lease picks the
 * runner of each due schedule. The timer is unref'd (it never keeps a process alive); ticks
 * never overlap; stop() waits for the tick in progress.
 */
import { defaultLeaseOwner, type RunDueSchedulesOptions, runDueSchedules, type ScheduleRun } from "./run-due";

export const DEFAULT_SCHEDULER_INTERVAL_MS = 30_000;

export interface SchedulerOptions extends Omit<RunDueSchedulesOptions, "now"> {
  /** Time between ticks (default 30 s). */
  intervalMs?: number;
  onRuns?: (runs: ScheduleRun[]) => void;
  /** A tick that failed as a whole (the registry did not answer); the next tick tries again. */
  onError?: (error: unknown) => void;
}

export class Scheduler {
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<void> | null = null;
  private readonly owner: string;

  constructor(private readonly options: SchedulerOptions) {
    this.owner = options.owner ?? defaultLeaseOwner();
  }

  get running(): boolean {
    return this.timer !== null;
  }

  /** Starts ticking (the first tick right away); calling it again does nothing. */
  start(): this {
    if (this.timer) return this;
    this.timer = setInterval(() => void this.tick(), this.options.intervalMs ?? DEFAULT_SCHEDULER_INTERVAL_MS);
    this.timer.unref();
    void this.tick();
    return this;
  }

  /** One pass over the due schedules; a pass already in progress is awaited instead. */
  tick(): Promise<void> {
    this.ticking ??= runDueSchedules({ ...this.options, owner: this.owner })
      .then((runs) => {
        if (runs.length) this.options.onRuns?.(runs);
      })
      .catch((error: unknown) => this.options.onError?.(error))
      .finally(() => {
        this.ticking = null;
      });
    return this.ticking;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.ticking;
  }
}
