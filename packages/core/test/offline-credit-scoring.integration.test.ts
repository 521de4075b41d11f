/** The same Feast oracle with the zipcode table in PostgreSQL and the loan table uploaded from Parquet. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PostgresOfflineStore } from "../src/offline/postgres/postgres-store";
import { CREDIT_SCORING, compareWithFeast, creditScoringAvailable } from "./fixtures/offline/credit-scoring";
import { PG_ADMIN } from "./fixtures/offline/harness";
import { postgresSource } from "./fixtures/offline/specs";

describe.skipIf(!creditScoringAvailable)("Feast credit-scoring demo on PostgreSQL", () => {
  const database = `pantry_test_${Math.random().toString(36).slice(2, 10)}`;
  const store = new PostgresOfflineStore({ ...PG_ADMIN, database, password: null, schema: "public", type: "postgres" });

  beforeAll(async () => {
    const admin = new pg.Client(PG_ADMIN);
    await admin.connect();
    await admin.query(`CREATE DATABASE "${database}"`);
    await admin.end();
    // 28,844 zipcode rows into PostgreSQL: one INSERT from column arrays, timestamps as text (exact).
    const instance = await DuckDBInstance.create(":memory:");
    const connection = await instance.connect();
    const reader = await connection.runAndReadAll(
      `SELECT zipcode, city, state, location_type, tax_returns_filed, population, total_wages,
              CAST(event_timestamp AS VARCHAR) AS event_timestamp, CAST(created_timestamp AS VARCHAR) AS created_timestamp
       FROM read_parquet($1)`,
      [join(CREDIT_SCORING, "zipcode_table.parquet")],
    );
    const columns = reader
      .getColumnsJS()
      .map((column) => column.map((v) => (typeof v === "bigint" ? v.toString() : v)));
    connection.closeSync();
    instance.closeSync();
    const client = new pg.Client({ ...PG_ADMIN, database });
    await client.connect();
    await client.query(
      `CREATE TABLE zipcode_table (zipcode bigint, city text, state text, location_type text, tax_returns_filed bigint,
         population bigint, total_wages bigint, event_timestamp timestamptz, created_timestamp timestamptz)`,
    );
    await client.query(
      `INSERT INTO zipcode_table SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::bigint[],
         $6::bigint[], $7::bigint[], $8::timestamptz[], $9::timestamptz[])`,
      columns,
    );
    await client.end();
  });

  afterAll(async () => {
    await store.close();
    const admin = new pg.Client(PG_ADMIN);
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.end();
  });

  it("matches Feast's my_training_ds.parquet on all 28,638 rows", async () => {
    const source = postgresSource("zipcode_source", "zipcode_table", { createdTimestampColumn: "created_timestamp" });
    const folder = mkdtempSync(join(tmpdir(), "pantry-credit-pg-"));
    try {
      const result = await compareWithFeast(store, source, join(folder, "training.parquet"));
      expect(result).toEqual({ rows: 28_638, matched: 28_638, mismatches: 0, nulls: 0 });
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
