/**
 * Materialization's values written by DuckDB (encode-values.ts) against the online codec: for
 * every dtype it takes (floats with NaN, infinities, -0, extremes; Int64 past 2^53; text with
 * quotes, control characters and emoji; booleans; nulls; an odd feature name) each row parses to
 * exactly what the codec would have stored. Views it cannot encode with certainty (timestamps, a
 * dtype unlike its column) come back as values, and a SQLite store holds the same rows either way.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DataSourceSpec, Dtype, EntitySpec, FeatureViewSpec } from "../src/definitions/types";
import { DuckDBOfflineStore } from "../src/offline/duckdb/duckdb-store";
import type { MaterializationBatch } from "../src/offline/types";
import { createViewValueCodec } from "../src/online/value-codec";
import { SqliteOnlineStore } from "../src/online/sqlite-online-store";

const common = { description: "", owner: "", tags: {} };
const entity: EntitySpec = { ...common, kind: "entity", name: "user", joinKeys: ["user_id"], valueType: "Int64" };
const source: DataSourceSpec = {
  ...common,
  kind: "dataSource",
  name: "edge_src",
  type: "file",
  path: "edge.parquet",
  format: "parquet",
  timestampField: "event_timestamp",
  createdTimestampColumn: null,
  fieldMapping: { weird_col: `we"i'rd` },
};
const view = (schema: [string, Dtype][]): FeatureViewSpec => ({
  ...common,
  kind: "featureView",
  name: "edge",
  entities: ["user"],
  schema: schema.map(([name, dtype]) => ({ name, dtype, description: "", tags: {} })),
  entityColumns: [],
  source: source.name,
  ttlSeconds: 0,
  online: true,
  offline: true,
});
const ENCODABLE: [string, Dtype][] = [
  ["d", "Float64"],
  ["fl", "Float32"],
  ["big", "Int64"],
  ["i32", "Int32"],
  ["i_as_float", "Float64"],
  ["i_as_int64", "Int64"],
  ["s", "String"],
  ["b", "Bool"],
  [`we"i'rd`, "String"],
];

let dir = "";
let offline: DuckDBOfflineStore;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "pantry-encoded-"));
  const duck = await DuckDBInstance.create(":memory:");
  const c = await duck.connect();
  const doubles = [
    "'nan'::DOUBLE",
    "'inf'::DOUBLE",
    "'-inf'::DOUBLE",
    "NULL",
    "(-0.0)::DOUBLE",
    "1e21",
    "5e-324",
    "1.7976931348623157e308",
    "0.1",
    "1e-7",
    "123456789.125",
  ];
  const rows = Array.from({ length: 200 }, (_, i) => {
    const d = i < doubles.length ? doubles[i] : `random() * ${10 ** (i % 12)} - ${i}`;
    const big = ["9007199254740993", "-9007199254740993", "9223372036854775807", "NULL"][i % 4] ?? "0";
    const text = [`'a"b\\c'`, "chr(1) || chr(10) || 'é'", "'😀 tier'", "NULL", "''"][i % 5] ?? "''";
    return `SELECT ${i}::BIGINT AS user_id, TIMESTAMPTZ '2024-01-01 00:00:00+00' + to_seconds(${i}) AS event_timestamp,
      (${d})::DOUBLE AS d, (${i % 7 === 0 ? "'nan'" : `${i} / 3.0`})::FLOAT AS fl,
      (${i % 2 === 0 ? big : String(i * 1000)})::BIGINT AS big, (${i % 9 === 0 ? "NULL" : -i})::INTEGER AS i32,
      (${i * 7})::BIGINT AS i_as_float, (${i})::INTEGER AS i_as_int64, (${text})::VARCHAR AS s,
      ${i % 3 === 0 ? "NULL" : i % 3 === 1 ? "true" : "false"}::BOOLEAN AS b, 'x' || ${i} AS weird_col,
      TIMESTAMPTZ '2023-06-01 00:00:00+00' + to_seconds(${i}) AS seen`;
  });
  await c.run(`COPY (${rows.join(" UNION ALL ")}) TO '${join(dir, "edge.parquet")}' (FORMAT parquet)`);
  c.closeSync();
  duck.closeSync();
  offline = new DuckDBOfflineStore(dir);
});

afterAll(async () => {
  await offline?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function read(schema: [string, Dtype][], encodeValues: boolean): Promise<MaterializationBatch[]> {
  const batches: MaterializationBatch[] = [];
  for await (const batch of offline.pullLatest({
    view: view(schema),
    source,
    entities: [entity],
    start: null,
    end: new Date("2025-01-01T00:00:00Z"),
    batchSize: 64,
    encodeValues,
  })) {
    batches.push(batch);
  }
  return batches;
}

/** The stored text as the codec writes it from the values read the ordinary way. */
function codecTexts(schema: [string, Dtype][], batches: MaterializationBatch[]): string[] {
  const codec = createViewValueCodec(view(schema).schema);
  return batches.flatMap((batch) => batch.entityKeys.map((_, i) => codec.encodeRow(batch.values, i)));
}

/** JSON.stringify after JSON.parse: equal texts mean equal values, each double exactly (-0 prints as 0). */
const canonical = (text: string) => JSON.stringify(JSON.parse(text));

describe("values encoded by DuckDB for the online stores", () => {
  it("parse to exactly what the codec stores, row for row, for every dtype it takes", async () => {
    const encoded = await read(ENCODABLE, true);
    const plain = await read(ENCODABLE, false);
    expect(encoded.every((batch) => batch.encodedValues?.length === batch.entityKeys.length)).toBe(true);
    expect(plain.every((batch) => batch.encodedValues === undefined)).toBe(true);
    const keys = (batches: MaterializationBatch[]) => batches.flatMap((b) => b.entityKeys.map((k) => String(k[0])));
    expect(keys(encoded)).toEqual(keys(plain));
    const fromDuck = encoded.flatMap((batch) => batch.encodedValues ?? []).map(canonical);
    const fromCodec = codecTexts(ENCODABLE, plain).map(canonical);
    expect(fromDuck).toHaveLength(200);
    expect(fromDuck).toEqual(fromCodec);
    // The codec's fix-ups are there: non-finite floats and Int64 past 2^53 as strings, keys in schema order.
    const first = JSON.parse(encoded[0]?.encodedValues?.[0] ?? "{}");
    expect(Object.keys(first)).toEqual(ENCODABLE.map(([name]) => name));
    expect(first).toMatchObject({ d: "NaN", fl: "NaN", big: "9007199254740993" });
  });

  it("falls back to values for a view it cannot encode with certainty", async () => {
    for (const schema of [[...ENCODABLE, ["seen", "UnixTimestamp"]], [["s", "Json"]], [["big", "Int32"]]] as [
      string,
      Dtype,
    ][][]) {
      const batches = await read(schema, true);
      expect(batches.every((batch) => batch.encodedValues === undefined)).toBe(true);
      expect(batches.reduce((n, batch) => n + batch.entityKeys.length, 0)).toBe(200);
    }
  });

  it("a SQLite online store holds the same values whichever way the batch came", async () => {
    const stores = [new SqliteOnlineStore(join(dir, "a.db")), new SqliteOnlineStore(join(dir, "b.db"))];
    try {
      for (const [s, encodeValues] of [true, false].entries()) {
        for (const batch of await read(ENCODABLE, encodeValues)) {
          await stores[s]?.write({ project: "p", view: view(ENCODABLE), joinKeys: ["user_id"], ...batch });
        }
      }
      const request = {
        project: "p",
        view: view(ENCODABLE),
        features: ENCODABLE.map(([name]) => name),
        joinKeys: ["user_id"],
        entityKeys: Array.from({ length: 200 }, (_, i) => [i]),
      };
      const [a, b] = await Promise.all(stores.map((store) => store.read([request])));
      expect(a?.[0]?.every((value) => value !== null)).toBe(true);
      expect(a).toEqual(b);
    } finally {
      for (const store of stores) await store.close();
    }
  });
});
