/**
 * Entity tables in DuckDB. Files and SQL go straight from DuckDB's readers into a temp table
 * (millions of rows never pass through JS); JS rows go through the appender, not INSERTs.
 * The plan reads the entity table through a view adding the row ordinal (rowid: insertion order)
 * and the entity timestamp normalized to UTC.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import type { EntityColumn } from "../build-plan";
import { duckdbTypeToDtype } from "../dtype-mapping";
import type { EntityInput } from "../entity-input";
import { entityRowColumns } from "../entity-rows";
import { ENTITY_TIMESTAMP_INPUT, ENTITY_TS_COLUMN, ROW_ID_COLUMN } from "../sql/plan";
import { asPantryError } from "./database";
import { duckTypeFor, toDuckValue } from "./values";

export const ENTITY_VIEW = "__pantry_entity";
const ENTITY_DATA = "__pantry_entity_data";

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** SELECT text (and its parameters) reading a file or SQL entity table. */
function entitySelect(input: EntityInput & { kind: "file" | "sql" }): { sql: string; params: string[] } {
  if (input.kind === "sql") return { sql: `SELECT * FROM (${input.sql}) AS "__pantry_query"`, params: [] };
  const reader = input.format === "parquet" ? "read_parquet($1)" : "read_csv($1, header = true, auto_detect = true)";
  return { sql: `SELECT * FROM ${reader}`, params: [input.path] };
}

export async function describeEntityInput(connection: DuckDBConnection, input: EntityInput): Promise<EntityColumn[]> {
  if (input.kind === "rows") return entityRowColumns(input.rows);
  const select = entitySelect(input);
  try {
    const result = await connection.run(`${select.sql} LIMIT 0`, select.params);
    const names = result.columnNames();
    const types = result.columnTypes();
    return names.map((name, i) => {
      const rawType = types[i]?.toString() ?? "UNKNOWN";
      return { name, rawType, dtype: duckdbTypeToDtype(rawType) };
    });
  } catch (error) {
    throw asPantryError(
      error,
      `cannot read ${input.label}${input.kind === "file" ? ` as ${input.format.toUpperCase()}` : ""}`,
    );
  }
}

/** Loads the entity rows and creates ENTITY_VIEW over them; returns how many rows there are. */
export async function loadEntityTable(
  connection: DuckDBConnection,
  input: EntityInput,
  columns: EntityColumn[],
): Promise<number> {
  try {
    let rows: number;
    if (input.kind === "rows") {
      await appendRows(connection, input.rows, columns);
      rows = input.rows.length;
    } else {
      const select = entitySelect(input);
      await connection.run(`CREATE OR REPLACE TEMP TABLE ${q(ENTITY_DATA)} AS ${select.sql}`, select.params);
      const counted = await connection.runAndReadAll(`SELECT count(*) FROM ${q(ENTITY_DATA)}`);
      rows = Number(counted.getRows()[0]?.[0] ?? 0);
    }
    await connection.run(
      `CREATE OR REPLACE TEMP VIEW ${q(ENTITY_VIEW)} AS SELECT *, rowid AS ${q(ROW_ID_COLUMN)}, ` +
        `CAST(${q(ENTITY_TIMESTAMP_INPUT)} AS TIMESTAMPTZ) AS ${q(ENTITY_TS_COLUMN)} FROM ${q(ENTITY_DATA)}`,
    );
    return rows;
  } catch (error) {
    throw asPantryError(error, `cannot load ${input.label}`);
  }
}

async function appendRows(
  connection: DuckDBConnection,
  rows: Record<string, unknown>[],
  columns: EntityColumn[],
): Promise<void> {
  const dtypes = columns.map((column) => column.dtype ?? "String");
  const definition = columns.map((column, i) => `${q(column.name)} ${duckTypeFor(dtypes[i] ?? "String").toString()}`);
  await connection.run(`CREATE OR REPLACE TEMP TABLE ${q(ENTITY_DATA)} (${definition.join(", ")})`);
  const appender = await connection.createAppender(ENTITY_DATA, "main", "temp");
  try {
    for (const row of rows) {
      columns.forEach((column, i) => {
        const dtype = dtypes[i] ?? "String";
        appender.appendValue(toDuckValue(row[column.name], dtype), duckTypeFor(dtype));
      });
      appender.endRow();
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
}
