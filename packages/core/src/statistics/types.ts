/** Statistics of one feature's values over a window of rows (see profile.ts for how they are computed). */

export interface HistogramBin {
  /** Inclusive lower edge. */
  lo: number;
  /** Upper edge (inclusive for the last bin). */
  hi: number;
  count: number;
}

export interface TopValue {
  value: string;
  count: number;
}

export type StatisticsKind = "numeric" | "categorical" | "other";

export interface FeatureStatistics {
  view: string;
  feature: string;
  dtype: string;
  kind: StatisticsKind;
  /** "source": the view's offline source; "dataset": a saved dataset's file. */
  subject: "source" | "dataset";
  dataset: string | null;
  windowStart: Date | null;
  windowEnd: Date | null;
  /** on-demand | materialization | dataset */
  trigger: string;
  jobId: string | null;
  rowCount: number;
  nullCount: number;
  nullRatio: number;
  distinctCount: number;
  /** True when distinctCount is approximate (approx_count_distinct, above APPROX_DISTINCT_ABOVE rows). */
  distinctApprox: boolean;
  min: number | null;
  max: number | null;
  mean: number | null;
  /** Sample standard deviation (DuckDB's stddev_samp). */
  stddev: number | null;
  /** HISTOGRAM_BINS equal-width bins between min and max (numbers only). */
  histogram: HistogramBin[];
  /** The TOP_VALUES most frequent values with their counts (strings and booleans only). */
  topValues: TopValue[];
  newestEventTs: Date | null;
  computedAt: Date;
}

export const HISTOGRAM_BINS = 20;
export const TOP_VALUES = 10;
/** Above this many rows, the distinct count is DuckDB's approx_count_distinct (HyperLogLog). */
export const APPROX_DISTINCT_ABOVE = 100_000;
