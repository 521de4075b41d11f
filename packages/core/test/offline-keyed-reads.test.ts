/**
 * Small entity frames read each source only for their keys (strategy-asof.ts, materializeKeyed).
 * Both variants of the ASOF stage must give the same rows: ties on event_ts repaired by
 * created_ts, a ttl, an entity key cast to the source key's type, keys missing from the source,
 * and a compound key.
 */
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { duckdbDialect } from "../src/offline/sql/dialects/duckdb";
import type { PitPlan } from "../src/offline/sql/plan";
import { KEYED_READ_MAX_ENTITY_ROWS, renderAsofStages } from "../src/offline/sql/strategy-asof";

const plan: PitPlan = {
  entity: { table: "__pantry_entity", columns: ["driver_id", "origin_id", "shift", "event_timestamp"] },
  joins: [
    {
      label: "driver_stats",
      source: { kind: "table", name: "driver_stats" },
      eventTimestampColumn: "event_timestamp",
      createdTimestampColumn: "created",
      keys: [{ sourceColumn: "driver_id", entityColumn: "driver_id", castEntityTo: null }],
      features: [{ sourceColumn: "conv_rate", outputName: "conv_rate" }],
      ttlSeconds: 7200,
    },
    {
      label: "origin",
      source: { kind: "table", name: "location_stats" },
      eventTimestampColumn: "ts",
      createdTimestampColumn: null,
      keys: [{ sourceColumn: "location_id", entityColumn: "origin_id", castEntityTo: "Int64" }],
      features: [{ sourceColumn: "temp", outputName: "origin__temp" }],
      ttlSeconds: 0,
    },
    {
      label: "driver_shift",
      source: { kind: "table", name: "driver_shift_stats" },
      eventTimestampColumn: "ts",
      createdTimestampColumn: null,
      keys: [
        { sourceColumn: "driver_id", entityColumn: "driver_id", castEntityTo: null },
        { sourceColumn: "shift", entityColumn: "shift", castEntityTo: null },
      ],
      features: [{ sourceColumn: "trips", outputName: "driver_shift__trips" }],
      ttlSeconds: 0,
    },
  ],
  filterByCreatedTimestamp: false,
};

let instance: DuckDBInstance;

beforeAll(async () => {
  instance = await DuckDBInstance.create(":memory:");
  const c = await instance.connect();
  await c.run("SET TimeZone = 'UTC'");
  // 200 drivers x 48 hours; every 7th row restated later (a tie on event_ts with a higher created).
  await c.run(`CREATE TABLE driver_stats AS
    SELECT d AS driver_id, TIMESTAMPTZ '2024-01-01 00:00:00+00' + INTERVAL (h) HOUR AS event_timestamp,
           TIMESTAMPTZ '2024-01-01 00:00:00+00' + INTERVAL (h) HOUR AS created, d * 1000 + h AS conv_rate
    FROM range(200) AS a(d), range(48) AS b(h)
    UNION ALL
    SELECT d, TIMESTAMPTZ '2024-01-01 00:00:00+00' + INTERVAL (h) HOUR,
           TIMESTAMPTZ '2024-01-01 00:00:00+00' + INTERVAL (h) HOUR + INTERVAL 5 MINUTE, -(d * 1000 + h)
    FROM range(200) AS a(d), range(48) AS b(h) WHERE (d + h) % 7 = 0`);
  await c.run(`CREATE TABLE location_stats AS
    SELECT l AS location_id, TIMESTAMPTZ '2024-01-01 00:00:00+00' + INTERVAL (h * 3) HOUR AS ts, l * 10.0 + h AS temp
    FROM range(50) AS a(l), range(16) AS b(h)`);
  await c.run(`CREATE TABLE driver_shift_stats AS
    SELECT d AS driver_id, s AS shift, TIMESTAMPTZ '2024-01-01 00:00:00+00' + INTERVAL (h * 6) HOUR AS ts, d * 100 + s * 10 + h AS trips
    FROM range(200) AS a(d), range(3) AS b(s), range(8) AS c(h)`);
  // 40 entity rows: known drivers, drivers the sources lack (1000+), text location ids, hours
  // inside and past the ttl.
  await c.run(`CREATE TABLE __pantry_entity AS
    SELECT CASE WHEN i % 9 = 0 THEN 1000 + i ELSE i * 5 END AS driver_id, CAST(i % 60 AS VARCHAR) AS origin_id,
           i % 4 AS shift, TIMESTAMPTZ '2024-01-01 00:30:00+00' + INTERVAL (i * 97) MINUTE AS event_timestamp,
           i AS __pantry_row, TIMESTAMPTZ '2024-01-01 00:30:00+00' + INTERVAL (i * 97) MINUTE AS __pantry_ts
    FROM range(40) AS r(i)`);
  c.closeSync();
});

afterAll(() => instance?.closeSync());

async function runStages(keyed: boolean): Promise<unknown[][]> {
  const stages = renderAsofStages(plan, duckdbDialect);
  const c = await instance.connect();
  try {
    const materialize = keyed ? stages.materializeKeyed : stages.materialize;
    if (!materialize) throw new Error("no materialize stage");
    await c.run(materialize.sql, materialize.params as never);
    let ties: boolean[] = [];
    if (stages.tieProbe) {
      const probe = await c.runAndReadAll(stages.tieProbe.sql, stages.tieProbe.params as never);
      ties = (probe.getRows()[0] ?? []).map((v) => v === true);
    }
    const result = stages.result(ties);
    const rows = await c.runAndReadAll(result.sql, result.params as never);
    return rows.getRowsJS();
  } finally {
    if (stages.cleanup) await c.run(stages.cleanup);
    c.closeSync();
  }
}

describe("keyed source reads for small entity frames", () => {
  it("reads each source only for the entity's keys, below a row limit", () => {
    const stages = renderAsofStages(plan, duckdbDialect);
    expect(stages.materializeKeyed?.maxEntityRows).toBe(KEYED_READ_MAX_ENTITY_ROWS);
    expect(stages.materializeKeyed?.sql.match(/WHERE EXISTS \(SELECT 1 FROM "__pantry_entity"/g)).toHaveLength(3);
    expect(stages.materialize?.sql).not.toContain("EXISTS");
  });

  it("gives exactly the rows of the full read: ties, ttl, casts, missing keys, compound keys", async () => {
    const full = await runStages(false);
    const keyed = await runStages(true);
    expect(full).toHaveLength(40);
    expect(keyed).toEqual(full);
    // The fixture exercises what it claims: some restated values won, some rows found nothing.
    const conv = full.map((row) => row[4]);
    expect(conv.some((v) => v !== null && Number(v) < 0)).toBe(true);
    expect(conv.some((v) => v === null)).toBe(true);
    expect(full.some((row) => row[5] !== null)).toBe(true);
    expect(full.some((row) => row[6] !== null)).toBe(true);
  });
});
