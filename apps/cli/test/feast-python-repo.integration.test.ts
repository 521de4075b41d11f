/**
 * A Feast repo written in Python, used as it is: `pantry apply` reads its *.py without running
 * them, `get-historical-features` on it reproduces Feast's own my_training_ds.parquet, and
 * `convert-feast-repo` writes TypeScript whose plan is empty. A real CLI process in a temp folder.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { copyFeastPythonFixture, FEAST_CREDIT_SCORING, feastCreditScoringAvailable } from "@pantry/core/testing";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { pantry } from "./run-cli";

// Several CLI processes per test (each loads the engine), on a shared machine.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 120_000 });

const ZIPCODE_FEATURES = ["city", "state", "location_type", "tax_returns_filed", "population", "total_wages"];

async function sql(query: string, params: string[] = []): Promise<unknown[][]> {
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  try {
    return (await connection.runAndReadAll(query, params)).getRows();
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

describe.skipIf(!feastCreditScoringAvailable())("pantry on a Feast repo written in Python (credit scoring)", () => {
  let repo: ReturnType<typeof copyFeastPythonFixture>;

  beforeAll(async () => {
    repo = copyFeastPythonFixture("credit_scoring", {
      "zipcode_table.parquet": join(FEAST_CREDIT_SCORING, "zipcode_table.parquet"),
      "loan_table.parquet": join(FEAST_CREDIT_SCORING, "loan_table.parquet"),
    });
    // Feast's repo reads credit history from Parquet; the shared folder has a CSV sample of it.
    await sql(
      `COPY (SELECT * FROM read_csv_auto($1)) TO '${join(repo.path, "data", "credit_history.parquet")}' (FORMAT parquet)`,
      [join(FEAST_CREDIT_SCORING, "credit_history_sample.csv")],
    );
  });
  afterAll(() => repo.remove());

  it("applies the Python definitions and lists them with the catalog verbs", () => {
    const plan = pantry(["plan"], repo.path);
    expect(plan.code, plan.stderr).toBe(0);
    const apply = pantry(["apply"], repo.path);
    expect(apply.code, apply.stderr).toBe(0);
    expect(apply.stdout).toMatch(/feature_view.*zipcode_features|zipcode_features/);
    const services = pantry(["feature-services", "list"], repo.path);
    expect(services.code, services.stderr).toBe(0);
    for (const name of ["credit_score_v1", "credit_score_v2", "credit_score_v3", "zipcode_model", "zipcode_model_v2"]) {
      expect(services.stdout).toContain(name);
    }
    const again = pantry(["plan"], repo.path);
    expect(again.stdout).toMatch(/no changes/i);
  });

  it("get-historical-features reproduces Feast's my_training_ds.parquet on all 28,638 rows", async () => {
    const run = pantry(
      [
        "get-historical-features",
        "--entity-df",
        "data/loan_table.parquet",
        "--feature-service",
        "zipcode_model",
        "-o",
        "training.parquet",
      ],
      repo.path,
    );
    expect(run.code, run.stderr).toBe(0);
    const differs = ZIPCODE_FEATURES.map((f) => `ours."${f}" IS DISTINCT FROM feast."${f}"`).join(" OR ");
    const [row] = await sql(
      `SELECT (SELECT count(*) FROM read_parquet($1)) AS rows, count(*) AS matched,
              count(*) FILTER (WHERE ${differs}) AS mismatches, count(*) FILTER (WHERE ours.city IS NULL) AS nulls
       FROM read_parquet($1) AS ours JOIN read_parquet($2) AS feast USING (loan_id)`,
      [join(repo.path, "training.parquet"), join(FEAST_CREDIT_SCORING, "my_training_ds.parquet")],
    );
    expect((row ?? []).map(Number)).toEqual([28_638, 28_638, 0, 0]);
  });

  it("convert-feast-repo writes TypeScript with an empty plan against the registry the Python repo made", () => {
    const run = pantry(["convert-feast-repo"], repo.path);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`Wrote ${join(repo.path, "feature_definitions.ts")} (14 objects).`);
    expect(run.stdout).toMatch(
      /on-demand feature view 'transaction_gt_last_credit_card_due': its Python transform is kept/,
    );
    expect(readFileSync(join(repo.path, "feature_definitions.ts"), "utf8")).toMatch(
      /new FeatureService\(\{\n {2}name: "credit_score_v3"/,
    );
    const plan = pantry(["plan"], repo.path);
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toMatch(/no changes/i);
  });

  it("convert-feast-repo --out writes another folder with the repo's feature_store.yaml; a TypeScript repo is refused", () => {
    const fresh = copyFeastPythonFixture("credit_scoring");
    try {
      const out = join(fresh.path, "..", "converted");
      const run = pantry(["convert-feast-repo", "--out", out], fresh.path);
      expect(run.code, run.stderr).toBe(0);
      expect(existsSync(join(out, "feature_definitions.ts"))).toBe(true);
      expect(readFileSync(join(out, "feature_store.yaml"), "utf8")).toContain("project: credit_scoring_aws");
      expect(existsSync(join(fresh.path, "feature_definitions.ts"))).toBe(false);
    } finally {
      fresh.remove();
    }
    const again = pantry(["convert-feast-repo"], repo.path);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toMatch(
      /is already a TypeScript repo \(feature_definitions\.ts\); there is nothing to convert/,
    );
  });
});
