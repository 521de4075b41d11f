/**
 * Feature statistics computed by DuckDB over a file (a view's source, or a saved dataset): per
 * feature one aggregate query (rows, nulls, distinct, min/max/mean/stddev, newest event time),
 * then a 20-bin histogram for numbers or the 10 most frequent values for strings and booleans.
 * Only rows inside the event-time window count, when a window and a timestamp column are given.
 */
import { isArrayDtype } from "../definitions/dtype";
import type { DataSourceSpec, Dtype } from "../definitions/types";
import { PantryError } from "../errors";
import type { OfflineStore } from "../offline/types";
import {
  APPROX_DISTINCT_ABOVE,
  type FeatureStatistics,
  HISTOGRAM_BINS,
  type HistogramBin,
  type StatisticsKind,
  TOP_VALUES,
  type TopValue,
} from "./types";

export interface ProfileColumn {
  view: string;
  feature: string;
  /** The file's column holding the feature (before field mapping). */
  column: string;
  dtype: Dtype;
}

export interface ProfileRequest {
  store: Pick<OfflineStore, "querySource">;
  source: DataSourceSpec;
  columns: ProfileColumn[];
  /** The file's event-time column; null = no window and no newest event time. */
  timestampColumn: string | null;
  windowStart: Date | null;
  windowEnd: Date | null;
}

export type FeatureProfile = Omit<
  FeatureStatistics,
  "subject" | "dataset" | "trigger" | "jobId" | "computedAt" | "windowStart" | "windowEnd"
>;

const NUMERIC = new Set(["Int32", "Int64", "Float32", "Float64"]);
const CATEGORICAL = new Set(["String", "Bool"]);

export function statisticsKind(dtype: string): StatisticsKind {
  if (NUMERIC.has(dtype)) return "numeric";
  if (CATEGORICAL.has(dtype)) return "categorical";
  return "other";
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** `WHERE` for the window over the file's timestamp column (parameters bound through `param`). */
export function windowFilter(
  timestampColumn: string | null,
  start: Date | null,
  end: Date | null,
  param: (value: unknown) => string,
): string {
  if (!timestampColumn) return "";
  const ts = `CAST(${quoteIdent(timestampColumn)} AS TIMESTAMPTZ)`;
  const bounds: string[] = [];
  if (start) bounds.push(`${ts} >= CAST(${param(start.toISOString())} AS TIMESTAMPTZ)`);
  if (end) bounds.push(`${ts} <= CAST(${param(end.toISOString())} AS TIMESTAMPTZ)`);
  return bounds.length > 0 ? `WHERE ${bounds.join(" AND ")}` : "";
}

export async function profileColumns(request: ProfileRequest): Promise<FeatureProfile[]> {
  const { store, source } = request;
  if (!store.querySource) {
    throw new PantryError(
      "FAILED_PRECONDITION",
      `feature statistics are computed by DuckDB over files; source '${source.name}' is read by an offline store that cannot run them (use offline_store type 'file')`,
    );
  }
  const query = store.querySource.bind(store);
  const out: FeatureProfile[] = [];
  for (const column of request.columns) out.push(await profileOne(query, request, column));
  return out;
}

type Query = NonNullable<OfflineStore["querySource"]>;

async function profileOne(query: Query, request: ProfileRequest, column: ProfileColumn): Promise<FeatureProfile> {
  const kind = isArrayDtype(column.dtype) ? "other" : statisticsKind(column.dtype);
  const { source, timestampColumn } = request;
  const v = quoteIdent(column.column);
  const value = kind === "numeric" ? `CAST(${v} AS DOUBLE)` : kind === "other" ? `CAST(${v} AS VARCHAR)` : v;
  const newest = timestampColumn ? `max(CAST(${quoteIdent(timestampColumn)} AS TIMESTAMPTZ))` : "NULL";
  const within = (param: (value: unknown) => string) =>
    windowFilter(timestampColumn, request.windowStart, request.windowEnd, param);
  const counted = await query(source, (from, param) => {
    const filter = within(param);
    return `SELECT count(*) AS n, count(${v}) AS nn, ${newest} AS newest FROM ${from} AS s ${filter}`;
  });
  const rowCount = Number(counted[0]?.n ?? 0);
  const nonNull = Number(counted[0]?.nn ?? 0);
  const newestEventTs = toDate(counted[0]?.newest);
  const approx = rowCount > APPROX_DISTINCT_ABOVE;
  const numbers = kind === "numeric" ? ", min(v) AS mn, max(v) AS mx, avg(v) AS mean, stddev_samp(v) AS sd" : "";
  const aggregates = await query(source, (from, param) => {
    const filter = within(param);
    const distinct = approx ? "approx_count_distinct(v)" : "count(DISTINCT v)";
    return `SELECT ${distinct} AS d${numbers} FROM (SELECT ${value} AS v FROM ${from} AS s ${filter}) AS t`;
  });
  const row = aggregates[0] ?? {};
  const min = toNumber(row.mn);
  const max = toNumber(row.mx);
  let histogram: HistogramBin[] = [];
  let topValues: TopValue[] = [];
  if (kind === "numeric" && min !== null && max !== null) {
    histogram = await histogramOf(query, request, value, min, max, within);
  } else if (kind === "categorical" && nonNull > 0) {
    const rows = await query(source, (from, param) => {
      const filter = within(param);
      return `SELECT CAST(v AS VARCHAR) AS value, count(*) AS c FROM (SELECT ${value} AS v FROM ${from} AS s ${filter}) AS t WHERE v IS NOT NULL GROUP BY 1 ORDER BY c DESC, value LIMIT ${TOP_VALUES}`;
    });
    topValues = rows.map((r) => ({ value: String(r.value), count: Number(r.c) }));
  }
  return {
    view: column.view,
    feature: column.feature,
    dtype: column.dtype,
    kind,
    rowCount,
    nullCount: rowCount - nonNull,
    nullRatio: rowCount > 0 ? (rowCount - nonNull) / rowCount : 0,
    distinctCount: Number(row.d ?? 0),
    distinctApprox: approx,
    min,
    max,
    mean: toNumber(row.mean),
    stddev: toNumber(row.sd),
    histogram,
    topValues,
    newestEventTs,
  };
}

async function histogramOf(
  query: Query,
  request: ProfileRequest,
  value: string,
  min: number,
  max: number,
  within: (param: (value: unknown) => string) => string,
): Promise<HistogramBin[]> {
  const width = (max - min) / HISTOGRAM_BINS;
  const bins: HistogramBin[] = Array.from({ length: HISTOGRAM_BINS }, (_, i) => ({
    lo: min + i * width,
    hi: i === HISTOGRAM_BINS - 1 ? max : min + (i + 1) * width,
    count: 0,
  }));
  const rows = await query(request.source, (from, param) => {
    const filter = within(param);
    const lo = param(min);
    const span = param(max - min);
    // Equal-width bins; the maximum falls into the last one. A constant column is all in bin 0.
    const bin =
      max > min
        ? `LEAST(CAST(floor((v - ${lo}) / ${span} * ${HISTOGRAM_BINS}) AS INTEGER), ${HISTOGRAM_BINS - 1})`
        : "0";
    return `SELECT ${bin} AS b, count(*) AS c FROM (SELECT ${value} AS v FROM ${from} AS s ${filter}) AS t WHERE v IS NOT NULL AND NOT isnan(v) GROUP BY 1`;
  });
  for (const row of rows) {
    const bin = bins[Number(row.b)];
    if (bin) bin.count += Number(row.c);
  }
  return bins;
}

function toNumber(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  const n = typeof value === "bigint" ? Number(value) : Number(value);
  return Number.isFinite(n) ? n : null;
}

function toDate(value: unknown): Date | null {
  if (value instanceof Date) return value;
  if (typeof value === "string" || typeof value === "number") {
    const d = new Date(value);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  return null;
}
