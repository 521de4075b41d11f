/** How freshness reads in the console: lags as "3 h 12 min", states as badges. */

const UNITS: [label: string, ms: number][] = [
  ["d", 86_400_000],
  ["h", 3_600_000],
  ["min", 60_000],
  ["s", 1000],
];

/** 11_520_000 -> "3 h 12 min": the largest unit and the next one (when not zero), "0 s" for nothing. */
export function formatLag(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return "—";
  const rest = Math.max(0, Math.round(ms));
  const index = UNITS.findIndex(([, size]) => rest >= size);
  if (index < 0) return "0 s";
  const [label, size] = UNITS[index] as [string, number];
  const text = `${Math.floor(rest / size)} ${label}`;
  const next = UNITS[index + 1];
  const minor = next ? Math.floor((rest % size) / next[1]) : 0;
  return next && minor > 0 ? `${text} ${minor} ${next[0]}` : text;
}

export type FreshnessState = "fresh" | "stale" | "never_materialized" | "no_expectation" | "unknown";

export const STATE_LABEL: Record<FreshnessState, string> = {
  fresh: "fresh",
  stale: "stale",
  never_materialized: "never materialized",
  no_expectation: "no expectation",
  unknown: "unknown",
};

export function stateTone(state: FreshnessState): "success" | "danger" | "warning" | "neutral" {
  if (state === "fresh") return "success";
  if (state === "stale") return "danger";
  if (state === "unknown") return "warning";
  return "neutral";
}

/** The unit a chart's lag axis reads best in, from its largest value. */
export function lagUnit(maxMs: number): { label: string; ms: number } {
  for (const [label, size] of UNITS) if (maxMs >= 2 * size) return { label, ms: size };
  return { label: "s", ms: 1000 };
}
