import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DuckDBOfflineStore } from "../src/offline/duckdb/duckdb-store";
import { CREDIT_SCORING, compareWithFeast, creditScoringAvailable } from "./fixtures/offline/credit-scoring";
import { fileSource } from "./fixtures/offline/specs";

describe.skipIf(!creditScoringAvailable)("Feast credit-scoring demo on DuckDB", () => {
  let folder = "";
  const store = new DuckDBOfflineStore(CREDIT_SCORING);
  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), "pantry-credit-"));
  });
  afterAll(async () => {
    await store.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it("matches Feast's my_training_ds.parquet on all 28,638 rows", async () => {
    const source = fileSource("zipcode_source", "zipcode_table.parquet", {
      createdTimestampColumn: "created_timestamp",
    });
    const result = await compareWithFeast(store, source, join(folder, "training.parquet"));
    expect(result).toEqual({ rows: 28_638, matched: 28_638, mismatches: 0, nulls: 0 });
  });
});
