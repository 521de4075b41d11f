/**
 * A source as the joins see it: join keys, event and created timestamps (normalized to the
 * dialect's UTC timestamp type) and the requested features under short internal names, so that no
 * user column name can clash with ours. Also the "latest row per entity key" query of materialization.
 */
import { type Dialect, ParameterList, type RenderedSql } from "./dialect";
import type { SourceRelation } from "./plan";

export const SOURCE_TS = "__ts";
export const SOURCE_CREATED = "__created";
export function sourceKeyColumn(index: number): string {
  return `k${index}`;
}
export function sourceFeatureColumn(index: number): string {
  return `f${index}`;
}

/** The part of a view a source read needs. */
export interface SourceRead {
  source: SourceRelation;
  eventTimestampColumn: string;
  createdTimestampColumn: string | null;
  keys: { sourceColumn: string }[];
  features: { sourceColumn: string }[];
}

/**
 * keepNullTimestamps: ASOF never matches a NULL event time by itself, and a filter in front of it
 * was measured at +20% on a 10M-row source; the other strategies need the filter.
 */
export function renderSourceCte(
  read: SourceRead,
  dialect: Dialect,
  param: (value: unknown) => string,
  options: { keepNullTimestamps?: boolean } = {},
): string {
  const q = (name: string) => dialect.quoteIdentifier(name);
  const src = q("__pantry_source");
  const column = (name: string) => `${src}.${q(name)}`;
  const asTimestamp = (name: string) => `CAST(${column(name)} AS ${dialect.timestampType})`;
  const columns = [
    ...read.keys.map((key, k) => `${column(key.sourceColumn)} AS ${q(sourceKeyColumn(k))}`),
    `${asTimestamp(read.eventTimestampColumn)} AS ${q(SOURCE_TS)}`,
    `${read.createdTimestampColumn ? asTimestamp(read.createdTimestampColumn) : `CAST(NULL AS ${dialect.timestampType})`} AS ${q(SOURCE_CREATED)}`,
    ...read.features.map((feature, f) => `${column(feature.sourceColumn)} AS ${q(sourceFeatureColumn(f))}`),
  ];
  const lines = [`  SELECT ${columns.join(", ")}`, `  FROM ${dialect.sourceRelation(read.source, param)} AS ${src}`];
  // A row without an event time can never be "at or before" anything.
  if (!options.keepNullTimestamps) lines.push(`  WHERE ${column(read.eventTimestampColumn)} IS NOT NULL`);
  return lines.join("\n");
}

export interface LatestWindow {
  /** Inclusive; null = unbounded. */
  start: Date | null;
  /** Inclusive. */
  end: Date;
  /** Only the entity keys of this hash partition (the queue engine's unit of work). */
  partition?: KeyPartition | null;
  /** Rows in entity-key order (what an online store's B-tree appends fastest). */
  orderByKey?: boolean;
  /** The select list over the ranked rows (default `*`): an engine may compute columns of its own there. */
  select?: string;
}

/** One of `count` hash partitions of the entity keys: `index` in 0 .. count-1. */
export interface KeyPartition {
  index: number;
  count: number;
}

/** Latest row per entity key with start <= event_ts <= end, ties broken by created_ts. */
export function renderLatestPerKey(read: SourceRead, window: LatestWindow, dialect: Dialect): RenderedSql {
  const params = new ParameterList(dialect);
  const q = (name: string) => dialect.quoteIdentifier(name);
  const cte = renderSourceCte(read, dialect, params.add);
  const bounds = windowBounds(read, window, dialect, params);
  const partition = read.keys.map((_, k) => q(sourceKeyColumn(k)));
  const over = `${partition.length > 0 ? `PARTITION BY ${partition.join(", ")} ` : ""}ORDER BY ${q(SOURCE_TS)} DESC, ${q(SOURCE_CREATED)} DESC NULLS LAST`;
  const sql = [
    `WITH ${q("__pantry_src")} AS (\n${cte}\n)`,
    `SELECT ${window.select ?? "*"} FROM (`,
    `  SELECT *, ROW_NUMBER() OVER (${over}) AS ${q("__pantry_rank")}`,
    `  FROM ${q("__pantry_src")} WHERE ${bounds.join(" AND ")}`,
    `) AS ${q("__pantry_latest")} WHERE ${q("__pantry_rank")} = 1`,
    ...(partition.length > 0 && window.orderByKey ? [`ORDER BY ${partition.join(", ")}`] : []),
  ].join("\n");
  return { sql, params: params.values };
}

/**
 * Row count of renderLatestPerKey: the number of distinct keys in the window (NULL keys group
 * together, as in PARTITION BY). A DISTINCT over the key columns only, not the ranked read again:
 * the count runs beside the read for the progress total and must not cost as much as the read.
 */
export function renderCountLatest(read: SourceRead, window: LatestWindow, dialect: Dialect): RenderedSql {
  const params = new ParameterList(dialect);
  const q = (name: string) => dialect.quoteIdentifier(name);
  const cte = renderSourceCte(read, dialect, params.add);
  const bounds = windowBounds(read, window, dialect, params);
  const keys = read.keys.map((_, k) => q(sourceKeyColumn(k)));
  const rows =
    keys.length > 0
      ? `SELECT DISTINCT ${keys.join(", ")} FROM ${q("__pantry_src")} WHERE ${bounds.join(" AND ")}`
      : `SELECT 1 AS ${q("__pantry_one")} FROM ${q("__pantry_src")} WHERE ${bounds.join(" AND ")} LIMIT 1`;
  const sql = [
    `WITH ${q("__pantry_src")} AS (\n${cte}\n)`,
    `SELECT COUNT(*) AS ${q("n")} FROM (\n${rows}\n) AS ${q("__pantry_count")}`,
  ].join("\n");
  return { sql, params: params.values };
}

/** start <= event_ts <= end (and the key partition), in textual order: `?` dialects bind by position. */
function windowBounds(read: SourceRead, window: LatestWindow, dialect: Dialect, params: ParameterList): string[] {
  const q = (name: string) => dialect.quoteIdentifier(name);
  // ISO text keeps the parameter types simple for every driver.
  const bounds: string[] = [];
  if (window.start)
    bounds.push(`${q(SOURCE_TS)} >= CAST(${params.add(window.start.toISOString())} AS ${dialect.timestampType})`);
  bounds.push(`${q(SOURCE_TS)} <= CAST(${params.add(window.end.toISOString())} AS ${dialect.timestampType})`);
  if (window.partition && window.partition.count > 1) bounds.push(partitionFilter(read, window.partition, dialect));
  return bounds;
}

/**
 * `<hash of the key columns> = index`: every key falls in exactly one of the `count` partitions,
 * so the partitions of a view together read each entity once. Numbers are checked and inlined
 * (they are never user text).
 */
function partitionFilter(read: SourceRead, partition: KeyPartition, dialect: Dialect): string {
  const { index, count } = partition;
  if (!Number.isInteger(count) || count < 1 || !Number.isInteger(index) || index < 0 || index >= count) {
    throw new Error(`invalid key partition ${index}/${count}`);
  }
  if (!dialect.keyPartition) {
    throw new Error(`the ${dialect.name} dialect cannot split a materialization into key partitions`);
  }
  if (read.keys.length === 0) return index === 0 ? "TRUE" : "FALSE";
  const columns = read.keys.map((_, k) => dialect.quoteIdentifier(sourceKeyColumn(k)));
  return `${dialect.keyPartition(columns, count)} = ${index}`;
}
