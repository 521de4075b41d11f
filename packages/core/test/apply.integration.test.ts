/**
 * apply / plan / teardown / import-feast against real registries: a SQLite file and a
 * PostgreSQL database, each created by the test and removed afterwards.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FeatureStore } from "../src/feature-store";
import { Registry } from "../src/registry/registry";
import { initRepo } from "../src/repo/init-repo";
import { REGISTRY_PROVIDERS } from "../testing/postgres";

const here = dirname(fileURLToPath(import.meta.url));
const FEAST_REGISTRY = resolve(here, "../../../../shared/data/feast-credit-scoring/registry.db");

const providers = REGISTRY_PROVIDERS;

describe.each(providers)("apply on a $name registry", (provider) => {
  let workdir: string;
  let repo: string;
  let cleanup: () => Promise<void>;
  const definitionsPath = () => join(repo, "feature_definitions.ts");
  const store = () => new FeatureStore({ repoPath: repo });
  let original: string;

  beforeAll(async () => {
    workdir = mkdtempSync(join(tmpdir(), "pantry-apply-"));
    repo = await initRepo({ name: "demo_repo", parentPath: workdir, now: new Date("2026-11-01T00:00:00Z") });
    const registry = await provider.registryLine();
    cleanup = registry.cleanup;
    const yamlPath = join(repo, "feature_store.yaml");
    writeFileSync(yamlPath, readFileSync(yamlPath, "utf8").replace("registry: data/registry.db", registry.line));
    original = readFileSync(definitionsPath(), "utf8");
  });

  afterAll(async () => {
    const s = store();
    await (await s.registry()).close();
    await cleanup();
    rmSync(workdir, { recursive: true, force: true });
  });

  async function dump(): Promise<string> {
    const s = store();
    const registry = await s.registry();
    return JSON.stringify({ contents: await registry.getContents("demo_repo"), intervals: await registry.listIntervals("demo_repo") });
  }

  it("creates every object, then a second apply changes nothing", async () => {
    const first = await store().apply({ actor: "test" });
    expect(first.applied).toBe(true);
    expect(first.plan.counts).toMatchObject({ create: 6, update: 0, delete: 0 });
    const second = await store().apply({ actor: "test" });
    expect(second.applied).toBe(false);
    expect(second.plan.hasChanges).toBe(false);
    const contents = await store().contents();
    expect(contents.featureViews.map((v) => v.name).sort()).toEqual(["driver_hourly_stats", "driver_profile"]);
    expect(contents.entities[0]).toMatchObject({ name: "driver", joinKeys: ["driver_id"], valueType: "Int64" });
  });

  it("rejects bad definitions with every problem named and leaves the registry exactly as it was", async () => {
    const before = await dump();
    writeFileSync(
      definitionsPath(),
      original
        .replace('entities: [driver],\n  ttl: "1d"', 'entities: [new Entity({ name: "drivr", joinKeys: ["driver_id"] })],\n  ttl: "1d"')
        .replace('{ name: "acc_rate", dtype: "Float32"', '{ name: "acc_rte", dtype: "Float32"')
        .replace('{ name: "avg_daily_trips", dtype: "Int64"', '{ name: "avg_daily_trips", dtype: "Bool"')
        .replace('features: [driverHourlyStats, driverProfile.select(["vehicle_type"])]', 'features: [driverHourlyStats, driverProfile.select(["vehicle_kind"])]'),
    );
    const error = await store()
      .apply({ actor: "test" })
      .then(() => null, (e: Error) => e);
    writeFileSync(definitionsPath(), original);
    expect(error?.message).toContain("nothing was changed");
    expect(error?.message).toContain("asks for 'driver_profile:vehicle_kind', which the view does not have; did you mean 'vehicle_type'?");
    expect(await dump()).toBe(before);
  });

  it("reports type mismatches and unknown columns against the source file", async () => {
    const before = await dump();
    writeFileSync(
      definitionsPath(),
      original
        .replace('{ name: "acc_rate", dtype: "Float32"', '{ name: "acc_rte", dtype: "Float32"')
        .replace('{ name: "avg_daily_trips", dtype: "Int64"', '{ name: "avg_daily_trips", dtype: "Bool"'),
    );
    const error = await store()
      .apply({ actor: "test" })
      .then(() => null, (e: Error) => e);
    writeFileSync(definitionsPath(), original);
    expect(error?.message).toContain("feature 'acc_rte' is not a column of data source 'driver_hourly_stats_source'");
    expect(error?.message).toContain("feature 'avg_daily_trips' is declared Bool but column 'avg_daily_trips'");
    expect(await dump()).toBe(before);
  });

  it("removes objects deleted from the code, shows it in the plan first, and keeps materialization intervals", async () => {
    const registry = await store().registry();
    await registry.jobs.addInterval("demo_repo", "driver_hourly_stats", new Date("2026-10-01T00:00:00Z"), new Date("2026-10-02T00:00:00Z"), null);
    writeFileSync(
      definitionsPath(),
      original
        .replace('features: [driverHourlyStats, driverProfile.select(["vehicle_type"])]', "features: [driverHourlyStats]")
        .replace(/export const driverProfile = new FeatureView\(\{[\s\S]*?\n\}\);\n/, "")
        .replace('{ name: "acc_rate", dtype: "Float32", description: "Share of rides completed in the hour" },\n', ""),
    );
    try {
      const { plan } = await store().plan();
      const byName = Object.fromEntries(plan.items.map((i) => [`${i.kind}:${i.name}`, i]));
      expect(byName["featureView:driver_profile"]?.action).toBe("delete");
      expect(byName["featureView:driver_hourly_stats"]).toMatchObject({ action: "update", destructive: true, affectedServices: ["driver_activity_v1"] });
      expect(await dump()).toContain("driver_profile");
      await store().apply({ actor: "test" });
      const contents = await store().contents();
      expect(contents.featureViews.map((v) => v.name)).toEqual(["driver_hourly_stats"]);
      const intervals = await registry.listIntervals("demo_repo", "driver_hourly_stats");
      expect(intervals.map((i) => i.endTs.toISOString())).toEqual(["2026-10-02T00:00:00.000Z"]);
      const versions = await registry.history.listVersions("demo_repo", "featureView", "driver_hourly_stats");
      expect(versions.map((v) => [v.version, v.change])).toEqual([
        [2, "change"],
        [1, "create"],
      ]);
    } finally {
      writeFileSync(definitionsPath(), original);
    }
  });

  it("imports Feast's credit-scoring registry with its 5 feature services", async () => {
    const results = await store().importFeast(readFileSync(FEAST_REGISTRY), { actor: "test" });
    expect(results.map((r) => r.project)).toEqual(["credit_scoring_aws"]);
    const registry = await store().registry();
    const services = await registry.listStored("credit_scoring_aws", "featureService");
    expect(services.map((s) => s.spec.name).sort()).toEqual([
      "credit_score_v1",
      "credit_score_v2",
      "credit_score_v3",
      "zipcode_model",
      "zipcode_model_v2",
    ]);
    const entities = await registry.listStored("credit_scoring_aws", "entity");
    expect(entities.map((e) => [e.spec.name, e.spec.valueType, e.meta.origin])).toEqual([
      ["dob_ssn", "String", "import"],
      ["zipcode", "Int64", "import"],
    ]);
    expect((await registry.listProjects()).map((p) => p.name).sort()).toEqual(["credit_scoring_aws", "demo_repo"]);
  });

  it("tears a project down", async () => {
    expect(await store().teardown({ actor: "test" })).toBe(true);
    const registry = await store().registry();
    expect(await registry.hasProject("demo_repo")).toBe(false);
    expect(await store().teardown({ actor: "test" })).toBe(false);
  });
});

describe("registry files that are not Pantry registries", () => {
  it("says so instead of crashing", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pantry-notreg-"));
    const path = join(dir, "registry.db");
    writeFileSync(path, readFileSync(FEAST_REGISTRY));
    await expect(Registry.open({ type: "sqlite", path })).rejects.toThrow(/is not a Pantry registry/);
    rmSync(dir, { recursive: true, force: true });
  });

  it("names an unreachable PostgreSQL registry without showing its password", async () => {
    await expect(Registry.open({ type: "postgres", url: "postgresql://u:hunter2@127.0.0.1:1/x" })).rejects.toThrow(
      /cannot reach the PostgreSQL registry at postgresql:\/\/u:\*\*\*@127\.0\.0\.1:1\/x/,
    );
  });
});
