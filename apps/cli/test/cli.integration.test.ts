/** The CLI as a user runs it: a real process, a real repo in a temp folder, a real SQLite registry. */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, pantry } from "./run-cli";

const here = dirname(fileURLToPath(import.meta.url));
const FEAST_REGISTRY = resolve(here, "../../../../shared/data/feast-credit-scoring/registry.db");

describe("pantry CLI", () => {
  let workdir: string;
  let repo: string;

  beforeAll(() => {
    workdir = mkdtempSync(join(tmpdir(), "pantry-cli-"));
    execFileSync("node", [BIN, "init", "cli_demo", "--end", "2026-11-01T00:00:00"], { cwd: workdir });
    repo = join(workdir, "cli_demo");
  });
  afterAll(() => rmSync(workdir, { recursive: true, force: true }));

  it("applies, then says there is nothing to change", () => {
    const first = pantry(["apply"], repo);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("+ FeatureView driver_hourly_stats");
    expect(first.stdout).toContain("6 to create");
    const second = pantry(["apply"], repo);
    expect(second.stdout).toContain("No changes to project 'cli_demo'");
  });

  it("lists feature views and entities as aligned tables, like Feast", () => {
    const views = pantry(["feature-views", "list"], repo);
    expect(views.stdout.split("\n")[0]).toMatch(/^NAME\s+ENTITIES\s+TYPE\s+TTL\s+FEATURES\s+STATUS$/);
    expect(views.stdout).toMatch(/driver_hourly_stats\s+driver\s+FeatureView\s+1d\s+3\s+active/);
    const entities = pantry(["entities", "list"], workdir.concat("/cli_demo"));
    expect(entities.stdout).toMatch(/driver\s+driver_id\s+Int64/);
  });

  it("prints JSON with --json and filters by --tags", () => {
    const all = JSON.parse(pantry(["feature-views", "list", "--json"], repo).stdout) as { name: string }[];
    expect(all.map((v) => v.name)).toEqual(["driver_hourly_stats", "driver_profile"]);
    const tagged = JSON.parse(pantry(["feature-views", "list", "--json", "--tags", "team:drivers"], repo).stdout);
    expect(tagged).toHaveLength(2);
    const none = JSON.parse(pantry(["feature-views", "list", "--json", "--tags", "team:nobody"], repo).stdout);
    expect(none).toEqual([]);
  });

  it("works from anywhere with -c, and describes one object", () => {
    const described = JSON.parse(
      pantry(["-c", repo, "feature-services", "describe", "driver_activity_v1"], tmpdir()).stdout,
    );
    expect(described.projections.map((p: { view: string }) => p.view)).toEqual([
      "driver_hourly_stats",
      "driver_profile",
    ]);
  });

  it("answers a wrong name with a suggestion and a not-found exit code, without a stack trace", () => {
    const result = pantry(["feature-views", "describe", "driver_hourly_stat"], repo);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain(
      "feature view 'driver_hourly_stat' is not in project 'cli_demo'; did you mean 'driver_hourly_stats'?",
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("rejects a malformed feature_store.yaml with its line number, and a folder without one", () => {
    const yamlPath = join(repo, "feature_store.yaml");
    const yaml = readFileSync(yamlPath, "utf8");
    writeFileSync(yamlPath, "project: [oops\n");
    const bad = pantry(["apply"], repo);
    writeFileSync(yamlPath, yaml);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/feature_store.yaml is not valid YAML \(line/);
    const missing = pantry(["feature-views", "list"], workdir);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain("no feature_store.yaml at");
  });

  it("plans without writing, marking destructive changes", () => {
    const defs = join(repo, "feature_definitions.ts");
    const original = readFileSync(defs, "utf8");
    writeFileSync(
      defs,
      original.replace(
        '{ name: "acc_rate", dtype: "Float32", description: "Share of rides completed in the hour" },\n',
        "",
      ),
    );
    const plan = pantry(["plan"], repo);
    const after = pantry(["feature-views", "describe", "driver_hourly_stats"], repo);
    writeFileSync(defs, original);
    expect(plan.stdout).toContain("~ FeatureView driver_hourly_stats [destructive]");
    expect(plan.stdout).toContain("removes feature 'acc_rate'");
    expect(plan.stdout).toContain("affects feature services: driver_activity_v1");
    expect(after.stdout).toContain("acc_rate");
  });

  it("imports Feast's registry and lists its 5 feature services", () => {
    const imported = pantry(["import-feast", FEAST_REGISTRY], repo);
    expect(imported.code).toBe(0);
    const services = JSON.parse(
      pantry(["feature-services", "list", "--project", "credit_scoring_aws", "--json"], repo).stdout,
    );
    expect(services).toHaveLength(5);
    const projects = pantry(["projects", "list"], repo);
    expect(projects.stdout).toContain("credit_scoring_aws");
    const garbage = join(workdir, "garbage.db");
    writeFileSync(garbage, "not a registry at all");
    const bad = pantry(["import-feast", garbage], repo);
    expect(bad.code).toBe(2);
  });

  it("tears the project down", () => {
    expect(pantry(["teardown"], repo).stdout).toContain("was torn down");
    expect(pantry(["feature-views", "list"], repo).code).toBe(3);
  });
});
