/**
 * Moving rows between PostgreSQL and DuckDB as newline-delimited JSON: each engine writes and
 * parses JSON in C/C++, and JS only passes one string per row (per-value conversions through the
 * JS drivers cost ~15 µs each, minutes for a large table). Timestamps travel as text, exactly.
 */
import { createReadStream, mkdtempSync, rmSync, writeFileSync, appendFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { DuckDBConnection } from "@duckdb/node-api";
import { duckdb } from "../duckdb/api";
import type pg from "pg";
import type { Dtype } from "../../definitions/types";
import { duckTypeFor } from "../duckdb/values";
import type { RenderedSql } from "../sql/dialect";
import { postgresDialect } from "../sql/dialects/postgres";
import { cursorRows, queryOne } from "./pg-client";
import { dtypeOfOid } from "./pg-types";

const q = postgresDialect.quoteIdentifier;
const UPLOAD_CHUNK = 50_000;

async function withTempFile<T>(name: string, use: (path: string) => Promise<T>): Promise<T> {
  const folder = mkdtempSync(join(tmpdir(), "pantry-transfer-"));
  try {
    return await use(join(folder, name));
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** Runs `select` in DuckDB and inserts its rows, in order, into the existing PostgreSQL `table`. */
export async function copyDuckSelectToPostgres(
  duck: DuckDBConnection,
  select: { sql: string; params: string[] },
  client: pg.Client,
  table: string,
): Promise<number> {
  return withTempFile("rows.ndjson", async (path) => {
    const next = `$${select.params.length + 1}`;
    await duck.run(`COPY (${select.sql}) TO ${next} (FORMAT json)`, [...select.params, path]);
    let rows = 0;
    let chunk: string[] = [];
    const flush = async () => {
      if (chunk.length === 0) return;
      await client.query(`INSERT INTO ${q(table)} SELECT * FROM json_populate_recordset(NULL::${q(table)}, $1::json)`, [
        `[${chunk.join(",")}]`,
      ]);
      rows += chunk.length;
      chunk = [];
    };
    for await (const line of createInterface({
      input: createReadStream(path, "utf8"),
      crlfDelay: Number.POSITIVE_INFINITY,
    })) {
      if (line.length === 0) continue;
      chunk.push(line);
      if (chunk.length >= UPLOAD_CHUNK) await flush();
    }
    await flush();
    return rows;
  });
}

/** DuckDB expression turning the landed JSON value into the column's final type. */
function landedColumn(name: string, dtype: Dtype | null): string {
  const column = `"${name.replace(/"/g, '""')}"`;
  // bytea arrives as '\x0102...' text.
  if (dtype === "Bytes") return `from_hex(substr(${column}, 3)) AS ${column}`;
  return column;
}

function jsonColumnType(dtype: Dtype | null): string {
  if (dtype === null || dtype === "Bytes") return "VARCHAR";
  if (dtype === "Json") return "JSON";
  return duckTypeFor(dtype).toString();
}

/**
 * Runs `query` in PostgreSQL and lands its rows, in order, in the DuckDB temp table `table`,
 * through a cursor (bounded memory) and an NDJSON file. Returns the row count.
 */
export async function landPostgresQueryInDuckDB(
  client: pg.Client,
  query: RenderedSql,
  duck: DuckDBConnection,
  table: string,
  onRows?: (rows: number) => void,
  timeoutMs?: number,
): Promise<number> {
  const described = await queryOne(client, `SELECT * FROM (${query.sql}) AS "__pantry_result" LIMIT 0`, query.params);
  const fields = described.fields.map((field) => ({ name: field.name, dtype: dtypeOfOid(field.dataTypeID) }));
  return withTempFile("result.ndjson", async (path) => {
    writeFileSync(path, "");
    let landed = 0;
    // row_to_json over the ordered join: PostgreSQL keeps a plain projection's input order.
    const rowsAsJson = `SELECT row_to_json("__pantry_result")::text FROM (${query.sql}) AS "__pantry_result"`;
    for await (const batch of cursorRows(client, rowsAsJson, query.params, 10_000, timeoutMs)) {
      if (batch.rows.length === 0) continue;
      appendFileSync(path, `${batch.rows.map((row) => String(Object.values(row)[0])).join("\n")}\n`);
      landed += batch.rows.length;
      onRows?.(landed);
    }
    const columns = duckdb().structValue(Object.fromEntries(fields.map((f) => [f.name, jsonColumnType(f.dtype)])));
    const select = fields.map((f) => landedColumn(f.name, f.dtype)).join(", ");
    await duck.run(
      `CREATE OR REPLACE TEMP TABLE "${table.replace(/"/g, '""')}" AS SELECT ${select} FROM read_json($1, format = 'newline_delimited', columns = $2)`,
      [path, columns],
    );
    return landed;
  });
}
