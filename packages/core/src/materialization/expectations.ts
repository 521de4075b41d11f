/**
 * Expectations (`validation` on a view's fields) checked on the source rows a run is about to read
 * (every row with start <= event time <= end, not only the latest per key), before anything is
 * written. One DuckDB query counts the violations of every rule of a view; a failed rule then
 * fetches up to SAMPLE_ROWS offending rows (join keys, event time, the value) for the message.
 */
import type { DataSourceSpec, FieldValidation } from "../definitions/types";
import { describeRules } from "../definitions/validation";
import { PantryError } from "../errors";
import type { OfflineStore } from "../offline/types";
import { quoteIdent, statisticsKind, windowFilter } from "../statistics/profile";
import { sourceColumnOf } from "../statistics/statistics";
import type { MaterializationTarget } from "./targets";
import type { ViewWindow } from "./windows";

export const SAMPLE_ROWS = 5;

export interface ExpectationFailure {
  view: string;
  feature: string;
  /** The rule as written: "notNull", "min 0", "maxNullRatio 0.05", ... */
  rule: string;
  /** Offending rows (null ratio rules: rows counted), and the rows checked. */
  violations: number;
  rows: number;
  sample: Record<string, unknown>[];
  message: string;
}

interface RuleCheck {
  feature: string;
  rule: string;
  /** SQL predicate over the row that marks it as offending; null for the null-ratio rule. */
  predicate: string | null;
  maxNullRatio?: number;
  column: string;
}

export function hasExpectations(target: MaterializationTarget): boolean {
  return target.view.schema.some((field) => field.validation && Object.keys(field.validation).length > 0);
}

/** Every failed rule of the target's fields over its window (empty: all passed). */
export async function checkExpectations(
  store: Pick<OfflineStore, "querySource">,
  target: MaterializationTarget,
  window: Pick<ViewWindow, "start" | "end">,
): Promise<ExpectationFailure[]> {
  if (!hasExpectations(target)) return [];
  const { view, source } = target;
  if (!store.querySource) {
    throw new PantryError(
      "FAILED_PRECONDITION",
      `feature view '${view.name}' has expectations (validation), which are checked by DuckDB over file sources; source '${source.name}' is read by an offline store that cannot check them`,
      { view: view.name },
    );
  }
  const checks = view.schema.flatMap((field) =>
    field.validation ? rulesOf(field.name, field.dtype, sourceColumnOf(source, field.name), field.validation) : [],
  );
  const timestamp = sourceColumnOf(source, source.timestampField);
  const counts = await store.querySource(source, (from, param) => {
    const filter = windowFilter(timestamp, window.start, window.end, param);
    const columns = checks.map((check, i) =>
      check.predicate
        ? `count(*) FILTER (WHERE ${check.predicate}) AS c${i}`
        : `count(*) FILTER (WHERE ${quoteIdent(check.column)} IS NULL) AS c${i}`,
    );
    return `SELECT count(*) AS n, ${columns.join(", ")} FROM ${from} AS s ${filter}`;
  });
  const row = counts[0] ?? {};
  const rows = Number(row.n ?? 0);
  const failures: ExpectationFailure[] = [];
  for (const [i, check] of checks.entries()) {
    const violations = Number(row[`c${i}`] ?? 0);
    const failed =
      check.predicate === null ? rows > 0 && violations / rows > (check.maxNullRatio ?? 1) : violations > 0;
    if (!failed) continue;
    const sample = await sampleRows(store, source, target, timestamp, window, check);
    failures.push({
      view: view.name,
      feature: check.feature,
      rule: check.rule,
      violations,
      rows,
      sample,
      message: describeFailure(view.name, check, violations, rows, sample),
    });
  }
  return failures;
}

function rulesOf(feature: string, dtype: string, column: string, validation: FieldValidation): RuleCheck[] {
  const v = quoteIdent(column);
  const rules = describeRules(validation);
  const rule = (prefix: string) => rules.find((r) => r === prefix || r.startsWith(`${prefix} `)) ?? prefix;
  const checks: RuleCheck[] = [];
  const numeric = statisticsKind(dtype) === "numeric";
  if (validation.notNull) checks.push({ feature, column, rule: "notNull", predicate: `${v} IS NULL` });
  if (validation.min !== undefined) {
    checks.push({ feature, column, rule: rule("min"), predicate: `CAST(${v} AS DOUBLE) < ${literal(validation.min)}` });
  }
  if (validation.max !== undefined) {
    checks.push({ feature, column, rule: rule("max"), predicate: `CAST(${v} AS DOUBLE) > ${literal(validation.max)}` });
  }
  if (validation.allowed) {
    const values = validation.allowed.map((value) => (numeric ? literal(Number(value)) : literal(String(value))));
    const subject = numeric ? `CAST(${v} AS DOUBLE)` : `CAST(${v} AS VARCHAR)`;
    checks.push({
      feature,
      column,
      rule: rule("allowed"),
      predicate: `${v} IS NOT NULL AND ${subject} NOT IN (${values.join(", ")})`,
    });
  }
  if (validation.maxNullRatio !== undefined) {
    checks.push({
      feature,
      column,
      rule: rule("maxNullRatio"),
      predicate: null,
      maxNullRatio: validation.maxNullRatio,
    });
  }
  return checks;
}

/** Rules hold only finite numbers and bounded strings (definitions/validation.ts); quoted here. */
function literal(value: number | string): string {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new PantryError("INVALID_ARGUMENT", `validation value ${value} is not finite`);
    return `CAST(${JSON.stringify(value)} AS DOUBLE)`;
  }
  return `'${value.replaceAll("'", "''")}'`;
}

async function sampleRows(
  store: Pick<OfflineStore, "querySource">,
  source: DataSourceSpec,
  target: MaterializationTarget,
  timestamp: string,
  window: Pick<ViewWindow, "start" | "end">,
  check: RuleCheck,
): Promise<Record<string, unknown>[]> {
  const keys = target.joinKeys.map((k) => sourceColumnOf(source, k.name));
  const columns = [...new Set([...keys, timestamp, check.column])];
  const predicate = check.predicate ?? `${quoteIdent(check.column)} IS NULL`;
  const rows = await store.querySource?.(source, (from, param) => {
    const filter = windowFilter(timestamp, window.start, window.end, param);
    const where = filter ? `${filter} AND (${predicate})` : `WHERE ${predicate}`;
    return `SELECT ${columns.map(quoteIdent).join(", ")} FROM ${from} AS s ${where} LIMIT ${SAMPLE_ROWS}`;
  });
  return (rows ?? []).map((row) =>
    Object.fromEntries(Object.entries(row).map(([k, value]) => [source.fieldMapping[k] ?? k, value])),
  );
}

function describeFailure(
  view: string,
  check: RuleCheck,
  violations: number,
  rows: number,
  sample: Record<string, unknown>[],
): string {
  const what =
    check.predicate === null
      ? `${((violations / rows) * 100).toFixed(1)}% of ${rows.toLocaleString("en-US")} rows are null`
      : `${violations.toLocaleString("en-US")} of ${rows.toLocaleString("en-US")} rows break it`;
  const shown = sample.map((row) => JSON.stringify(row, (_k, v) => (v instanceof Date ? v.toISOString() : v)));
  return `feature '${view}:${check.feature}' fails expectation '${check.rule}': ${what}; for example ${shown.join(", ")}`;
}
