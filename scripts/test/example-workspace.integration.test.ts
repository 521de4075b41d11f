/**
 * `pnpm start`'s example workspace: a copy of feature_store/'s repos whose data is shifted once so
 * that it ends at the hour of the first start; feature_store/ itself keeps its fixed dates.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error: a plain .mjs script without declarations
import { prepareExampleWorkspace, SHIFT_FILE } from "../example-workspace.mjs";

const ROOT = resolve(import.meta.dirname, "..", "..");
const ANCHOR = new Date("2027-03-15T09:41:27Z");

async function query(sql: string): Promise<unknown[][]> {
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  try {
    await connection.run("SET TimeZone = 'UTC'");
    return (await connection.runAndReadAll(sql)).getRows();
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

describe("example workspace for pnpm start", () => {
  let temp: string;
  let source: string;
  let target: string;
  beforeAll(() => {
    temp = mkdtempSync(join(tmpdir(), "pantry-examples-"));
    source = join(temp, "feature_store");
    target = join(temp, "examples");
    cpSync(join(ROOT, "feature_store", "model_a_features"), join(source, "model_a_features"), {
      recursive: true,
      filter: (path) => !/(registry|online_store)\.db/.test(path),
    });
  });
  afterAll(() => rmSync(temp, { recursive: true, force: true }));

  it("shifts every timestamp column by the same whole hours so the newest row is the anchor's hour", async () => {
    const [result] = await prepareExampleWorkspace({ source, target, anchor: ANCHOR });
    expect(result).toMatchObject({ repo: "model_a_features", shifted: true });
    // History ends 2026-11-01T00:00:00Z; 2027-03-15T09:00Z is 134 days and 9 hours later.
    expect(result.record).toMatchObject({
      anchor: "2027-03-15T09:00:00.000Z",
      newestBefore: "2026-11-01T00:00:00.000Z",
      newestAfter: "2027-03-15T09:00:00.000Z",
      offsetSeconds: (134 * 24 + 9) * 3600,
    });
    const offset = result.record.offsetSeconds as number;
    const stats = "data/temporal_data/driver_hourly_stats.parquet";
    const [[same, newest, rows]] = await query(`
      SELECT count(*) FILTER (WHERE b.event_timestamp = a.event_timestamp + to_seconds(${offset})
                                AND b.created = a.created + to_seconds(${offset})
                                AND b.conv_rate IS NOT DISTINCT FROM a.conv_rate)::INT,
             strftime(max(b.event_timestamp), '%Y-%m-%dT%H:%M:%S'), count(*)::INT
      FROM (SELECT *, row_number() OVER () AS i FROM read_parquet('${join(source, "model_a_features", stats)}')) a
      JOIN (SELECT *, row_number() OVER () AS i FROM read_parquet('${join(target, "model_a_features", stats)}')) b USING (i)`);
    expect(newest).toBe("2027-03-15T09:00:00");
    expect(same).toBe(rows);
    expect(rows).toBeGreaterThan(100_000);
    // The CSV keeps its header and its timestamp format, shifted.
    const csv = readFileSync(join(target, "model_a_features", "data/base_data/driver_profiles.csv"), "utf8");
    const original = readFileSync(join(source, "model_a_features", "data/base_data/driver_profiles.csv"), "utf8");
    expect(csv.split("\n")[0]).toBe(original.split("\n")[0]);
    const firstShifted =
      new Date(`${original.split("\n")[1].split(",")[1].replace(" ", "T")}Z`).getTime() + offset * 1000;
    expect(csv.split("\n")[1].split(",")[1]).toBe(new Date(firstShifted).toISOString().slice(0, 19).replace("T", " "));
    // Definitions and feature_store.yaml are copied unchanged; the source data is untouched.
    expect(readFileSync(join(target, "model_a_features", "feature_store.yaml"), "utf8")).toBe(
      readFileSync(join(source, "model_a_features", "feature_store.yaml"), "utf8"),
    );
    const [[sourceNewest]] = await query(
      `SELECT strftime(max(event_timestamp), '%Y-%m-%dT%H:%M:%S') FROM read_parquet('${join(source, "model_a_features", stats)}')`,
    );
    expect(sourceNewest).toBe("2026-11-01T00:00:00");
  });

  it("shifts once: a later start keeps the copy (and its registry), a changed source shifts again", async () => {
    const recordPath = join(target, "model_a_features", "data", SHIFT_FILE);
    const registry = join(target, "model_a_features", "data", "registry.db");
    writeFileSync(registry, "kept");
    const before = statSync(recordPath).mtimeMs;
    const [again] = await prepareExampleWorkspace({ source, target, anchor: new Date("2027-04-01T00:00:00Z") });
    expect(again.shifted).toBe(false);
    expect(again.record.anchor).toBe("2027-03-15T09:00:00.000Z");
    expect(statSync(recordPath).mtimeMs).toBe(before);
    expect(readFileSync(registry, "utf8")).toBe("kept");

    writeFileSync(
      join(source, "model_a_features", "data/base_data/driver_profiles.csv"),
      "driver_id,onboarded_at\n1,2026-10-31 00:00:00\n",
    );
    const [changed] = await prepareExampleWorkspace({ source, target, anchor: new Date("2027-04-01T00:30:00Z") });
    expect(changed.shifted).toBe(true);
    // The registry and online store described the old timestamps: a re-shifted repo starts empty.
    expect(existsSync(registry)).toBe(false);
    expect(changed.record.anchor).toBe("2027-04-01T00:00:00.000Z");
  });
});
