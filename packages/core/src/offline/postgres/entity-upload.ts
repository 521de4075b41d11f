/**
 * Entity tables in PostgreSQL: rows (or a CSV/Parquet file, read by DuckDB in chunks) are uploaded
 * into a temp table with one INSERT ... SELECT FROM unnest(column arrays) per chunk (one parameter
 * per column, not per value); SQL entity tables are materialized inside PostgreSQL.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import type pg from "pg";
import { isArrayDtype } from "../../definitions/dtype";
import type { Dtype } from "../../definitions/types";
import type { EntityColumn } from "../build-plan";
import { asPantryError, duckParams } from "../duckdb/database";
import type { EntityInput } from "../entity-input";
import { postgresDialect } from "../sql/dialects/postgres";
import { ENTITY_TIMESTAMP_INPUT, ENTITY_TS_COLUMN, ROW_ID_COLUMN } from "../sql/plan";
import { copyDuckSelectToPostgres } from "./json-transfer";
import { pgError } from "./pg-client";
import { dtypeOfOid } from "./pg-types";

export const PG_ENTITY_TABLE = "__pantry_entity";
const ENTITY_DATA = "__pantry_entity_data";
const CHUNK_ROWS = 50_000;
const q = postgresDialect.quoteIdentifier;

/** Column types of an SQL entity table, asked of PostgreSQL without running the query. */
export async function describeSqlEntity(client: pg.Client, sql: string): Promise<EntityColumn[]> {
  try {
    const result = await client.query(`SELECT * FROM (${sql}) AS "__pantry_query" LIMIT 0`);
    return result.fields.map((field) => {
      const dtype = dtypeOfOid(field.dataTypeID);
      return { name: field.name, dtype, rawType: dtype ?? `oid ${field.dataTypeID}` };
    });
  } catch (error) {
    throw pgError(error, "cannot run the entity SQL query");
  }
}

/** Column type in the upload table: arrays and JSON travel as jsonb (unnest cannot take 2-D arrays). */
function uploadType(dtype: Dtype | null): string {
  if (dtype === null || dtype === "Json" || isArrayDtype(dtype)) return "jsonb";
  return postgresDialect.typeName(dtype);
}

function uploadValue(value: unknown, dtype: Dtype | null): unknown {
  if (value === null || value === undefined) return null;
  if (uploadType(dtype) === "jsonb") return JSON.stringify(value, (_, v) => (typeof v === "bigint" ? v.toString() : v));
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Date) return value.toISOString();
  if (dtype === "String" && typeof value !== "string")
    return typeof value === "object" ? JSON.stringify(value) : String(value);
  return value;
}

async function createDataTable(client: pg.Client, columns: EntityColumn[]): Promise<void> {
  const definition = [`${q(ROW_ID_COLUMN)} bigint`, ...columns.map((c) => `${q(c.name)} ${uploadType(c.dtype)}`)];
  await client.query(`CREATE TEMP TABLE ${q(ENTITY_DATA)} (${definition.join(", ")})`);
}

async function insertChunk(
  client: pg.Client,
  columns: EntityColumn[],
  rows: Record<string, unknown>[],
  firstRow: number,
): Promise<void> {
  const arrays: unknown[][] = [
    rows.map((_, i) => firstRow + i),
    ...columns.map((c) => rows.map((row) => uploadValue(row[c.name], c.dtype))),
  ];
  const types = ["bigint", ...columns.map((c) => uploadType(c.dtype))];
  const unnest = types.map((type, i) => `CAST($${i + 1} AS ${type}[])`).join(", ");
  const names = [ROW_ID_COLUMN, ...columns.map((c) => c.name)].map(q).join(", ");
  await client.query(`INSERT INTO ${q(ENTITY_DATA)} (${names}) SELECT * FROM unnest(${unnest})`, arrays);
}

/** Adds the normalized timestamp and gives the planner statistics (temp tables get no autovacuum). */
async function finishEntityTable(client: pg.Client): Promise<void> {
  await client.query(
    `CREATE TEMP TABLE ${q(PG_ENTITY_TABLE)} AS SELECT *, CAST(${q(ENTITY_TIMESTAMP_INPUT)} AS timestamptz) AS ${q(ENTITY_TS_COLUMN)} FROM ${q(ENTITY_DATA)}`,
  );
  await client.query(`ANALYZE ${q(PG_ENTITY_TABLE)}`);
}

export async function uploadEntityTable(
  client: pg.Client,
  input: EntityInput,
  columns: EntityColumn[],
  duck: () => Promise<DuckDBConnection>,
): Promise<void> {
  try {
    if (input.kind === "sql") {
      // row_number() over the unordered subquery numbers rows in the order the query yields them.
      await client.query(
        `CREATE TEMP TABLE ${q(ENTITY_DATA)} AS SELECT "__pantry_query".*, row_number() OVER () - 1 AS ${q(ROW_ID_COLUMN)} FROM (${input.sql}) AS "__pantry_query"`,
      );
    } else {
      await createDataTable(client, columns);
      if (input.kind === "rows") {
        for (let start = 0; start < input.rows.length; start += CHUNK_ROWS) {
          await insertChunk(client, columns, input.rows.slice(start, start + CHUNK_ROWS), start);
        }
      } else {
        await uploadFile(client, input, columns, await duck());
      }
    }
    await finishEntityTable(client);
  } catch (error) {
    throw pgError(error, `cannot upload ${input.label} to PostgreSQL`);
  }
}

/** The file is read by DuckDB and crosses as JSON text: no per-value work in JS. */
async function uploadFile(
  client: pg.Client,
  input: EntityInput & { kind: "file" },
  columns: EntityColumn[],
  duck: DuckDBConnection,
): Promise<void> {
  const reader = input.format === "parquet" ? "read_parquet($1)" : "read_csv($1, header = true, auto_detect = true)";
  try {
    // A table first, so rowid is the file's row order.
    await duck.run(
      `CREATE OR REPLACE TEMP TABLE "__pantry_upload" AS SELECT * FROM ${reader}`,
      duckParams([input.path]),
    );
  } catch (error) {
    throw asPantryError(error, `cannot read ${input.label}`);
  }
  const select = [`rowid AS ${q(ROW_ID_COLUMN)}`, ...columns.map((c) => q(c.name))].join(", ");
  await copyDuckSelectToPostgres(
    duck,
    { sql: `SELECT ${select} FROM "__pantry_upload" ORDER BY rowid`, params: [] },
    client,
    ENTITY_DATA,
  );
  await duck.run(`DROP TABLE "__pantry_upload"`);
}
