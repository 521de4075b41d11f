/**
 * PostgreSQL `query` sources against the real server: a text of several statements is refused at
 * apply (nothing registered, nothing run); a single statement that tries to write (through a
 * data-modifying CTE or a volatile function) is refused at run time by the READ ONLY transaction;
 * a slow query is cut by offline_store.statement_timeout.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PostgresSourceSpec } from "../src/definitions/types";
import { isPantryError, type PantryError } from "../src/errors";
import { FeatureStore } from "../src/feature-store";
import { PostgresOfflineStore } from "../src/offline/postgres/postgres-store";
import { createTestDatabase } from "../testing/postgres";

const source = (name: string, query: string): PostgresSourceSpec => ({
  kind: "dataSource",
  type: "postgres",
  name,
  description: "",
  owner: "",
  tags: {},
  table: null,
  query,
  timestampField: "event_timestamp",
  createdTimestampColumn: null,
  fieldMapping: {},
});

async function failure(promise: Promise<unknown>): Promise<PantryError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!isPantryError(error)) throw new Error(`expected a PantryError, got ${String(error)}`);
  return error;
}

describe("PostgreSQL query sources run as one read-only statement", () => {
  let db: { url: string; drop: () => Promise<void> };
  let client: pg.Client;
  let dir: string;
  let store: PostgresOfflineStore;
  const count = async (table: string) => Number((await client.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);

  beforeAll(async () => {
    db = await createTestDatabase("pantry_query_sources");
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
    await client.query(`
      CREATE TABLE trips (driver_id bigint, event_timestamp timestamptz, conv double precision);
      INSERT INTO trips VALUES (1001, '2024-01-01T00:00:00Z', 0.5), (1002, '2024-01-01T00:00:00Z', 0.25);
      CREATE TABLE victims (id int);
      INSERT INTO victims VALUES (1);
      CREATE FUNCTION sneaky() RETURNS int LANGUAGE sql VOLATILE AS 'DELETE FROM victims RETURNING 1';
    `);
    const url = new URL(db.url);
    store = new PostgresOfflineStore({
      type: "postgres",
      host: url.hostname,
      port: Number(url.port || 5432),
      database: url.pathname.slice(1),
      user: url.username || "postgres",
      password: null,
      schema: "public",
      statementTimeoutMs: 1000,
    });
    dir = mkdtempSync(join(tmpdir(), "pantry-query-sources-"));
  });

  afterAll(async () => {
    await store?.close();
    await client?.end();
    await db?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("refuses a query of several statements at apply, before anything runs", async () => {
    const url = new URL(db.url);
    writeFileSync(
      join(dir, "feature_store.yaml"),
      `project: pg_queries\nregistry: data/registry.db\noffline_store:\n  type: postgres\n  host: ${url.hostname}\n  port: ${url.port || 5432}\n  database: ${url.pathname.slice(1)}\n  user: postgres\n`,
    );
    writeFileSync(
      join(dir, "definitions.ts"),
      `import { Entity, FeatureView, PostgresSource } from "@pantry/sdk";
export const driver = new Entity({ name: "driver", joinKeys: ["driver_id"], valueType: "Int64" });
export const trips = new PostgresSource({ name: "trips_query", query: "SELECT * FROM trips; DROP TABLE victims", timestampField: "event_timestamp" });
export const stats = new FeatureView({ name: "trip_stats", entities: [driver], source: trips, schema: [{ name: "conv", dtype: "Float64" }] });
`,
    );
    const repoStore = new FeatureStore({ repoPath: dir });
    try {
      const error = await failure(repoStore.apply({ actor: "test" }));
      expect(error.code).toBe("INVALID_ARGUMENT");
      expect(error.message).toBe(
        "data source 'trips_query': the query holds more than one statement; a query source must be one SELECT statement (no ';' between statements)",
      );
      expect(await (await repoStore.registry()).hasProject("pg_queries")).toBe(false);
      expect(await count("victims")).toBe(1);
    } finally {
      await repoStore.close();
      await (await repoStore.registry()).close();
    }
  });

  it("reads a single statement, trailing semicolon and comments included", async () => {
    const rows = await store.sampleSource(source("ok", "SELECT * FROM trips ORDER BY driver_id; -- the trips"), 10);
    expect(rows.map((r) => r.driver_id)).toEqual([1001, 1002]);
  });

  it("refuses at run time a single statement that writes, through a CTE or a function", async () => {
    const viaCte = await failure(
      store.sampleSource(
        source("cte", "WITH gone AS (DELETE FROM victims RETURNING id) SELECT t.* FROM trips t, gone"),
        10,
      ),
    );
    // Wrapped in the outer SELECT, PostgreSQL refuses a data-modifying CTE outright.
    expect(viaCte.message).toContain("data-modifying statement must be at the top level");
    const viaCteFunction = await failure(
      store.sampleSource(source("cte_fn", "WITH x AS (SELECT sneaky() AS s) SELECT t.* FROM trips t, x"), 10),
    );
    expect(viaCteFunction.message).toMatch(/cannot execute DELETE in a read-only transaction/);
    const viaFunction = await failure(store.sampleSource(source("fn", "SELECT t.*, sneaky() AS s FROM trips t"), 10));
    expect(viaFunction.message).toMatch(/cannot execute DELETE in a read-only transaction/);
    expect(viaFunction.message).toContain("source queries run read-only");
    expect(await count("victims")).toBe(1);
  });

  it("refuses at run time a stacked query already in the registry (the simple protocol is never used)", async () => {
    const error = await failure(store.describeSource(source("old", "SELECT * FROM trips; DELETE FROM victims")));
    expect(error.message).toContain("holds more than one statement");
    expect(await count("victims")).toBe(1);
  });

  it("cuts a slow query at the statement timeout, naming the setting", async () => {
    const error = await failure(store.sampleSource(source("slow", "SELECT t.* FROM trips t, pg_sleep(5) s"), 10));
    expect(error.message).toContain("statement timeout");
    expect(error.message).toContain("offline_store.statement_timeout");
  });
});
