/**
 * Feature statistics, expectations and training/serving drift on real engines: a throwaway repo
 * (SQLite registry and online store, Parquet written by DuckDB), statistics checked against direct
 * DuckDB queries over the same file, a failing expectation that fails the job and writes nothing,
 * and a saved dataset compared with a shifted and an unchanged source.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isPantryError } from "../src/errors";
import { FeatureStore } from "../src/feature-store";
import { deprecateGoverned, reactivateGoverned } from "../src/lifecycle/index";
import { describeModel, listModels } from "../src/models/index";
import { compareStatistics, populationStabilityIndex } from "../src/statistics/drift";
import { HISTOGRAM_BINS } from "../src/statistics/types";

const definitions = (options: { validation?: string; warn?: boolean } = {}) => `
import { Entity, FeatureService, FeatureView, FileSource } from "@pantry/sdk";
export const rider = new Entity({ name: "rider", joinKeys: ["rider_id"], valueType: "Int64" });
const source = new FileSource({ name: "rider_source", path: "data/riders.parquet", timestampField: "event_timestamp" });
export const riderStats = new FeatureView({
  name: "rider_stats", entities: [rider], ttl: 0, source,${options.warn ? ` onValidationFailure: "warn",` : ""}
  schema: [
    { name: "score", dtype: "Float64"${options.validation ? `, validation: ${options.validation}` : ""} },
    { name: "trips", dtype: "Int64" },
    { name: "tier", dtype: "String" },
  ],
});
export const riderModel = new FeatureService({ name: "rider_model_v1", features: [riderStats], tags: { model: "rider_model" } });
`;

/** 200 riders x 5 days; score = (rider % 100) / 100 (+ shift), some nulls; tier in gold/silver/bronze (+ unseen). */
async function writeData(path: string, options: { shift?: number; unseen?: boolean } = {}): Promise<void> {
  const duck = await DuckDBInstance.create(":memory:");
  const connection = await duck.connect();
  const tier = options.unseen
    ? "CASE WHEN r % 2 = 0 THEN 'platinum' ELSE 'diamond' END"
    : "CASE r % 3 WHEN 0 THEN 'gold' WHEN 1 THEN 'silver' ELSE 'bronze' END";
  await connection.run(`
    COPY (
      SELECT r AS rider_id,
             TIMESTAMPTZ '2026-10-01 00:00:00+00' + to_days(d) AS event_timestamp,
             CASE WHEN r % 25 = 0 THEN NULL ELSE (r % 100) / 100.0 + ${options.shift ?? 0} END::DOUBLE AS score,
             (r * 3 + d)::BIGINT AS trips,
             ${tier} AS tier
        FROM range(1, 201) t(r), range(0, 5) s(d)
    ) TO '${path.replaceAll("'", "''")}' (FORMAT parquet)`);
  connection.closeSync();
  duck.closeSync();
}

async function direct(sql: string): Promise<Record<string, unknown>[]> {
  const duck = await DuckDBInstance.create(":memory:");
  const connection = await duck.connect();
  await connection.run("SET TimeZone = 'UTC'");
  const reader = await connection.runAndReadAll(sql);
  const rows = reader.getRowObjectsJS();
  connection.closeSync();
  duck.closeSync();
  return rows as Record<string, unknown>[];
}

function makeRepo(dir: string, defs: string): void {
  mkdirSync(join(dir, "data"), { recursive: true });
  writeFileSync(
    join(dir, "feature_store.yaml"),
    "project: stats_test\nprovider: local\nregistry: data/registry.db\nonline_store:\n  type: sqlite\n  path: data/online.db\noffline_store:\n  type: file\n",
  );
  writeFileSync(join(dir, "feature_definitions.ts"), defs);
}

describe("feature statistics", () => {
  let dir: string;
  let store: FeatureStore;
  let file: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "pantry-stats-"));
    makeRepo(dir, definitions());
    file = join(dir, "data", "riders.parquet");
    await writeData(file);
    store = new FeatureStore({ repoPath: dir });
    await store.apply({ actor: "test" });
  });
  afterAll(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("match a direct DuckDB query over the same file", async () => {
    const stats = await store.computeStatistics("rider_stats");
    const byName = new Map(stats.map((s) => [s.feature, s]));
    const [expected] = await direct(`
      SELECT count(*) AS n, count(score) AS nn, count(DISTINCT score) AS d, min(score) AS mn, max(score) AS mx,
             avg(score) AS mean, stddev_samp(score) AS sd, max(event_timestamp) AS newest
        FROM read_parquet('${file}')`);
    const score = byName.get("score");
    expect(score?.kind).toBe("numeric");
    expect(score?.rowCount).toBe(Number(expected?.n));
    expect(score?.nullCount).toBe(Number(expected?.n) - Number(expected?.nn));
    expect(score?.nullRatio).toBeCloseTo((Number(expected?.n) - Number(expected?.nn)) / Number(expected?.n), 12);
    expect(score?.distinctCount).toBe(Number(expected?.d));
    expect(score?.distinctApprox).toBe(false);
    expect(score?.min).toBeCloseTo(Number(expected?.mn), 12);
    expect(score?.max).toBeCloseTo(Number(expected?.mx), 12);
    expect(score?.mean).toBeCloseTo(Number(expected?.mean), 12);
    expect(score?.stddev).toBeCloseTo(Number(expected?.sd), 12);
    expect(score?.newestEventTs?.toISOString()).toBe((expected?.newest as Date | undefined)?.toISOString());
    // 20 equal-width bins holding every non-null value, the maximum in the last one.
    expect(score?.histogram).toHaveLength(HISTOGRAM_BINS);
    expect(score?.histogram.reduce((n, b) => n + b.count, 0)).toBe(Number(expected?.nn));
    const [firstBin] = await direct(
      `SELECT count(*) AS c FROM read_parquet('${file}') WHERE score >= ${score?.histogram[0]?.lo} AND score < ${score?.histogram[0]?.hi}`,
    );
    expect(score?.histogram[0]?.count).toBe(Number(firstBin?.c));

    const tiers = await direct(
      `SELECT tier AS value, count(*) AS c FROM read_parquet('${file}') GROUP BY 1 ORDER BY c DESC, value`,
    );
    const tier = byName.get("tier");
    expect(tier?.kind).toBe("categorical");
    expect(tier?.topValues).toEqual(tiers.map((t) => ({ value: t.value, count: Number(t.c) })));
    expect(tier?.histogram).toEqual([]);
    expect(tier?.min).toBeNull();

    // Stored in the registry with the time and the window; read back the same.
    const latest = await store.statistics("rider_stats");
    expect(latest.map((s) => s.feature).sort()).toEqual(["score", "tier", "trips"]);
    expect(latest.find((s) => s.feature === "score")?.mean).toBeCloseTo(Number(expected?.mean), 12);
    expect(latest[0]?.windowStart).toBeNull();
  });

  it("over a window count only the rows inside it", async () => {
    const start = new Date("2026-10-02T00:00:00Z");
    const end = new Date("2026-10-03T00:00:00Z");
    const stats = await store.computeStatistics("rider_stats", { start, end });
    const [expected] = await direct(
      `SELECT count(*) AS n, avg(trips) AS mean FROM read_parquet('${file}') WHERE event_timestamp BETWEEN TIMESTAMPTZ '2026-10-02 00:00:00+00' AND TIMESTAMPTZ '2026-10-03 00:00:00+00'`,
    );
    const trips = stats.find((s) => s.feature === "trips");
    expect(trips?.rowCount).toBe(Number(expected?.n));
    expect(trips?.mean).toBeCloseTo(Number(expected?.mean), 9);
    expect(trips?.windowStart?.toISOString()).toBe(start.toISOString());
  });

  it("are computed after each materialization over the window it wrote", async () => {
    const end = new Date("2026-10-10T00:00:00Z");
    const result = await store.materialize(new Date("2026-10-01T00:00:00Z"), end);
    const latest = await store.statistics("rider_stats");
    expect(latest.every((s) => s.trigger === "materialization" && s.jobId === result.jobId)).toBe(true);
    expect(latest[0]?.windowEnd?.toISOString()).toBe(end.toISOString());
  });

  it("name an on-demand or unknown view clearly", async () => {
    const error = await store.computeStatistics("rider_stat").catch((e: unknown) => e);
    expect(isPantryError(error) && error.code).toBe("NOT_FOUND");
    expect(String((error as Error).message)).toContain("did you mean 'rider_stats'");
  });
});

describe("expectations", () => {
  let dir: string;
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function repoWith(defs: string): Promise<FeatureStore> {
    dir = mkdtempSync(join(tmpdir(), "pantry-expect-"));
    makeRepo(dir, defs);
    await writeData(join(dir, "data", "riders.parquet"));
    const store = new FeatureStore({ repoPath: dir });
    await store.apply({ actor: "test" });
    return store;
  }

  it("a failing rule fails the job, names the feature, the rule and offending rows, and writes nothing", async () => {
    const store = await repoWith(definitions({ validation: "{ notNull: true, max: 0.5 }" }));
    try {
      const error = await store
        .materialize(new Date("2026-10-01T00:00:00Z"), new Date("2026-10-10T00:00:00Z"))
        .catch((e: unknown) => e);
      expect(isPantryError(error)).toBe(true);
      const message = (error as Error).message;
      expect(message).toContain("feature 'rider_stats:score' fails expectation 'notNull'");
      expect(message).toContain("fails expectation 'max 0.5'");
      expect(message).toMatch(/"rider_id":25/);
      expect(message).toContain("nothing was written");
      const registry = await store.registry();
      const [job] = await registry.jobs.listJobs("stats_test", { take: 1 });
      expect(job?.status).toBe("failed");
      expect(job?.error).toContain("notNull");
      expect(await registry.jobs.listIntervals("stats_test", "rider_stats")).toEqual([]);
      const online = await store.getOnlineFeatures({
        features: ["rider_stats:trips"],
        entityRows: [{ rider_id: 1 }],
      });
      expect(online.toDict().trips).toEqual([null]);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('onValidationFailure: "warn" keeps going and reports the rule on the job', async () => {
    const store = await repoWith(definitions({ validation: "{ maxNullRatio: 0.01 }", warn: true }));
    try {
      const result = await store.materialize(new Date("2026-10-01T00:00:00Z"), new Date("2026-10-10T00:00:00Z"));
      expect(result.warnings.join("\n")).toContain(
        "fails expectation 'maxNullRatio 0.01': 4.0% of 1,000 rows are null",
      );
      expect(result.rowsWritten).toBe(200);
    } finally {
      await store.close();
    }
  });

  it("passing rules let the run write", async () => {
    const store = await repoWith(definitions({ validation: "{ min: 0, max: 1, maxNullRatio: 0.05 }" }));
    try {
      const result = await store.materialize(new Date("2026-10-01T00:00:00Z"), new Date("2026-10-10T00:00:00Z"));
      expect(result.rowsWritten).toBe(200);
      expect(result.warnings).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it("a bad rule is refused when the definitions load", async () => {
    dir = mkdtempSync(join(tmpdir(), "pantry-expect-"));
    makeRepo(dir, definitions({ validation: "{ min: 2, max: 1 }" }));
    const store = new FeatureStore({ repoPath: dir });
    try {
      const error = await store.apply({ actor: "test" }).catch((e: unknown) => e);
      expect(String((error as Error).message)).toContain("validation.min (2) is above validation.max (1)");
    } finally {
      await store.close();
    }
  });
});

describe("training/serving drift", () => {
  let dir: string;
  let store: FeatureStore;
  let file: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "pantry-drift-"));
    makeRepo(dir, definitions());
    file = join(dir, "data", "riders.parquet");
    await writeData(file);
    store = new FeatureStore({ repoPath: dir });
    await store.apply({ actor: "test" });
    const entityDf = Array.from({ length: 200 }, (_, i) => ({
      rider_id: i + 1,
      event_timestamp: new Date("2026-10-06T00:00:00Z"),
    }));
    const job = await store.getHistoricalFeatures({ entityDf, features: "rider_model_v1" });
    await store.createSavedDataset({
      name: "riders_train",
      job,
      features: "rider_model_v1",
      path: join(dir, "data", "train.parquet"),
      actor: "test",
    });
  });
  afterAll(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("an unchanged distribution is not flagged", async () => {
    await store.computeStatistics("rider_stats");
    const model = await describeModel(
      { registry: await store.registry(), onlineStore: store.onlineStore(), project: "stats_test" },
      { model: "rider_model" },
    );
    expect(model.drift?.dataset).toBe("riders_train");
    const byFeature = new Map(model.drift?.items.map((i) => [i.feature, i]));
    expect(byFeature.get("score")?.metric).toBe("psi");
    expect(byFeature.get("score")?.value).toBeLessThan(0.05);
    expect(byFeature.get("tier")?.value).toBe(0);
    expect(model.drift?.flagged).toBe(0);
  });

  it("a shifted distribution and unseen categories are flagged", async () => {
    await writeData(file, { shift: 0.6, unseen: true });
    await store.computeStatistics("rider_stats");
    const context = { registry: await store.registry(), onlineStore: store.onlineStore(), project: "stats_test" };
    const model = await describeModel(context, { model: "rider_model" });
    const byFeature = new Map(model.drift?.items.map((i) => [i.feature, i]));
    expect(byFeature.get("score")?.flagged).toBe(true);
    expect(byFeature.get("score")?.value).toBeGreaterThan(0.2);
    expect(byFeature.get("tier")?.flagged).toBe(true);
    expect(byFeature.get("tier")?.value).toBe(1);
    expect(byFeature.get("score")?.training.histogram).toHaveLength(HISTOGRAM_BINS);
    expect(byFeature.get("score")?.serving?.histogram).toHaveLength(HISTOGRAM_BINS);
    const models = await listModels(context);
    expect(models.map((m) => [m.name, m.via, m.services])).toEqual([["rider_model", ["tag"], ["rider_model_v1"]]]);
  });

  it("shows a feature deprecated on its own (view:feature) on the model that reads it", async () => {
    const registry = await store.registry();
    const context = { registry, onlineStore: store.onlineStore(), project: "stats_test" };
    await deprecateGoverned(registry, {
      project: "stats_test",
      kind: "feature",
      name: "rider_stats:score",
      actor: "test",
      reason: "scored by the new model",
      sunsetAt: "2030-01-01",
    });
    try {
      const model = await describeModel(context, { model: "rider_model" });
      const byRef = new Map(model.featuresRead.map((f) => [f.ref, f]));
      expect(byRef.get("rider_stats:score")?.lifecycle).toMatchObject({ state: "deprecated", reason: "scored by the new model" });
      expect(byRef.get("rider_stats:score")?.lifecycle.sunsetAt?.toISOString()).toBe("2030-01-01T00:00:00.000Z");
      // The view's other features stay active.
      expect(byRef.get("rider_stats:tier")?.lifecycle.state).toBe("active");
      const [summary] = await listModels(context);
      expect(summary?.deprecatedFeatures).toEqual(["rider_stats:score"]);
    } finally {
      await reactivateGoverned(registry, { project: "stats_test", kind: "feature", name: "rider_stats:score", actor: "test" });
    }
  });

  it("PSI of identical histograms is 0 and grows with the shift", () => {
    const bins = (counts: number[]) => counts.map((count, i) => ({ lo: i, hi: i + 1, count }));
    expect(populationStabilityIndex(bins([10, 10, 10]), bins([10, 10, 10]))).toBe(0);
    const small = populationStabilityIndex(bins([10, 10, 10]), bins([12, 10, 8])) ?? 0;
    const large = populationStabilityIndex(bins([10, 10, 10]), bins([1, 4, 25])) ?? 0;
    expect(small).toBeLessThan(large);
    expect(compareStatistics([], [])).toEqual([]);
  });
});
