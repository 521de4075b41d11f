/**
 * Join results leave PostgreSQL through a cursor, batch by batch, into a DuckDB temp table; DuckDB
 * then writes Parquet/CSV or hands back rows, so both stores produce the same files and values.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import type pg from "pg";
import type { Dtype } from "../../definitions/types";
import { duckTypeFor, toDuckValue } from "../duckdb/values";
import type { RenderedSql } from "../sql/dialect";
import { cursorRows } from "./pg-client";
import { dtypeOfOid } from "./pg-types";

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

export async function landQueryInDuckDB(
  client: pg.Client,
  query: RenderedSql,
  duck: DuckDBConnection,
  table: string,
  onRows?: (rows: number) => void,
): Promise<number> {
  let dtypes: Dtype[] | null = null;
  let landed = 0;
  for await (const batch of cursorRows(client, query.sql, query.params)) {
    if (dtypes === null) dtypes = await createLandingTable(duck, table, batch.fields);
    await appendBatch(duck, table, batch.fields, dtypes, batch.rows);
    landed += batch.rows.length;
    onRows?.(landed);
  }
  return landed;
}

async function createLandingTable(duck: DuckDBConnection, table: string, fields: pg.FieldDef[]): Promise<Dtype[]> {
  const dtypes = fields.map((field) => dtypeOfOid(field.dataTypeID) ?? "String");
  const columns = fields.map((field, i) => `${q(field.name)} ${duckTypeFor(dtypes[i] ?? "String").toString()}`);
  await duck.run(`CREATE OR REPLACE TEMP TABLE ${q(table)} (${columns.join(", ")})`);
  return dtypes;
}

async function appendBatch(
  duck: DuckDBConnection,
  table: string,
  fields: pg.FieldDef[],
  dtypes: Dtype[],
  rows: Record<string, unknown>[],
): Promise<void> {
  const types = dtypes.map(duckTypeFor);
  const appender = await duck.createAppender(table, "main", "temp");
  try {
    for (const row of rows) {
      fields.forEach((field, i) => {
        const dtype = dtypes[i] ?? "String";
        appender.appendValue(toDuckValue(row[field.name], dtype), types[i]);
      });
      appender.endRow();
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
}
