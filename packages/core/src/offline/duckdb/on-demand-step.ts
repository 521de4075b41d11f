/**
 * On-demand views over a joined result held in a DuckDB temp table (both stores end there).
 * Only what the transformations read leaves DuckDB, a batch of rows at a time (JS never holds
 * the table); only what they compute comes back, through an appender. Everything else stays in
 * DuckDB, exact (microsecond timestamps, wide integers), and the output is one SELECT joining
 * the two tables by row position.
 */
import type { DuckDBAppender, DuckDBConnection } from "@duckdb/node-api";
import { castOutput, runTransformation } from "../../transforms/on-demand";
import type { OnDemandStep, StepView } from "../on-demand-plan";
import type { RenderedSql } from "../sql/dialect";
import { duckdbDialect } from "../sql/dialects/duckdb";
import type { RetrievalProgress } from "../types";
import { asPantryError, duckParams } from "./database";
import { duckTypeFor, toDuckValue, toPlainValue } from "./values";

const COMPUTED_TABLE = "__pantry_on_demand";
const POSITION_COLUMN = "__pantry_position";
/** Rows per batch: bounds the JS memory of the step whatever the table's size. */
const BATCH_ROWS = 16_384;

const q = duckdbDialect.quoteIdentifier;

/**
 * Runs the step over `table` (its rowid is the output order) and returns the output query.
 * A transformation that throws, or returns a value of the wrong type, stops it with an error
 * naming the view and the row.
 */
export async function runOnDemandStep(
  connection: DuckDBConnection,
  table: string,
  step: OnDemandStep,
  onProgress?: (progress: RetrievalProgress) => void,
): Promise<RenderedSql> {
  const { rows, lastRowId } = await tableExtent(connection, table);
  await createComputedTable(connection, step);
  const appender = await connection.createAppender(COMPUTED_TABLE, "main", "temp");
  let done = 0;
  try {
    onProgress?.({ phase: "transforming", fraction: 0, rows: 0 });
    // A streamed read cannot stay open while the appender flushes on the same connection (DuckDB
    // silently ends the stream), so batches are read whole, by rowid range (a pushed-down filter).
    for (let start = 0; start <= lastRowId; start += BATCH_ROWS) {
      const batch = await readBatch(connection, table, step, start);
      appendBatch(appender, step, batch);
      appender.flushSync();
      done += batch.rowIds.length;
      onProgress?.({ phase: "transforming", fraction: rows === 0 ? 1 : done / rows, rows: done });
    }
  } catch (error) {
    closeQuietly(appender);
    throw error;
  }
  appender.closeSync();
  return outputQuery(table, step);
}

async function tableExtent(connection: DuckDBConnection, table: string): Promise<{ rows: number; lastRowId: number }> {
  const reader = await connection.runAndReadAll(`SELECT count(*), coalesce(max(rowid), -1) FROM ${q(table)}`);
  const [rows, last] = reader.getRows()[0] ?? [0, -1];
  return { rows: Number(rows), lastRowId: Number(last) };
}

async function createComputedTable(connection: DuckDBConnection, step: OnDemandStep): Promise<void> {
  const columns = step.computed.map((c) => `${q(c.name)} ${duckTypeFor(c.dtype).toString()}`);
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE ${q(COMPUTED_TABLE)} (${[`${q(POSITION_COLUMN)} BIGINT`, ...columns].join(", ")})`,
  );
}

interface Batch {
  rowIds: number[];
  /** One column of plain JS values per step read. */
  columns: unknown[][];
}

async function readBatch(
  connection: DuckDBConnection,
  table: string,
  step: OnDemandStep,
  start: number,
): Promise<Batch> {
  const list = step.reads.map((read) =>
    read.castTo === null ? q(read.column) : `CAST(${q(read.column)} AS ${duckTypeFor(read.castTo).toString()})`,
  );
  const sql = `SELECT rowid, ${list.join(", ")} FROM ${q(table)} WHERE rowid >= $1 AND rowid < $2 ORDER BY rowid`;
  try {
    const reader = await connection.runAndReadAll(sql, duckParams([start, start + BATCH_ROWS]));
    const [rowIds = [], ...columns] = reader.getColumnsJS();
    return { rowIds: rowIds.map(Number), columns: columns.map((column) => column.map(toPlainValue)) };
  } catch (error) {
    // The casts of request fields are what user data can break (text where a number is declared).
    const fields = step.reads
      .filter((read) => read.castTo !== null)
      .map((read) => `'${read.column}' as ${read.castTo}`);
    const doing = fields.length
      ? `cannot read the request fields ${fields.join(", ")} from ${step.entityLabel} for the on-demand feature views`
      : "cannot read the inputs of the on-demand feature views";
    throw asPantryError(error, doing);
  }
}

/** Computes every view on every row of the batch; a row is appended only once all its values are. */
function appendBatch(appender: DuckDBAppender, step: OnDemandStep, batch: Batch): void {
  const values = new Array<unknown>(step.computed.length);
  batch.rowIds.forEach((rowId, i) => {
    const where = `row ${rowId + 1} of ${step.entityLabel}`;
    for (const view of step.views) computeView(view, batch, i, where, values);
    appender.appendBigInt(BigInt(rowId));
    step.computed.forEach((column, c) => {
      appender.appendValue(toDuckValue(values[c], column.dtype), duckTypeFor(column.dtype));
    });
    appender.endRow();
  });
}

/** Writes the view's outputs for row i into their slots of `values`. */
function computeView(view: StepView, batch: Batch, i: number, where: string, values: unknown[]): void {
  const row: Record<string, unknown> = {};
  for (const { key, read } of view.rowKeys) row[key] = batch.columns[read]?.[i] ?? null;
  const out = runTransformation(view.name, view.transform, row, where);
  for (const { field, slot } of view.outputs) values[slot] = castOutput(view.name, field, out?.[field.name], where);
}

/** The output: joined columns and computed ones, in the order asked for, rows in table order. */
function outputQuery(table: string, step: OnDemandStep): RenderedSql {
  const list = step.output.map((column) => `${column.computed ? '"o"' : '"j"'}.${q(column.name)}`);
  const sql =
    `SELECT ${list.join(", ")}\nFROM ${q(table)} AS "j"\n` +
    `LEFT JOIN ${q(COMPUTED_TABLE)} AS "o" ON "o".${q(POSITION_COLUMN)} = "j".rowid\nORDER BY "j".rowid`;
  return { sql, params: [] };
}

function closeQuietly(appender: DuckDBAppender): void {
  try {
    appender.closeSync();
  } catch {
    // Already failing: the error that got us here is the one to report.
  }
}

/** SQL comments saying what runs after the join, for --explain. */
export function describeOnDemandStep(step: OnDemandStep): string {
  const lines = ["-- then, per row of the result above, in TypeScript:"];
  for (const view of step.views) {
    const reads = [...new Set(view.rowKeys.map(({ read }) => step.reads[read]?.column ?? "?"))];
    const outputs = view.outputs.map((o) => o.column);
    lines.push(
      `--   on-demand feature view '${view.name}': ${reads.join(", ") || "(no inputs)"} -> ${outputs.join(", ")}`,
    );
  }
  lines.push(`-- output columns: ${step.output.map((c) => c.name).join(", ")}`);
  return lines.join("\n");
}
