/**
 * DuckDB's ASOF LEFT JOIN on the event timestamp alone: per view, the latest source row at or
 * before the entity timestamp, in one sort-merge over an 8-byte key.
 *
 * Ties on event_ts must go to the highest created_ts, which ASOF cannot see. Putting
 * (event_ts, created_ts) into the ASOF key as a struct or HUGEINT was measured at 1.5-1.9x the
 * plain join, so ties are repaired afterwards: a hash join looks for a source row with the same
 * keys and event_ts but a higher created_ts, and its features replace the ASOF pick.
 *
 * The repair costs a probe of every source row; most sources have no ties at all. Run in stages
 * (renderAsofStages), the ASOF result lands in a temp table, a cheap probe (no features carried,
 * no grouping) asks per view whether any matched row has a tie, and the repair is rendered only
 * for the views that do. renderAsofQuery is the same join as one statement (display, golden SQL).
 * The ttl is checked on the matched row's event_ts: if the latest row is older than the ttl, every
 * other candidate is older too, so NULL is the exact answer.
 */
import { type Dialect, ParameterList, type PitStages, type RenderedSql } from "./dialect";
import { ENTITY_TS_COLUMN, type PitPlan, ROW_ID_COLUMN, type ViewJoin } from "./plan";
import {
  ENTITY_ALIAS,
  entityColumn,
  entityKey,
  keyEquality,
  renderEntityOutputs,
  renderFinalSelect,
  viewAlias,
} from "./render-common";
import { renderSourceCte, SOURCE_CREATED, SOURCE_TS, sourceFeatureColumn, sourceKeyColumn } from "./render-source";

const ASOF_CTE = "__pantry_asof";
const LOWEST = "CAST('-infinity' AS TIMESTAMPTZ)";

const matchedTs = (i: number) => `__pantry_m${i}`;
const matchedCreated = (i: number) => `__pantry_c${i}`;
const matchedFeature = (i: number, f: number) => `__pantry_f${i}_${f}`;
const fixCte = (i: number) => `__pantry_fix${i}`;
const BEST = "__pantry_best";

/** The whole join as one statement; the ASOF result is a materialized CTE read by the repairs. */
export function renderAsofQuery(plan: PitPlan, dialect: Dialect, param: (value: unknown) => string): string {
  const q = (name: string) => dialect.quoteIdentifier(name);
  // Sources stay inline subqueries: as CTEs next to the materialized one, DuckDB copied all 10M
  // source rows before joining (measured 3.4x). The ASOF result is materialized only when a tie
  // repair reads it too, so that the ASOF join runs once.
  const repairs = plan.joins.map((join) => join.createdTimestampColumn !== null);
  const asof = `${q(ASOF_CTE)} AS ${repairs.some(Boolean) ? "MATERIALIZED " : ""}(\n${renderAsofJoins(plan, dialect, param)}\n)`;
  return renderResult(plan, dialect, param, repairs, asof);
}

/**
 * Entity frames up to this many rows read each source only for the entity's keys (a semi-join
 * before the ASOF join): a 10-row frame then sorts a few hundred source rows, not all of them
 * (measured 135 ms -> 80 ms on the example repo). Above it, the filter's hash probe of every
 * source row costs more than it saves.
 */
export const KEYED_READ_MAX_ENTITY_ROWS = 100_000;

export function renderAsofStages(plan: PitPlan, dialect: Dialect): PitStages {
  const q = (name: string) => dialect.quoteIdentifier(name);
  const rendered = (render: (param: (value: unknown) => string) => string): RenderedSql => {
    const params = new ParameterList(dialect);
    const sql = render(params.add);
    return { sql, params: params.values };
  };
  const probed = plan.joins.some((join) => join.createdTimestampColumn !== null);
  return {
    materialize: rendered(
      (param) => `CREATE OR REPLACE TEMP TABLE ${q(ASOF_CTE)} AS\n${renderAsofJoins(plan, dialect, param)}`,
    ),
    materializeKeyed: {
      maxEntityRows: KEYED_READ_MAX_ENTITY_ROWS,
      ...rendered(
        (param) =>
          `CREATE OR REPLACE TEMP TABLE ${q(ASOF_CTE)} AS\n${renderAsofJoins(plan, dialect, param, { keyedReads: true })}`,
      ),
    },
    tieProbe: probed
      ? rendered(
          (param) =>
            `SELECT ${plan.joins
              .map(
                (join, i) =>
                  `${join.createdTimestampColumn === null ? "false" : `EXISTS (\n${renderTieProbe(join, i, dialect, param)}\n)`} AS ${q(`t${i}`)}`,
              )
              .join(",\n  ")}`,
        )
      : null,
    result: (ties) =>
      rendered((param) =>
        renderResult(
          plan,
          dialect,
          param,
          plan.joins.map((join, i) => join.createdTimestampColumn !== null && ties[i] === true),
          null,
        ),
      ),
    cleanup: `DROP TABLE IF EXISTS ${q(ASOF_CTE)}`,
  };
}

/** The output rows from the ASOF result (a CTE given as `asofCte`, or the temp table), in input order. */
function renderResult(
  plan: PitPlan,
  dialect: Dialect,
  param: (value: unknown) => string,
  repairs: readonly boolean[],
  asofCte: string | null,
): string {
  const q = (name: string) => dialect.quoteIdentifier(name);
  // Text in order: the ASOF CTE's parameters come first.
  const ctes = asofCte === null ? [] : [asofCte];
  plan.joins.forEach((join, i) => {
    if (repairs[i]) ctes.push(`${q(fixCte(i))} AS (\n${renderTieRepair(join, i, dialect, param)}\n)`);
  });
  const select = renderEntityOutputs(plan, dialect);
  const from = [`FROM ${q(ASOF_CTE)} AS ${q(ENTITY_ALIAS)}`];
  plan.joins.forEach((join, i) => {
    select.push(...renderFeatureOutputs(join, i, dialect, param, repairs[i] === true));
    if (repairs[i]) {
      from.push(
        `LEFT JOIN ${q(fixCte(i))} ON ${q(fixCte(i))}.${q(ROW_ID_COLUMN)} = ${entityColumn(dialect, ROW_ID_COLUMN)}`,
      );
    }
  });
  return renderFinalSelect({ ctes, select, from }, dialect);
}

/**
 * The entity table with, per view, the matched row's event_ts, created_ts and features.
 * `keyedReads`: each source keeps only the rows whose keys appear in the entity table.
 */
function renderAsofJoins(
  plan: PitPlan,
  dialect: Dialect,
  param: (value: unknown) => string,
  options: { keyedReads?: boolean } = {},
): string {
  const q = (name: string) => dialect.quoteIdentifier(name);
  const columns = [`${q(ENTITY_ALIAS)}.*`];
  const joins: string[] = [];
  plan.joins.forEach((join, i) => {
    const alias = q(viewAlias(i));
    columns.push(`${alias}.${q(SOURCE_TS)} AS ${q(matchedTs(i))}`);
    columns.push(`COALESCE(${alias}.${q(SOURCE_CREATED)}, ${LOWEST}) AS ${q(matchedCreated(i))}`);
    for (let f = 0; f < join.features.length; f++) {
      columns.push(`${alias}.${q(sourceFeatureColumn(f))} AS ${q(matchedFeature(i, f))}`);
    }
    const conditions = [
      ...keyEquality(join, dialect, viewAlias(i)),
      `${entityColumn(dialect, ENTITY_TS_COLUMN)} >= ${alias}.${q(SOURCE_TS)}`,
    ];
    const source = renderSourceCte(join, dialect, param, { keepNullTimestamps: true });
    joins.push(
      `  ASOF LEFT JOIN (\n${options.keyedReads ? renderKeyedRead(plan, join, source, dialect) : source}\n  ) AS ${alias} ON ${conditions.join(" AND ")}`,
    );
  });
  return [`  SELECT ${columns.join(", ")}`, `  FROM ${q(plan.entity.table)} AS ${q(ENTITY_ALIAS)}`, ...joins].join(
    "\n",
  );
}

/** The source rows whose keys some entity row has (the entity table is aliased as in the outer join). */
function renderKeyedRead(plan: PitPlan, join: ViewJoin, source: string, dialect: Dialect): string {
  const q = (name: string) => dialect.quoteIdentifier(name);
  const keyed = "__pantry_keyed";
  const equal = join.keys.map((_, k) => `${entityKey(join, k, dialect)} = ${q(keyed)}.${q(sourceKeyColumn(k))}`);
  return [
    `  SELECT * FROM (\n${source}\n  ) AS ${q(keyed)}`,
    `  WHERE EXISTS (SELECT 1 FROM ${q(plan.entity.table)} AS ${q(ENTITY_ALIAS)} WHERE ${equal.join(" AND ")})`,
  ].join("\n");
}

/**
 * Whether any matched row of view `index` has a tie to repair: an equality join on the keys and
 * event_ts, nothing carried, stopping at the first hit. Measured 0.17 s for 1M x 10M rows, against
 * 0.45 s for the repair itself.
 */
function renderTieProbe(join: ViewJoin, index: number, dialect: Dialect, param: (value: unknown) => string): string {
  const q = (name: string) => dialect.quoteIdentifier(name);
  const alias = viewAlias(index);
  const conditions = [
    ...keyEquality(join, dialect, alias),
    `${q(alias)}.${q(SOURCE_TS)} = ${entityColumn(dialect, matchedTs(index))}`,
    `COALESCE(${q(alias)}.${q(SOURCE_CREATED)}, ${LOWEST}) > ${entityColumn(dialect, matchedCreated(index))}`,
  ];
  return [
    `  SELECT 1 FROM ${q(ASOF_CTE)} AS ${q(ENTITY_ALIAS)}`,
    `  JOIN (\n${renderSourceCte(join, dialect, param, { keepNullTimestamps: true })}\n  ) AS ${q(alias)} ON ${conditions.join(" AND ")}`,
    `  WHERE ${entityColumn(dialect, matchedTs(index))} IS NOT NULL`,
  ].join("\n");
}

/** Entity rows whose matched event_ts has a sibling row with a higher created_ts: that row's features. */
function renderTieRepair(join: ViewJoin, index: number, dialect: Dialect, param: (value: unknown) => string): string {
  const q = (name: string) => dialect.quoteIdentifier(name);
  const alias = viewAlias(index);
  const created = `COALESCE(${q(alias)}.${q(SOURCE_CREATED)}, ${LOWEST})`;
  const payload = join.features.map(
    (_, f) => `${q(sourceFeatureColumn(f))} := ${q(alias)}.${q(sourceFeatureColumn(f))}`,
  );
  const conditions = [
    ...keyEquality(join, dialect, alias),
    `${q(alias)}.${q(SOURCE_TS)} = ${entityColumn(dialect, matchedTs(index))}`,
    `${created} > ${entityColumn(dialect, matchedCreated(index))}`,
  ];
  return [
    `  SELECT ${entityColumn(dialect, ROW_ID_COLUMN)} AS ${q(ROW_ID_COLUMN)}, arg_max(struct_pack(${payload.join(", ")}), ${created}) AS ${q(BEST)}`,
    `  FROM ${q(ASOF_CTE)} AS ${q(ENTITY_ALIAS)}`,
    `  JOIN (\n${renderSourceCte(join, dialect, param, { keepNullTimestamps: true })}\n  ) AS ${q(alias)} ON ${conditions.join(" AND ")}`,
    // Only matched rows can have a tie. Saying so also lowers DuckDB's estimate for this side, so
    // the hash table is built over the entity rows, not over every source row (measured 4x).
    `  WHERE ${entityColumn(dialect, matchedTs(index))} IS NOT NULL`,
    `  GROUP BY ${entityColumn(dialect, ROW_ID_COLUMN)}`,
  ].join("\n");
}

function renderFeatureOutputs(
  join: ViewJoin,
  index: number,
  dialect: Dialect,
  param: (value: unknown) => string,
  repaired: boolean,
): string[] {
  const q = (name: string) => dialect.quoteIdentifier(name);
  const guard =
    join.ttlSeconds > 0
      ? `${entityColumn(dialect, matchedTs(index))} >= ${dialect.subtractSeconds(entityColumn(dialect, ENTITY_TS_COLUMN), param(join.ttlSeconds))}`
      : null;
  return join.features.map((feature, f) => {
    const matched = entityColumn(dialect, matchedFeature(index, f));
    const value = !repaired
      ? matched
      : `CASE WHEN ${q(fixCte(index))}.${q(ROW_ID_COLUMN)} IS NULL THEN ${matched} ELSE struct_extract(${q(fixCte(index))}.${q(BEST)}, '${sourceFeatureColumn(f)}') END`;
    return `${guard ? `CASE WHEN ${guard} THEN ${value} END` : value} AS ${q(feature.outputName)}`;
  });
}
