/**
 * Renders a PitPlan for a dialect. The rules (docs/DOMAIN.md) hold for every strategy: same join keys;
 * event_ts <= entity_ts; event_ts >= entity_ts - ttl when ttl > 0; latest event_ts, then highest
 * created_ts; optional created_ts <= entity_ts; unmatched rows kept with NULLs; one output row per
 * input row, in input order (by the row ordinal, never by key values). Strategies differ only in
 * how the latest row is found: ASOF (DuckDB), a sorted sweep (portable), a ranked range join
 * (filterByCreatedTimestamp).
 */
import { type Dialect, type JoinStrategy, ParameterList, type PitStages, type RenderedSql } from "./dialect";
import { ENTITY_TS_COLUMN, type PitPlan, ROW_ID_COLUMN, type ViewJoin } from "./plan";
import {
  ENTITY_ALIAS,
  entityColumn,
  matchCteName,
  renderEntityOutputs,
  renderFinalSelect,
  sourceCteName,
  viewAlias,
} from "./render-common";
import { renderSourceCte, SOURCE_TS, sourceFeatureColumn } from "./render-source";
import { renderAsofQuery, renderAsofStages } from "./strategy-asof";
import { renderRangeMatch } from "./strategy-range";
import { renderSweepMatch } from "./strategy-sweep";

type Strategy = JoinStrategy | "range";

export function renderPointInTimeJoin(plan: PitPlan, dialect: Dialect): RenderedSql {
  const strategy: Strategy = plan.filterByCreatedTimestamp ? "range" : dialect.strategy;
  const params = new ParameterList(dialect);
  if (strategy === "asof") return { sql: renderAsofQuery(plan, dialect, params.add), params: params.values };
  const q = (name: string) => dialect.quoteIdentifier(name);
  // Text is emitted in order: `?` dialects bind parameters by position.
  const ctes = plan.joins.map(
    (join, i) => `${q(sourceCteName(i))} AS (\n${renderSourceCte(join, dialect, params.add)}\n)`,
  );
  plan.joins.forEach((join, i) => {
    if (strategy === "range")
      ctes.push(`${q(matchCteName(i))} AS (\n${renderRangeMatch(plan, join, i, dialect, params.add)}\n)`);
    if (strategy === "sweep") ctes.push(`${q(matchCteName(i))} AS (\n${renderSweepMatch(plan, join, i, dialect)}\n)`);
  });
  const select = renderSelectList(plan, dialect, strategy, params.add);
  const from = [`FROM ${q(plan.entity.table)} AS ${q(ENTITY_ALIAS)}`];
  plan.joins.forEach((_, i) => {
    from.push(renderMatchJoin(i, dialect));
  });
  return { sql: renderFinalSelect({ ctes, select, from }, dialect), params: params.values };
}

/**
 * The join as statements to run in order on one connection. For ASOF engines: materialize the
 * ASOF result, probe it for created-timestamp ties, then the result with only the repairs needed
 * (strategy-asof.ts). For the others: the one statement of renderPointInTimeJoin.
 */
export function renderPointInTimeStages(plan: PitPlan, dialect: Dialect): PitStages {
  if (!plan.filterByCreatedTimestamp && dialect.strategy === "asof") return renderAsofStages(plan, dialect);
  const single = renderPointInTimeJoin(plan, dialect);
  return { materialize: null, tieProbe: null, result: () => single, cleanup: null };
}

function renderSelectList(
  plan: PitPlan,
  dialect: Dialect,
  strategy: Strategy,
  param: (value: unknown) => string,
): string[] {
  const q = (name: string) => dialect.quoteIdentifier(name);
  const list = renderEntityOutputs(plan, dialect);
  plan.joins.forEach((join, i) => {
    const alias = q(viewAlias(i));
    const guard = strategy === "range" ? null : latestRowGuard(join, alias, dialect, param);
    join.features.forEach((feature, f) => {
      const value = `${alias}.${q(sourceFeatureColumn(f))}`;
      list.push(`${guard ? `CASE WHEN ${guard} THEN ${value} END` : value} AS ${q(feature.outputName)}`);
    });
  });
  return list;
}

/**
 * What "latest row at or before entity_ts" (the sweep) leaves to check. The ttl: if the latest
 * row is older than the ttl every other candidate is older too, so NULLing it out is the exact
 * answer. A missing entity timestamp: it still sorts somewhere, so its match is dropped here.
 */
function latestRowGuard(
  join: ViewJoin,
  alias: string,
  dialect: Dialect,
  param: (value: unknown) => string,
): string | null {
  const entityTs = entityColumn(dialect, ENTITY_TS_COLUMN);
  if (join.ttlSeconds > 0) {
    return `${alias}.${dialect.quoteIdentifier(SOURCE_TS)} >= ${dialect.subtractSeconds(entityTs, param(join.ttlSeconds))}`;
  }
  return `${entityTs} IS NOT NULL`;
}

function renderMatchJoin(index: number, dialect: Dialect): string {
  const q = (name: string) => dialect.quoteIdentifier(name);
  const alias = q(viewAlias(index));
  return `LEFT JOIN ${q(matchCteName(index))} AS ${alias} ON ${alias}.${q(ROW_ID_COLUMN)} = ${entityColumn(dialect, ROW_ID_COLUMN)}`;
}
