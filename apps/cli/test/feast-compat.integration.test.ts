/**
 * Feast compatibility from the CLI: `registry-dump --format feast` prints Feast's registry JSON
 * (the serializer the REST registry contract uses), and feature_store.yaml's `${VAR}` substitution
 * reaches every verb, with a clear error for an unset variable.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pantry } from "./run-cli";

describe("Feast compatibility in the CLI", () => {
  let workdir = "";
  let repo = "";

  beforeAll(() => {
    workdir = mkdtempSync(join(tmpdir(), "pantry-cli-feast-"));
    expect(pantry(["init", "feast_compat", "--end", "2026-11-01T00:00:00"], workdir).code).toBe(0);
    repo = join(workdir, "feast_compat");
    expect(pantry(["apply"], repo).code).toBe(0);
  });
  afterAll(() => rmSync(workdir, { recursive: true, force: true }));

  it("registry-dump --format feast prints Feast's registry JSON", () => {
    const run = pantry(["registry-dump", "--format", "feast"], repo);
    expect(run.code).toBe(0);
    const dump = JSON.parse(run.stdout);
    expect(Object.keys(dump).sort()).toEqual([
      "dataSources",
      "entities",
      "featureServices",
      "featureViews",
      "onDemandFeatureViews",
      "permissions",
      "projects",
      "savedDatasets",
    ]);
    expect(dump.projects[0].spec.name).toBe("feast_compat");
    const view = dump.featureViews.find((v: { spec: { name: string } }) => v.spec.name === "driver_hourly_stats");
    expect(view.spec).toMatchObject({ ttl: expect.stringMatching(/^\d+s$/), entities: ["driver"] });
    expect(view.spec.features[0]).toMatchObject({ name: "conv_rate", valueType: "FLOAT" });
    expect(view.type).toBeUndefined();
    expect(dump.entities[0].spec).toMatchObject({ name: "driver", joinKey: "driver_id", valueType: "INT64" });

    const bad = pantry(["registry-dump", "--format", "yaml"], repo);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--format must be pantry or feast (got 'yaml')");
  });

  it("feature_store.yaml expands ${VAR:-default}, and an unset ${VAR} is an error naming it", () => {
    const config = join(repo, "feature_store.yaml");
    const original = readFileSync(config, "utf8");
    try {
      writeFileSync(config, original.replace(/^project: .*$/m, "project: ${PANTRY_T_PROJECT:-feast_compat}"));
      const listed = pantry(["feature-views", "list", "--json"], repo);
      expect(listed.code).toBe(0);
      expect(JSON.parse(listed.stdout).length).toBeGreaterThan(0);

      writeFileSync(config, original.replace(/^project: .*$/m, "project: ${PANTRY_T_UNSET_PROJECT}"));
      const failed = pantry(["feature-views", "list"], repo);
      expect(failed.code).toBe(2);
      expect(failed.stderr).toContain(
        "project uses ${PANTRY_T_UNSET_PROJECT}, but the environment variable PANTRY_T_UNSET_PROJECT is not set",
      );
    } finally {
      writeFileSync(config, original);
    }
  });
});
