/**
 * What differs between SQL engines, and nothing else: quoting, parameter placeholders, type names,
 * time arithmetic, how a source is read and which join strategy suits the engine.
 * The point-in-time algorithm lives in render-pit.ts and is the same for every dialect.
 */
import type { Dtype } from "../../definitions/types";
import type { SourceRelation } from "./plan";

/** How the latest feature row per entity row is picked. */
export type JoinStrategy =
  /** DuckDB's ASOF LEFT JOIN: one merge per view, no candidate explosion. */
  | "asof"
  /** Sorted sweep with window functions: portable, no index needed (strategy-sweep.ts). */
  | "sweep";

export interface Dialect {
  readonly name: string;
  readonly strategy: JoinStrategy;
  quoteIdentifier(name: string): string;
  /** Placeholder for the 1-based parameter `index`. */
  placeholder(index: number): string;
  /** SQL type name for a Pantry dtype, used to cast an entity key to the source key's type. */
  typeName(dtype: Dtype): string;
  /** The engine's timestamp-with-time-zone type: every timestamp is compared in UTC through it. */
  readonly timestampType: string;
  /** A cast that yields NULL instead of failing where the engine has one. */
  tryCast(expression: string, typeName: string): string;
  /** `timestamp - seconds`, seconds being a rendered (parameter) expression. */
  subtractSeconds(timestamp: string, seconds: string): string;
  /** FROM-clause text reading a source; values (paths) go through `param`. */
  sourceRelation(source: SourceRelation, param: (value: unknown) => string): string;
  /**
   * The partition (0 .. count-1) of a row's entity key, from a hash of the key columns: the queue
   * engine splits a view's materialization into these (materialization/queue). Engines that only
   * render golden SQL leave it out.
   */
  keyPartition?(columns: readonly string[], count: number): string;
}

/** Quote with a doubled quote character: `x"; DROP TABLE` stays one harmless identifier. */
export function quoteWith(quote: string, name: string): string {
  if (name.includes("\u0000")) throw new Error("identifiers cannot contain NUL characters");
  return `${quote}${name.split(quote).join(quote + quote)}${quote}`;
}

/** "schema.table" or "table" as a quoted, dotted name. */
export function quoteQualified(dialect: Dialect, name: string): string {
  return name
    .split(".")
    .map((part) => dialect.quoteIdentifier(part))
    .join(".");
}

/**
 * Collects parameter values in the order they are rendered. Renderers must emit SQL text in
 * order, because `?`-style dialects bind by position of appearance.
 */
export class ParameterList {
  readonly values: unknown[] = [];
  constructor(private readonly dialect: Dialect) {}

  add = (value: unknown): string => {
    this.values.push(value);
    return this.dialect.placeholder(this.values.length);
  };
}

export interface RenderedSql {
  sql: string;
  params: unknown[];
}

/**
 * A point-in-time join as statements run in order on one connection: materialize, probe, result,
 * cleanup (strategy-asof.ts; other strategies have only a result).
 */
export interface PitStages {
  /** Creates the temp table `__pantry_asof`: the entity rows with each view's ASOF match (null: none). */
  materialize: RenderedSql | null;
  /**
   * The same table with each source read only for the entity table's keys, for entity frames of at
   * most `maxEntityRows` rows (undefined: no such variant).
   */
  materializeKeyed?: RenderedSql & { maxEntityRows: number };
  /**
   * One row of booleans, one per plan join: whether a matched row of that view has a sibling with
   * the same keys and event_ts but a higher created_ts. null when no view has a created column.
   */
  tieProbe: RenderedSql | null;
  /** The result rows, repairing the views whose probe answer is true. */
  result(ties: readonly boolean[]): RenderedSql;
  /** Drops the temp table (null: nothing to drop). */
  cleanup: string | null;
}
