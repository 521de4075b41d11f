/**
 * Renders a PitPlan for a dialect. The rules (DOMAIN.md) are the same for both strategies:
 * same join keys; event_ts <= entity_ts; event_ts >= entity_ts - ttl when ttl > 0; latest event_ts,
 * then highest created_ts; optional created_ts <= entity_ts; unmatched rows kept with NULLs;
 * one output row per input row, in input order (by the row ordinal, never by key values).
 */
import { type Dialect, ParameterList, type RenderedSql } from "./dialect";
import { ENTITY_TIMESTAMP_INPUT, ENTITY_TS_COLUMN, type PitPlan, ROW_ID_COLUMN, type ViewJoin } from "./plan";
import { renderSourceCte, SOURCE_CREATED, SOURCE_TS, sourceFeatureColumn, sourceKeyColumn } from "./render-source";

const ENTITY_ALIAS = "e";

export function renderPointInTimeJoin(plan: PitPlan, dialect: Dialect): RenderedSql {
  // The created-ts filter makes the candidate set depend on the entity row in two ways,
  // which one ASOF inequality cannot express: that path always uses the window strategy.
  const strategy = plan.filterByCreatedTimestamp ? "window" : dialect.strategy;
  const params = new ParameterList(dialect);
  const q = (name: string) => dialect.quoteIdentifier(name);
  const ctes = plan.joins.map((join, i) => `${q(sourceCteName(i))} AS (\n${renderSourceCte(join, dialect, params.add)}\n)`);
  if (strategy === "window") {
    plan.joins.forEach((join, i) => {
      ctes.push(`${q(matchCteName(i))} AS (\n${renderWindowMatch(plan, join, i, dialect, params.add)}\n)`);
    });
  }
  const select = renderSelectList(plan, dialect, strategy, params.add);
  const from = [`FROM ${q(plan.entity.table)} AS ${q(ENTITY_ALIAS)}`];
  plan.joins.forEach((join, i) => {
    from.push(strategy === "asof" ? renderAsofJoin(join, i, dialect) : renderMatchJoin(i, dialect));
  });
  const sql = [
    ctes.length > 0 ? `WITH ${ctes.join(",\n")}` : "",
    `SELECT ${select.join(",\n  ")}`,
    from.join("\n"),
    `ORDER BY ${q(ENTITY_ALIAS)}.${q(ROW_ID_COLUMN)}`,
  ]
    .filter((part) => part !== "")
    .join("\n");
  return { sql, params: params.values };
}

function sourceCteName(index: number): string {
  return `__pantry_src_${index}`;
}
function matchCteName(index: number): string {
  return `__pantry_match_${index}`;
}
function viewAlias(index: number): string {
  return `v${index}`;
}

function entityColumn(dialect: Dialect, column: string): string {
  return `${dialect.quoteIdentifier(ENTITY_ALIAS)}.${dialect.quoteIdentifier(column)}`;
}

function renderSelectList(
  plan: PitPlan,
  dialect: Dialect,
  strategy: "asof" | "window",
  param: (value: unknown) => string,
): string[] {
  const q = (name: string) => dialect.quoteIdentifier(name);
  // The entity timestamp comes out normalized (a UTC timestamp, whatever text or zone it came in).
  const list = plan.entity.columns.map(
    (column) => `${entityColumn(dialect, column === ENTITY_TIMESTAMP_INPUT ? ENTITY_TS_COLUMN : column)} AS ${q(column)}`,
  );
  plan.joins.forEach((join, i) => {
    const alias = q(viewAlias(i));
    const guard = strategy === "asof" ? asofGuard(join, alias, dialect, param) : null;
    join.features.forEach((feature, f) => {
      const value = `${alias}.${q(sourceFeatureColumn(f))}`;
      list.push(`${guard ? `CASE WHEN ${guard} THEN ${value} END` : value} AS ${q(feature.outputName)}`);
    });
  });
  return list;
}

/**
 * What ASOF cannot say in its join condition. The ttl: ASOF picked the latest row at or before
 * entity_ts; if that row is older than the ttl every other candidate is older too, so NULLing it
 * out is the exact answer. A missing entity timestamp: the (ts, created) order key of a NULL
 * timestamp still compares, so the match is dropped here.
 */
function asofGuard(join: ViewJoin, alias: string, dialect: Dialect, param: (value: unknown) => string): string | null {
  const entityTs = entityColumn(dialect, ENTITY_TS_COLUMN);
  if (join.ttlSeconds > 0) {
    return `${alias}.${dialect.quoteIdentifier(SOURCE_TS)} >= ${dialect.subtractSeconds(entityTs, param(join.ttlSeconds))}`;
  }
  return join.createdTimestampColumn !== null ? `${entityTs} IS NOT NULL` : null;
}

function keyEquality(join: ViewJoin, dialect: Dialect, alias: string): string[] {
  return join.keys.map((key, k) => {
    const entitySide = key.castEntityTo
      ? dialect.tryCast(entityColumn(dialect, key.entityColumn), dialect.typeName(key.castEntityTo))
      : entityColumn(dialect, key.entityColumn);
    return `${entitySide} = ${dialect.quoteIdentifier(alias)}.${dialect.quoteIdentifier(sourceKeyColumn(k))}`;
  });
}

function renderAsofJoin(join: ViewJoin, index: number, dialect: Dialect): string {
  const q = (name: string) => dialect.quoteIdentifier(name);
  const alias = viewAlias(index);
  const entityTs = entityColumn(dialect, ENTITY_TS_COLUMN);
  const sourceTs = `${q(alias)}.${q(SOURCE_TS)}`;
  let inequality = `${entityTs} >= ${sourceTs}`;
  if (join.createdTimestampColumn !== null) {
    if (!dialect.asofOrderKey) throw new Error(`dialect ${dialect.name} has no ASOF order key`);
    const sourceKey = dialect.asofOrderKey(sourceTs, `${q(alias)}.${q(SOURCE_CREATED)}`);
    inequality = `${dialect.asofOrderKey(entityTs, "highest")} >= ${sourceKey}`;
  }
  const conditions = [...keyEquality(join, dialect, alias), inequality];
  return `ASOF LEFT JOIN ${q(sourceCteName(index))} AS ${q(alias)} ON ${conditions.join(" AND ")}`;
}

/** Candidates per entity row, ranked; only rank 1 survives. */
function renderWindowMatch(
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
  if (join.ttlSeconds > 0) conditions.push(`${sourceTs} >= ${dialect.subtractSeconds(entityTs, param(join.ttlSeconds))}`);
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

function renderMatchJoin(index: number, dialect: Dialect): string {
  const q = (name: string) => dialect.quoteIdentifier(name);
  const alias = q(viewAlias(index));
  return `LEFT JOIN ${q(matchCteName(index))} AS ${alias} ON ${alias}.${q(ROW_ID_COLUMN)} = ${entityColumn(dialect, ROW_ID_COLUMN)}`;
}
