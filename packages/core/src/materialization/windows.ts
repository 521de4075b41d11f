/** The event-time window each view reads in a run (both ends inclusive, docs/DOMAIN.md). */
import type { FeatureViewSpec } from "../definitions/types";
import { PantryError } from "../errors";
import type { MaterializationIntervalRecord } from "./registry";

export interface ViewWindow {
  /** null = the whole source (first incremental run of a view with ttl 0). */
  start: Date | null;
  end: Date;
  /** Already materialized up to `end`: nothing to read. */
  upToDate: boolean;
  /** Where the start comes from: the asked window, the last interval, now - ttl, or none (ttl 0). */
  basis: "window" | "lastInterval" | "ttl" | "wholeSource";
}

export function fullWindow(start: Date, end: Date): ViewWindow {
  assertValidDate(start, "start");
  assertValidDate(end, "end");
  if (start.getTime() > end.getTime()) {
    throw new PantryError(
      "INVALID_ARGUMENT",
      `the start ${start.toISOString()} is after the end ${end.toISOString()}; materialize takes <start> <end>`,
    );
  }
  return { start, end, upToDate: false, basis: "window" };
}

/** Start = end of the view's last interval; first run: now - ttl, or the whole source when ttl is 0. */
export function incrementalWindow(
  view: FeatureViewSpec,
  intervals: readonly MaterializationIntervalRecord[],
  end: Date,
  now: Date,
): ViewWindow {
  assertValidDate(end, "end");
  let lastEnd: number | null = null;
  for (const interval of intervals) {
    const t = interval.endTs.getTime();
    if (lastEnd === null || t > lastEnd) lastEnd = t;
  }
  if (lastEnd !== null)
    return { start: new Date(lastEnd), end, upToDate: lastEnd >= end.getTime(), basis: "lastInterval" };
  if (view.ttlSeconds > 0) {
    // END before now - ttl: every row in reach is already too old to serve; nothing to read.
    const start = new Date(now.getTime() - view.ttlSeconds * 1000);
    return { start, end, upToDate: start.getTime() > end.getTime(), basis: "ttl" };
  }
  return { start: null, end, upToDate: false, basis: "wholeSource" };
}

function assertValidDate(date: Date, role: string): void {
  if (Number.isNaN(date.getTime())) {
    throw new PantryError(
      "INVALID_ARGUMENT",
      `the ${role} timestamp is not a valid date; use ISO 8601 like 2024-01-31T00:00:00`,
    );
  }
}

/** "2024-01-31", "2024-01-31T10:00:00" (naive = UTC, docs/DOMAIN.md), "...Z", "...+02:00". */
export function parseTimestampArgument(text: string, role: string): Date {
  const trimmed = text.trim();
  const naive = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$/.test(trimmed);
  const iso = naive ? `${trimmed.replace(" ", "T")}${trimmed.length === 10 ? "T00:00:00" : ""}Z` : trimmed;
  const date = new Date(iso);
  if (!/^\d{4}-\d{2}-\d{2}/.test(trimmed) || Number.isNaN(date.getTime())) {
    throw new PantryError(
      "INVALID_ARGUMENT",
      `${role} '${text}' is not an ISO 8601 timestamp; write 2024-01-31 or 2024-01-31T10:00:00 (UTC) or add an offset (Z, +02:00)`,
      { argument: role, value: text },
    );
  }
  return date;
}
