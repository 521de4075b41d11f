/**
 * A view's expected freshness: the `pantry.freshness` tag when declared ("2h", "30m", "1d"), else
 * twice the interval of the materialization schedule that covers it (Tecton's 2 x schedule), else
 * twice the median interval between its recent successful materializations (when there are
 * enough of them to call it a cadence: an orchestrator calling `materialize-incremental` on a
 * timer), else none.
 */
import { parseTtl } from "../definitions/ttl";
import type { FeatureViewSpec } from "../definitions/types";
import { PantryError } from "../errors";

export const FRESHNESS_TAG = "pantry.freshness";

/** Runs looked at for the derived default; older cadence says little about the current one. */
export const CADENCE_RUNS = 10;
/**
 * Fewer runs are not a cadence: two manual runs a few seconds apart would otherwise declare an
 * expectation of seconds and turn every view stale.
 */
export const CADENCE_MIN_RUNS = 4;
/** Nor is anything quicker than this (a burst of manual runs, a test). */
export const CADENCE_MIN_INTERVAL_MS = 60_000;

export type ExpectedFreshnessBasis = "tag" | "schedule" | "cadence" | "none";

export interface ExpectedFreshness {
  /** Milliseconds; null = no expectation. */
  ms: number | null;
  basis: ExpectedFreshnessBasis;
}

/** A schedule as freshness needs it (views empty = every online view). */
export interface FreshnessSchedule {
  views: string[];
  intervalSeconds: number;
  enabled: boolean;
}

/** The shortest interval (s) of the active schedules that run this view; null when none does. */
export function scheduleIntervalFor(view: string, schedules: FreshnessSchedule[]): number | null {
  const covering = schedules.filter((s) => s.enabled && (s.views.length === 0 || s.views.includes(view)));
  return covering.length ? Math.min(...covering.map((s) => s.intervalSeconds)) : null;
}

/**
 * `runEnds` are the end times of the view's successful runs, any order; `scheduleSeconds` the
 * interval of the schedule that runs the view (see scheduleIntervalFor).
 */
export function expectedFreshness(
  view: FeatureViewSpec,
  runEnds: Date[],
  scheduleSeconds: number | null = null,
): ExpectedFreshness {
  const tag = view.tags[FRESHNESS_TAG];
  if (tag !== undefined) {
    const seconds = parseTtl(tag, `feature view '${view.name}': tag ${FRESHNESS_TAG}`);
    if (seconds <= 0) {
      throw new PantryError(
        "INVALID_ARGUMENT",
        `feature view '${view.name}': tag ${FRESHNESS_TAG} must be a positive duration such as "2h", not '${tag}'`,
        { view: view.name },
      );
    }
    return { ms: seconds * 1000, basis: "tag" };
  }
  if (scheduleSeconds !== null) return { ms: 2 * scheduleSeconds * 1000, basis: "schedule" };
  const recent = runEnds
    .slice()
    .sort((a, b) => b.getTime() - a.getTime())
    .slice(0, CADENCE_RUNS);
  const median = recent.length >= CADENCE_MIN_RUNS ? medianInterval(recent) : null;
  return median === null || median < CADENCE_MIN_INTERVAL_MS
    ? { ms: null, basis: "none" }
    : { ms: 2 * median, basis: "cadence" };
}

/** Median gap between consecutive times (ms); null with fewer than two. */
export function medianInterval(times: Date[]): number | null {
  const sorted = times.map((t) => t.getTime()).sort((a, b) => a - b);
  const gaps: number[] = [];
  for (let i = 1; i < sorted.length; i++) gaps.push((sorted[i] as number) - (sorted[i - 1] as number));
  if (gaps.length === 0) return null;
  gaps.sort((a, b) => a - b);
  const mid = Math.floor(gaps.length / 2);
  return gaps.length % 2 ? (gaps[mid] as number) : ((gaps[mid - 1] as number) + (gaps[mid] as number)) / 2;
}
