/**
 * Training/serving drift: a saved dataset's statistics (what the model was trained on) against
 * the newest statistics of the same features. Numbers: population stability index over the
 * training histogram's 20 bins (the newer histogram is re-binned onto them, its counts spread
 * evenly inside each of its bins). Strings and booleans: the share of newer rows whose value is
 * not among the training's top values (exact when a feature has at most 10 values).
 */
import { HISTOGRAM_BINS, type FeatureStatistics, type HistogramBin } from "./types";

/** PSI above this is a significant shift (the usual rule of thumb: < 0.1 none, 0.1-0.2 moderate). */
export const PSI_THRESHOLD = 0.2;
/** Share of unseen categories above this is flagged. */
export const UNSEEN_THRESHOLD = 0.1;
const EPSILON = 1e-4;

export interface FeatureDrift {
  view: string;
  feature: string;
  metric: "psi" | "unseen";
  /** The PSI or the unseen share; null when one side has no values to compare. */
  value: number | null;
  threshold: number;
  flagged: boolean;
  training: FeatureStatistics;
  /** The newest source statistics, null when none were computed yet. */
  serving: FeatureStatistics | null;
}

export function compareStatistics(training: FeatureStatistics[], serving: FeatureStatistics[]): FeatureDrift[] {
  const latest = new Map(serving.map((s) => [`${s.view}:${s.feature}`, s]));
  const out: FeatureDrift[] = [];
  for (const train of training) {
    if (train.kind === "other") continue;
    const now = latest.get(`${train.view}:${train.feature}`) ?? null;
    const metric = train.kind === "numeric" ? "psi" : "unseen";
    const threshold = metric === "psi" ? PSI_THRESHOLD : UNSEEN_THRESHOLD;
    const value = now
      ? metric === "psi"
        ? populationStabilityIndex(train.histogram, now.histogram)
        : unseenShare(train, now)
      : null;
    out.push({
      view: train.view,
      feature: train.feature,
      metric,
      value,
      threshold,
      flagged: value !== null && value > threshold,
      training: train,
      serving: now,
    });
  }
  return out.sort((a, b) => Number(b.flagged) - Number(a.flagged) || (b.value ?? -1) - (a.value ?? -1));
}

/** PSI of `actual` against `expected`'s bins; null when either side is empty. */
export function populationStabilityIndex(expected: HistogramBin[], actual: HistogramBin[]): number | null {
  const expectedTotal = sum(expected.map((b) => b.count));
  const actualTotal = sum(actual.map((b) => b.count));
  if (expected.length === 0 || expectedTotal === 0 || actualTotal === 0) return null;
  const rebinned = rebin(actual, expected);
  let psi = 0;
  for (let i = 0; i < expected.length; i++) {
    const e = Math.max((expected[i]?.count ?? 0) / expectedTotal, EPSILON);
    const a = Math.max((rebinned[i] ?? 0) / actualTotal, EPSILON);
    psi += (a - e) * Math.log(a / e);
  }
  return psi;
}

/**
 * Counts of `from` spread onto `onto`'s edges; what falls below the first edge goes to the first
 * bin and above the last edge to the last (a shifted distribution piles up at the ends).
 */
function rebin(from: HistogramBin[], onto: HistogramBin[]): number[] {
  const out = new Array<number>(onto.length).fill(0);
  const lo = onto[0]?.lo ?? 0;
  const hi = onto[onto.length - 1]?.hi ?? 0;
  for (const bin of from) {
    if (bin.count === 0) continue;
    const width = bin.hi - bin.lo;
    if (width <= 0 || hi <= lo) {
      const i = indexOf(bin.lo, onto, lo, hi);
      out[i] = (out[i] ?? 0) + bin.count;
      continue;
    }
    // The part below the first edge and above the last one.
    const below = Math.max(0, Math.min(bin.hi, lo) - bin.lo) / width;
    const above = Math.max(0, bin.hi - Math.max(bin.lo, hi)) / width;
    out[0] = (out[0] ?? 0) + bin.count * below;
    out[onto.length - 1] = (out[onto.length - 1] ?? 0) + bin.count * above;
    onto.forEach((target, i) => {
      const overlap = Math.max(0, Math.min(bin.hi, target.hi) - Math.max(bin.lo, target.lo));
      out[i] = (out[i] ?? 0) + (bin.count * overlap) / width;
    });
  }
  return out;
}

function indexOf(value: number, onto: HistogramBin[], lo: number, hi: number): number {
  if (hi <= lo) return 0;
  const i = Math.floor(((value - lo) / (hi - lo)) * (onto.length || HISTOGRAM_BINS));
  return Math.min(Math.max(i, 0), onto.length - 1);
}

/** Share of the newer non-null rows whose value the training rows' top values do not hold. */
export function unseenShare(training: FeatureStatistics, serving: FeatureStatistics): number | null {
  const nonNull = serving.rowCount - serving.nullCount;
  if (nonNull <= 0 || training.topValues.length === 0) return null;
  const known = new Set(training.topValues.map((v) => v.value));
  const seen = sum(serving.topValues.filter((v) => known.has(v.value)).map((v) => v.count));
  return Math.max(0, Math.min(1, 1 - seen / nonNull));
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
