/**
 * Saved datasets (get-historical-features --save-as) on real registries: a SQLite file and a
 * PostgreSQL database, each created by the test and removed afterwards. Retrievals run on DuckDB
 * over the sample data of `init`, written to Parquet and CSV in a temp folder.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isPantryError, type PantryError } from "../src/errors";
import { FeatureStore } from "../src/feature-store";
import type { EntityDfInput, RetrievalJob } from "../src/offline/types";
import { initRepo } from "../src/repo/init-repo";
import { REGISTRY_PROVIDERS } from "../testing/postgres";

const providers = REGISTRY_PROVIDERS;

const ENTITY_ROWS = [
  { driver_id: 1001, event_timestamp: new Date("2026-10-31T12:30:00Z"), label: 1 },
  { driver_id: 1002, event_timestamp: new Date("2020-01-01T00:00:00Z"), label: 0 },
  { driver_id: 1003, event_timestamp: new Date("2026-10-30T08:00:00Z"), label: 1 },
];
const REFS = ["driver_hourly_stats:conv_rate", "driver_profile:vehicle_type"];

async function failure(promise: Promise<unknown>): Promise<PantryError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!isPantryError(error)) throw new Error(`expected a PantryError, got ${String(error)}`);
  return error;
}

/** A job that records whether anything asked it to run. */
function untouchedJob(): RetrievalJob & { ran: boolean } {
  const job = {
    ran: false,
    columns: ["driver_id", "event_timestamp", "conv_rate"],
    views: ["driver_hourly_stats"],
    sql: "",
    toRows: async () => {
      job.ran = true;
      return [];
    },
    toParquet: async () => {
      job.ran = true;
      return { rows: 0 };
    },
    toCsv: async () => {
      job.ran = true;
      return { rows: 0 };
    },
  };
  return job;
}

describe.each(providers)("saved datasets on a $name registry", (provider) => {
  let workdir: string;
  let repo: string;
  let cleanup: () => Promise<void>;
  let store: FeatureStore;
  const out = (file: string) => join(workdir, "out", file);

  beforeAll(async () => {
    workdir = mkdtempSync(join(tmpdir(), "pantry-datasets-"));
    repo = await initRepo({ name: "datasets_demo", parentPath: workdir, now: new Date("2026-11-01T00:00:00Z") });
    const registry = await provider.registryLine();
    cleanup = registry.cleanup;
    const yamlPath = join(repo, "feature_store.yaml");
    // The files are written next to the repo, in a folder the repo allows (offline_store.allowed_paths).
    writeFileSync(
      yamlPath,
      readFileSync(yamlPath, "utf8")
        .replace("registry: data/registry.db", registry.line)
        .replace("  type: file\n", "  type: file\n  allowed_paths: [../out]\n"),
    );
    store = new FeatureStore({ repoPath: repo });
    await store.apply({ actor: "test" });
  });

  afterAll(async () => {
    await store?.close();
    await (await store?.registry())?.close();
    await cleanup?.();
    rmSync(workdir, { recursive: true, force: true });
  });

  const retrieve = (entityDf: EntityDfInput) => store.getHistoricalFeatures({ entityDf, features: REFS });

  it("writes entity rows' features to Parquet and records rows, time range, features and columns", async () => {
    const job = await retrieve(ENTITY_ROWS);
    const saved = await store.createSavedDataset({
      name: "rows_parquet",
      job,
      features: REFS,
      path: out("rows.parquet"),
      entityDf: ENTITY_ROWS,
      tags: { purpose: "test" },
      actor: "ana",
    });
    expect(existsSync(out("rows.parquet"))).toBe(true);
    expect(saved).toMatchObject({
      project: "datasets_demo",
      name: "rows_parquet",
      rows: 3,
      minTs: new Date("2020-01-01T00:00:00Z"),
      maxTs: new Date("2026-10-31T12:30:00Z"),
      location: out("rows.parquet"),
      format: "parquet",
      features: REFS,
      featureService: null,
      columns: job.columns,
      entitySource: "3 entity rows passed in memory",
      tags: { purpose: "test" },
      replaced: false,
    });
  });

  it("writes a feature service's retrieval from an entity file to CSV, measured from the file", async () => {
    const labels = join(repo, "data", "labels", "driver_labels.parquet");
    const serviceJob = await store.getHistoricalFeatures({ entityDf: labels, features: "driver_activity_v1" });
    const saved = await store.createSavedDataset({
      name: "labels_csv",
      job: serviceJob,
      features: "driver_activity_v1",
      path: out("labels.csv"),
      entityDf: labels,
    });
    // 50 drivers x 40 labels, every 6 hours up to the data's end.
    expect(saved).toMatchObject({
      rows: 2000,
      minTs: new Date("2026-10-22T06:00:00Z"),
      maxTs: new Date("2026-11-01T00:00:00Z"),
      format: "csv",
      featureService: "driver_activity_v1",
      features: [
        "driver_hourly_stats:conv_rate",
        "driver_hourly_stats:acc_rate",
        "driver_hourly_stats:avg_daily_trips",
        "driver_profile:vehicle_type",
      ],
      entitySource: labels,
    });
    expect(readFileSync(out("labels.csv"), "utf8").split("\n")[0]).toBe(serviceJob.columns.join(","));
  });

  it("records an empty retrieval with no time range", async () => {
    const job = await retrieve({
      sql: "SELECT 1001 AS driver_id, TIMESTAMPTZ '2026-10-31 00:00:00+00' AS event_timestamp WHERE false",
    });
    const saved = await store.createSavedDataset({ name: "empty", job, features: REFS, path: out("empty.parquet") });
    expect(saved).toMatchObject({ rows: 0, minTs: null, maxTs: null });
  });

  it("refuses a taken name before running the job, and replaces it with overwrite", async () => {
    const stub = untouchedJob();
    const clash = await failure(
      store.createSavedDataset({ name: "rows_parquet", job: stub, features: REFS, path: out("other.parquet") }),
    );
    expect(clash.code).toBe("CONFLICT");
    expect(clash.message).toBe(
      "saved dataset 'rows_parquet' already exists in project 'datasets_demo'; choose another name or pass --overwrite",
    );
    expect(stub.ran).toBe(false);
    expect(existsSync(out("other.parquet"))).toBe(false);

    const replaced = await store.createSavedDataset({
      name: "rows_parquet",
      job: await retrieve(ENTITY_ROWS.slice(0, 1)),
      features: REFS,
      path: out("rows_v2.csv"),
      overwrite: true,
    });
    expect(replaced).toMatchObject({ replaced: true, rows: 1, format: "csv", location: out("rows_v2.csv") });
    expect(replaced.minTs).toEqual(new Date("2026-10-31T12:30:00Z"));
    const named = (await store.listSavedDatasets()).filter((d) => d.name === "rows_parquet");
    expect(named).toHaveLength(1);
    expect(named[0]?.location).toBe(out("rows_v2.csv"));
  });

  it("refuses to write a dataset file outside the repo and offline_store.allowed_paths, before running the job", async () => {
    const stub = untouchedJob();
    for (const path of [
      join(workdir, "elsewhere", "x.parquet"),
      "/etc/pantry-x.parquet",
      join(repo, "..", "..", "x.csv"),
    ]) {
      const error = await failure(store.createSavedDataset({ name: "outside", job: stub, features: REFS, path }));
      expect(error.code).toBe("INVALID_ARGUMENT");
      expect(error.message).toContain("is outside the feature repo folder");
      expect(error.message).toContain("offline_store.allowed_paths");
    }
    expect(stub.ran).toBe(false);
    expect((await store.listSavedDatasets()).map((d) => d.name)).not.toContain("outside");
  });

  it("rejects names that are not registry names and files that are neither Parquet nor CSV", async () => {
    const stub = untouchedJob();
    const badName = await failure(
      store.createSavedDataset({ name: "2026 training", job: stub, features: REFS, path: out("x.parquet") }),
    );
    expect(badName.code).toBe("INVALID_ARGUMENT");
    expect(badName.message).toContain("saved dataset name '2026 training' is not valid");
    const badPath = await failure(
      store.createSavedDataset({ name: "as_json", job: stub, features: REFS, path: out("x.json") }),
    );
    expect(badPath.code).toBe("INVALID_ARGUMENT");
    expect(badPath.message).toContain("must end in .parquet or .csv");
    expect(stub.ran).toBe(false);
  });

  it("lists and gets saved datasets, and deletes the record while keeping the file", async () => {
    const listed = await store.listSavedDatasets();
    expect(listed.map((d) => d.name).sort()).toEqual(["empty", "labels_csv", "rows_parquet"]);
    const got = await store.getSavedDataset("labels_csv");
    expect(got).toEqual(listed.find((d) => d.name === "labels_csv"));

    const removed = await store.deleteSavedDataset("labels_csv", { actor: "ana" });
    expect(removed.name).toBe("labels_csv");
    expect(existsSync(out("labels.csv"))).toBe(true);
    const gone = await failure(store.getSavedDataset("labels_csv"));
    expect(gone.code).toBe("NOT_FOUND");
    expect(gone.message).toContain("saved dataset 'labels_csv' is not in project 'datasets_demo'");
    const typo = await failure(store.getSavedDataset("rows_parque"));
    expect(typo.message).toContain("did you mean 'rows_parquet'?");
    expect((await failure(store.deleteSavedDataset("labels_csv"))).code).toBe("NOT_FOUND");
  });

  it("writes one audit entry per save, replace and delete", async () => {
    const registry = await store.registry();
    const entries = await registry.history.listAudit({ projectName: "datasets_demo", take: 50 });
    const datasetEntries = entries.filter((e) => e.kind === "savedDataset").map((e) => `${e.action} ${e.name}`);
    expect(datasetEntries.sort()).toEqual([
      "delete-dataset labels_csv",
      "replace-dataset rows_parquet",
      "save-dataset empty",
      "save-dataset labels_csv",
      "save-dataset rows_parquet",
    ]);
    const save = entries.find((e) => e.action === "save-dataset" && e.name === "rows_parquet");
    expect(save).toMatchObject({ actor: "ana" });
    expect(save?.summary).toContain("3 rows");
  });
});
