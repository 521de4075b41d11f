/**
 * The queue engine's unit of work: pullLatest over key partition i of n. On DuckDB (Parquet, a
 * compound key) and on PostgreSQL, the n partitions together read every latest row exactly once
 * (disjoint, nothing missed), and each holds a fair share.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DataSourceSpec, EntitySpec, FeatureViewSpec } from "../src/definitions/types";
import { DuckDBOfflineStore } from "../src/offline/duckdb/duckdb-store";
import { PostgresOfflineStore } from "../src/offline/postgres/postgres-store";
import type { OfflineStore } from "../src/offline/types";
import { createTestDatabase } from "../testing/postgres";

const common = { description: "", owner: "", tags: {} };
const entities: EntitySpec[] = [
  { ...common, kind: "entity", name: "driver", joinKeys: ["driver_id"], valueType: "Int64" },
  { ...common, kind: "entity", name: "city", joinKeys: ["city"], valueType: "String" },
];
const view = (keys: string[]): FeatureViewSpec => ({
  ...common,
  kind: "featureView",
  name: "trips",
  entities: keys,
  schema: [{ name: "trips", dtype: "Int64", description: "", tags: {} }],
  entityColumns: [],
  source: "trips_source",
  ttlSeconds: 0,
  online: true,
  offline: true,
});
const window = { start: null, end: new Date("2025-01-01T00:00:00Z") };

async function keysOf(
  store: OfflineStore,
  source: DataSourceSpec,
  keys: string[],
  partition?: { index: number; count: number },
): Promise<string[]> {
  const out: string[] = [];
  for await (const batch of store.pullLatest({
    view: view(keys),
    source,
    entities: entities.filter((e) => keys.includes(e.name)),
    ...window,
    batchSize: 1000,
    partition,
  })) {
    for (const key of batch.entityKeys) out.push(key.join("|"));
  }
  return out;
}

async function expectExactCover(store: OfflineStore, source: DataSourceSpec, keys: string[], count: number) {
  const all = await keysOf(store, source, keys);
  expect(all.length).toBeGreaterThan(1000);
  const parts: string[][] = [];
  for (let index = 0; index < count; index++) parts.push(await keysOf(store, source, keys, { index, count }));
  const union = parts.flat();
  expect(union.length).toBe(all.length);
  expect(new Set(union).size).toBe(all.length);
  expect([...union].sort()).toEqual([...all].sort());
  // A fair share each (a uniform hash: within 30% of n-th of the keys).
  for (const part of parts) expect(Math.abs(part.length - all.length / count)).toBeLessThan((0.3 * all.length) / count);
}

describe("key partitions of the latest rows", () => {
  let dir: string;
  let duck: DuckDBOfflineStore;
  let db: { url: string; drop: () => Promise<void> };
  let postgres: PostgresOfflineStore;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "pantry-partitions-"));
    const instance = await DuckDBInstance.create(":memory:");
    const connection = await instance.connect();
    await connection.run(`COPY (
        SELECT d AS driver_id, 'city_' || (d % 7) AS city, TIMESTAMPTZ '2024-01-01 00:00:00+00' + to_hours(h) AS event_timestamp,
               (d * 10 + h)::BIGINT AS trips
          FROM range(0, 3000) t(d), range(0, 3) s(h)
      ) TO '${join(dir, "trips.parquet").replaceAll("'", "''")}' (FORMAT parquet)`);
    connection.closeSync();
    instance.closeSync();
    duck = new DuckDBOfflineStore(dir);
    db = await createTestDatabase("pantry_key_partitions");
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    await client.query(`CREATE TABLE trips AS
      SELECT d::bigint AS driver_id, 'city_' || (d % 7) AS city, TIMESTAMPTZ '2024-01-01 00:00:00+00' + h * INTERVAL '1 hour' AS event_timestamp,
             (d * 10 + h)::bigint AS trips
        FROM generate_series(0, 2999) d, generate_series(0, 2) h`);
    await client.end();
    const url = new URL(db.url);
    postgres = new PostgresOfflineStore({
      type: "postgres",
      host: url.hostname,
      port: Number(url.port || 5432),
      database: url.pathname.slice(1),
      user: url.username || "postgres",
      password: null,
      schema: "public",
    });
  }, 60_000);

  afterAll(async () => {
    await duck?.close();
    await postgres?.close();
    await db?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const file: DataSourceSpec = {
    ...common,
    kind: "dataSource",
    name: "trips_source",
    type: "file",
    path: "trips.parquet",
    format: "parquet",
    timestampField: "event_timestamp",
    createdTimestampColumn: null,
    fieldMapping: {},
  };
  const table: DataSourceSpec = {
    ...common,
    kind: "dataSource",
    name: "trips_source",
    type: "postgres",
    table: "trips",
    query: null,
    timestampField: "event_timestamp",
    createdTimestampColumn: null,
    fieldMapping: {},
  };

  it("DuckDB: one key and a compound key, 4 and 16 partitions", async () => {
    await expectExactCover(duck, file, ["driver"], 4);
    await expectExactCover(duck, file, ["driver", "city"], 16);
  });

  it("PostgreSQL: one key and a compound key", async () => {
    await expectExactCover(postgres, table, ["driver"], 4);
    await expectExactCover(postgres, table, ["driver", "city"], 5);
  });
});
