/**
 * Schedule intervals: a duration such as "15m", "1h", "1d" (the ttl syntax), at least a minute.
 * Interval-only by design (no cron): the next run is always the previous one plus the interval.
 */
import { formatTtl, parseTtl } from "../../definitions/ttl";
import { PantryError } from "../../errors";

export const MIN_INTERVAL_SECONDS = 60;

export function parseScheduleInterval(text: string, schedule: string): number {
  let seconds: number;
  try {
    seconds = parseTtl(text, `schedule '${schedule}': every`);
  } catch {
    throw new PantryError(
      "INVALID_ARGUMENT",
      `schedule '${schedule}': every '${text}' is not an interval; write "15m", "1h" or "1d" (cron is not supported)`,
      { schedule, field: "every" },
    );
  }
  if (seconds < MIN_INTERVAL_SECONDS) {
    throw new PantryError(
      "INVALID_ARGUMENT",
      `schedule '${schedule}': every '${text}' is shorter than a minute; pick "1m" or longer`,
      { schedule, field: "every" },
    );
  }
  return seconds;
}

/** 3600 -> "1h". */
export function formatScheduleInterval(seconds: number): string {
  return formatTtl(seconds);
}

/**
 * The first slot after `now` on the grid previousNext + k * interval: missed slots (the process
 * was down, a run outlasted the interval) are skipped, not run one after another.
 */
export function nextRunAfter(previousNext: Date, intervalSeconds: number, now: Date): Date {
  const step = intervalSeconds * 1000;
  const behind = now.getTime() - previousNext.getTime();
  const slots = behind < 0 ? 1 : Math.floor(behind / step) + 1;
  return new Date(previousNext.getTime() + slots * step);
}
