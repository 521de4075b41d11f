/**
 * Range join + ROW_NUMBER(): every candidate row per entity row, ranked. Needed where the candidate
 * set depends on the entity row in two ways (filterByCreatedTimestamp: created_ts <= entity_ts as
 * well as event_ts <= entity_ts), which neither ASOF nor the sweep can express.
 */
import type { Dialect } from "./dialect";
import { ENTITY_TS_COLUMN, type PitPlan, ROW_ID_COLUMN, type ViewJoin } from "./plan";
import { ENTITY_ALIAS, entityColumn, keyEquality, sourceCteName, viewAlias } from "./render-common";
import { SOURCE_CREATED, SOURCE_TS, sourceFeatureColumn } from "./render-source";

export function renderRangeMatch(
  plan: PitPlan,
  join: ViewJoin,
  index: number,
  dialect: Dialect,
  param: (value: unknown) => string,
): string {
  const q = (name: string) => dialect.quoteIdentifier(name);
  const alias = viewAlias(index);
  const entityTs = entityColumn(dialect, ENTITY_TS_COLUMN);
  const sourceTs = `${q(alias)}.${q(SOURCE_TS)}`;
  const sourceCreated = `${q(alias)}.${q(SOURCE_CREATED)}`;
  const conditions = [...keyEquality(join, dialect, alias), `${sourceTs} <= ${entityTs}`];
  if (join.ttlSeconds > 0)
    conditions.push(`${sourceTs} >= ${dialect.subtractSeconds(entityTs, param(join.ttlSeconds))}`);
  if (plan.filterByCreatedTimestamp && join.createdTimestampColumn !== null) {
    // A row whose created time is unknown cannot be shown to be late, so it stays a candidate.
    conditions.push(`(${sourceCreated} IS NULL OR ${sourceCreated} <= ${entityTs})`);
  }
  const order = [`${sourceTs} DESC`];
  if (join.createdTimestampColumn !== null) order.push(`${sourceCreated} DESC NULLS LAST`);
  const columns = [
    `${entityColumn(dialect, ROW_ID_COLUMN)} AS ${q(ROW_ID_COLUMN)}`,
    ...join.features.map((_, f) => `${q(alias)}.${q(sourceFeatureColumn(f))}`),
    `ROW_NUMBER() OVER (PARTITION BY ${entityColumn(dialect, ROW_ID_COLUMN)} ORDER BY ${order.join(", ")}) AS ${q("__pantry_rank")}`,
  ];
  const inner = [
    `SELECT ${columns.join(", ")}`,
    `FROM ${q(plan.entity.table)} AS ${q(ENTITY_ALIAS)}`,
    `JOIN ${q(sourceCteName(index))} AS ${q(alias)} ON ${conditions.join(" AND ")}`,
  ].join("\n    ");
  return `  SELECT * FROM (\n    ${inner}\n  ) AS ${q("__pantry_ranked")} WHERE ${q("__pantry_rank")} = 1`;
}
