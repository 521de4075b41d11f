/** Names and fragments every join strategy shares. */
import type { Dialect } from "./dialect";
import { ENTITY_TIMESTAMP_INPUT, ENTITY_TS_COLUMN, type PitPlan, ROW_ID_COLUMN, type ViewJoin } from "./plan";
import { sourceKeyColumn } from "./render-source";

export const ENTITY_ALIAS = "e";

export function sourceCteName(index: number): string {
  return `__pantry_src_${index}`;
}
export function matchCteName(index: number): string {
  return `__pantry_match_${index}`;
}
export function viewAlias(index: number): string {
  return `v${index}`;
}

export function entityColumn(dialect: Dialect, column: string): string {
  return `${dialect.quoteIdentifier(ENTITY_ALIAS)}.${dialect.quoteIdentifier(column)}`;
}

/** The entity side of join key k (cast to the source key's type when the two differ in kind). */
export function entityKey(join: ViewJoin, k: number, dialect: Dialect): string {
  const key = join.keys[k];
  if (!key) throw new Error(`join key ${k} of ${join.label} does not exist`);
  const column = entityColumn(dialect, key.entityColumn);
  return key.castEntityTo ? dialect.tryCast(column, dialect.typeName(key.castEntityTo)) : column;
}

export function keyEquality(join: ViewJoin, dialect: Dialect, alias: string): string[] {
  return join.keys.map(
    (_, k) =>
      `${entityKey(join, k, dialect)} = ${dialect.quoteIdentifier(alias)}.${dialect.quoteIdentifier(sourceKeyColumn(k))}`,
  );
}

/**
 * The entity table's columns as they come out: every input column as given, except the entity
 * timestamp, normalized (a UTC timestamp, whatever text or zone it came in).
 */
export function renderEntityOutputs(plan: PitPlan, dialect: Dialect): string[] {
  return plan.entity.columns.map(
    (column) =>
      `${entityColumn(dialect, column === ENTITY_TIMESTAMP_INPUT ? ENTITY_TS_COLUMN : column)} AS ${dialect.quoteIdentifier(column)}`,
  );
}

/** The final statement of every strategy: one output row per input row, in input order. */
export function renderFinalSelect(
  parts: { ctes: string[]; select: string[]; from: string[] },
  dialect: Dialect,
): string {
  return [
    parts.ctes.length > 0 ? `WITH ${parts.ctes.join(",\n")}` : "",
    `SELECT ${parts.select.join(",\n  ")}`,
    parts.from.join("\n"),
    `ORDER BY ${entityColumn(dialect, ROW_ID_COLUMN)}`,
  ]
    .filter((part) => part !== "")
    .join("\n");
}
