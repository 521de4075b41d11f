/**
 * The join plan rendered for every dialect, against golden SQL files. Trino and BigQuery cannot
 * run here: their golden files are the test that adding a dialect is a renderer, not a new
 * algorithm. UPDATE_GOLDEN=1 rewrites the files after a deliberate change (review the diff).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { bigqueryDialect } from "../src/offline/sql/dialects/bigquery";
import { duckdbDialect } from "../src/offline/sql/dialects/duckdb";
import { postgresDialect } from "../src/offline/sql/dialects/postgres";
import { trinoDialect } from "../src/offline/sql/dialects/trino";
import type { Dialect } from "../src/offline/sql/dialect";
import type { PitPlan, ViewJoin } from "../src/offline/sql/plan";
import { renderPointInTimeJoin } from "../src/offline/sql/render-pit";
import { renderLatestPerKey } from "../src/offline/sql/render-source";

const GOLDEN = join(dirname(fileURLToPath(import.meta.url)), "fixtures", "offline", "golden");

/** Two views: driver stats (ttl, created tie-break) and the same location view under an alias with a join-key map. */
const plan: PitPlan = {
  entity: { table: "__pantry_entity", columns: ["driver_id", "origin_id", "event_timestamp", "label"] },
  joins: [
    {
      label: "driver_stats",
      source: { kind: "table", name: "analytics.driver_stats" },
      eventTimestampColumn: "event_timestamp",
      createdTimestampColumn: "created",
      keys: [{ sourceColumn: "driver_id", entityColumn: "driver_id", castEntityTo: null }],
      features: [
        { sourceColumn: "conv_rate", outputName: "conv_rate" },
        { sourceColumn: "acc_rate", outputName: "acc_rate" },
      ],
      ttlSeconds: 7200,
    },
    {
      label: "origin",
      source: { kind: "table", name: "location_stats" },
      eventTimestampColumn: "ts",
      createdTimestampColumn: null,
      keys: [{ sourceColumn: "location_id", entityColumn: "origin_id", castEntityTo: "Int64" }],
      features: [{ sourceColumn: "temp", outputName: "origin__temperature" }],
      ttlSeconds: 0,
    },
  ],
  filterByCreatedTimestamp: false,
};

function joinAt(index: number): ViewJoin {
  const join = plan.joins[index];
  if (!join) throw new Error(`the fixture plan has no join ${index}`);
  return join;
}

const DIALECTS: Dialect[] = [duckdbDialect, postgresDialect, trinoDialect, bigqueryDialect];

function golden(name: string, actual: string): void {
  const path = join(GOLDEN, name);
  // A missing golden file fails (a deleted or renamed one must not turn into a green test);
  // UPDATE_GOLDEN=1 writes them all anew.
  if (process.env.UPDATE_GOLDEN === "1") {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(path, `${actual}\n`);
  }
  if (!existsSync(path)) {
    throw new Error(`golden file ${path} is missing; run the test with UPDATE_GOLDEN=1 to write it, then review it`);
  }
  expect(`${actual}\n`).toBe(readFileSync(path, "utf8"));
}

describe("point-in-time SQL per dialect (golden files)", () => {
  for (const dialect of DIALECTS) {
    it(`${dialect.name}: the join`, () => {
      const { sql, params } = renderPointInTimeJoin(plan, dialect);
      golden(`pit.${dialect.name}.sql`, `${sql}\n-- params: ${JSON.stringify(params)}`);
    });

    it(`${dialect.name}: the join with filterByCreatedTimestamp`, () => {
      const { sql, params } = renderPointInTimeJoin({ ...plan, filterByCreatedTimestamp: true }, dialect);
      golden(`pit-filter-created.${dialect.name}.sql`, `${sql}\n-- params: ${JSON.stringify(params)}`);
    });

    it(`${dialect.name}: latest row per key (materialization)`, () => {
      const join0 = plan.joins[0];
      if (!join0) throw new Error("fixture");
      const { sql, params } = renderLatestPerKey(
        join0,
        { start: new Date("2024-01-01T00:00:00Z"), end: new Date("2024-01-02T00:00:00Z") },
        dialect,
      );
      golden(`latest.${dialect.name}.sql`, `${sql}\n-- params: ${JSON.stringify(params)}`);
    });
  }

  it("orders the latest rows by entity key only when asked (what the online stores append fastest)", () => {
    const join0 = plan.joins[0];
    if (!join0) throw new Error("fixture");
    const window = { start: new Date("2024-01-01T00:00:00Z"), end: new Date("2024-01-02T00:00:00Z") };
    const unordered = renderLatestPerKey(join0, window, duckdbDialect).sql;
    const ordered = renderLatestPerKey(join0, { ...window, orderByKey: true }, duckdbDialect).sql;
    expect(unordered.split("\n").at(-1)).not.toContain("ORDER BY");
    expect(ordered.split("\n").at(-1)).toBe('ORDER BY "k0"');
    expect(ordered.startsWith(unordered)).toBe(true);
  });

  it("binds `?` parameters in the order they appear in the text (Trino)", () => {
    const { sql, params } = renderPointInTimeJoin({ ...plan, filterByCreatedTimestamp: true }, trinoDialect);
    expect(sql.split("?").length - 1).toBe(params.length);
    expect(params).toEqual([7200]);
  });

  it("picks the strategy from the dialect's abilities, not per engine code: ASOF, sweep, ranked range join", () => {
    expect(renderPointInTimeJoin(plan, duckdbDialect).sql).toContain("ASOF LEFT JOIN");
    for (const dialect of [postgresDialect, trinoDialect, bigqueryDialect]) {
      const sweep = renderPointInTimeJoin(plan, dialect).sql;
      expect(sweep).toContain(`COUNT(${dialect.quoteIdentifier("__pantry_is_source")}) OVER`);
      expect(sweep).not.toContain("ROW_NUMBER");
    }
    for (const dialect of DIALECTS) {
      const range = renderPointInTimeJoin({ ...plan, filterByCreatedTimestamp: true }, dialect).sql;
      expect(range).toContain("ROW_NUMBER() OVER (PARTITION BY");
      expect(range).not.toContain("ASOF");
    }
  });
});

describe("identifier quoting", () => {
  const evil = 'x"; DROP TABLE t; --';
  it("doubles the quote character in double-quoted dialects", () => {
    for (const dialect of [duckdbDialect, postgresDialect, trinoDialect]) {
      expect(dialect.quoteIdentifier(evil)).toBe('"x""; DROP TABLE t; --"');
    }
  });

  it("escapes backticks and backslashes in BigQuery", () => {
    expect(bigqueryDialect.quoteIdentifier("a`b\\c")).toBe("`a\\`b\\\\c`");
  });

  it("keeps a hostile name inside one identifier in the rendered join", () => {
    const hostile: PitPlan = {
      ...plan,
      entity: { ...plan.entity, columns: [...plan.entity.columns, evil] },
      joins: [{ ...joinAt(1), features: [{ sourceColumn: evil, outputName: evil }] }],
    };
    const { sql } = renderPointInTimeJoin(hostile, postgresDialect);
    expect(sql).toContain('"x""; DROP TABLE t; --"');
    expect(sql).not.toMatch(/[^"]"; DROP/);
  });

  it("passes file paths as parameters, never as SQL text", () => {
    const path = "/tmp/it's'; DROP TABLE t; --.parquet";
    const { sql, params } = renderPointInTimeJoin(
      { ...plan, joins: [{ ...joinAt(1), source: { kind: "file", path, format: "parquet" } }] },
      duckdbDialect,
    );
    expect(sql).not.toContain("DROP");
    expect(params).toContain(path);
  });
});
