/**
 * The portable "latest row at or before" for engines without ASOF: one sorted sweep per view.
 * Entity rows and source rows are stacked (UNION ALL) and ordered per join key by
 * (timestamp, source rows before entity rows, created ascending). A running count of source rows
 * cuts that order into islands, each starting at one source row followed by the entity rows it is
 * the latest for; first_value() over the island hands that row's values to its entity rows.
 * O((n + m) log(n + m)) with no index and no candidate explosion; the ttl and a missing entity
 * timestamp are applied afterwards (latestRowGuard), exactly as after an ASOF join.
 */
import type { Dialect } from "./dialect";
import { ENTITY_TS_COLUMN, type PitPlan, ROW_ID_COLUMN, type ViewJoin } from "./plan";
import { ENTITY_ALIAS, entityColumn, entityKey, sourceCteName } from "./render-common";
import { SOURCE_CREATED, SOURCE_TS, sourceFeatureColumn, sourceKeyColumn } from "./render-source";

const SIDE = "__pantry_side";
const IS_SOURCE = "__pantry_is_source";
const ISLAND = "__pantry_island";

export function renderSweepMatch(plan: PitPlan, join: ViewJoin, index: number, dialect: Dialect): string {
  const q = (name: string) => dialect.quoteIdentifier(name);
  const keys = join.keys.map((_, k) => q(sourceKeyColumn(k)));
  const features = join.features.map((_, f) => q(sourceFeatureColumn(f)));
  const order = `ORDER BY ${q(SOURCE_TS)}, ${q(SIDE)}, ${q(SOURCE_CREATED)} NULLS FIRST ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW`;
  const partition = (extra: string[]) => {
    const columns = [...keys, ...extra];
    return columns.length > 0 ? `PARTITION BY ${columns.join(", ")} ` : "";
  };
  const source = [
    `SELECT CAST(NULL AS BIGINT) AS ${q(ROW_ID_COLUMN)}, 0 AS ${q(SIDE)}, 1 AS ${q(IS_SOURCE)}`,
    ...keys,
    q(SOURCE_TS),
    q(SOURCE_CREATED),
    ...features,
  ].join(", ");
  // A source row with a NULL key can never equal an entity key; left in, it would share the NULL
  // partition with entity rows whose key is NULL.
  const notNull = keys.length > 0 ? ` WHERE ${keys.map((k) => `${k} IS NOT NULL`).join(" AND ")}` : "";
  const entity = [
    `SELECT ${entityColumn(dialect, ROW_ID_COLUMN)}, 1, NULL`,
    ...join.keys.map((_, k) => entityKey(join, k, dialect)),
    entityColumn(dialect, ENTITY_TS_COLUMN),
    "NULL",
    ...join.features.map(() => "NULL"),
  ].join(", ");
  const carried = [SOURCE_TS, ...join.features.map((_, f) => sourceFeatureColumn(f))].map(
    (column) => `first_value(${q(column)}) OVER (${partition([q(ISLAND)])}${order}) AS ${q(column)}`,
  );
  return [
    `  SELECT * FROM (`,
    `    SELECT ${q(ROW_ID_COLUMN)}, ${q(SIDE)}, ${carried.join(", ")}`,
    `    FROM (`,
    `      SELECT *, COUNT(${q(IS_SOURCE)}) OVER (${partition([])}${order}) AS ${q(ISLAND)}`,
    `      FROM (`,
    `        ${source} FROM ${q(sourceCteName(index))}${notNull}`,
    `        UNION ALL`,
    `        ${entity} FROM ${q(plan.entity.table)} AS ${q(ENTITY_ALIAS)}`,
    `      ) AS ${q("__pantry_stacked")}`,
    `    ) AS ${q("__pantry_islands")}`,
    `  ) AS ${q("__pantry_swept")} WHERE ${q(SIDE)} = 1`,
  ].join("\n");
}
