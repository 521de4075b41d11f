import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { renderDefinitionAsTypeScript, variableName } from "../src/catalog/render-definition";
import {
  Entity,
  FeatureService,
  FeatureView,
  FileSource,
  OnDemandFeatureView,
  PushSource,
  RequestSource,
} from "../src/definitions/sdk";
import type { RegistryObjectSpec } from "../src/definitions/types";
import { loadRepo } from "../src/repo/load-repo";

const driver = new Entity({
  name: "driver",
  joinKeys: ["driver_id"],
  valueType: "Int64",
  owner: "ml@x.dev",
  tags: { team: "rides", "data-class": "internal" },
});
const stats = new FileSource({
  name: "driver_stats_source",
  path: "data/stats.parquet",
  timestampField: "ts",
  createdTimestampColumn: "created",
  fieldMapping: { cr: "conv_rate" },
});
const csv = new FileSource({ name: "profiles", path: "data/profiles.csv", format: "csv" });
const driverStats = new FeatureView({
  name: "driver_stats",
  entities: [driver],
  schema: [
    { name: "driver_id", dtype: "Int64" },
    { name: "conv_rate", dtype: "Float32", description: 'share of "accepted" offers' },
    { name: "trips", dtype: "Array(Int64)", tags: { pii: "false" } },
  ],
  source: stats,
  ttl: "2d",
  online: false,
  description: "Hourly driver stats.\nSecond line.",
});
const profile = new FeatureView({
  name: "driver",
  entities: [driver],
  schema: [{ name: "seats", dtype: "Int64" }],
  source: csv,
});
const request = new RequestSource({ name: "trip_request", schema: [{ name: "distance_km", dtype: "Float64" }] });
const odfv = new OnDemandFeatureView({
  name: "eta",
  sources: [driverStats.select(["conv_rate"]), request],
  schema: [{ name: "minutes", dtype: "Float64" }],
  transform: (row) => {
    const distance = Number(row.distance_km ?? 0);
    return { minutes: distance * 2 };
  },
});
const service = new FeatureService({
  name: "eta_v1",
  features: [
    driverStats,
    profile.withName("home").withJoinKeyMap({ driver_id: "home_driver_id" }),
    odfv.select(["minutes"]),
  ],
  tags: { model: "eta" },
});
const all: RegistryObjectSpec[] = [driver, stats, csv, driverStats, profile, request, odfv, service].map((d) =>
  d.toSpec(),
);

const folders: string[] = [];
afterAll(() => {
  for (const f of folders) rmSync(f, { recursive: true, force: true });
});

function withoutCode(spec: RegistryObjectSpec): RegistryObjectSpec {
  return spec.kind === "onDemandFeatureView" ? { ...spec, transformation: null } : spec;
}

describe("renderDefinitionAsTypeScript", () => {
  // Loading a repo compiles TypeScript through jiti: seconds on a busy machine, hence the timeout.
  it("renders a service with everything it uses as SDK code that loads back to the same specs", async () => {
    const code = renderDefinitionAsTypeScript(service.toSpec(), { related: all });
    expect(
      code.startsWith(
        'import { Entity, FeatureService, FeatureView, FileSource, OnDemandFeatureView, RequestSource } from "@pantry/sdk";',
      ),
    ).toBe(true);
    // The entity and the view are both named "driver": two variables, no clash.
    expect(code).toContain("export const driver = new Entity(");
    expect(code).toContain("export const driverView = new FeatureView(");
    expect(code).toContain('driverView.withName("home").withJoinKeyMap({ driver_id: "home_driver_id" })');
    expect(code).toContain('ttl: "2d"');

    const repo = mkdtempSync(join(tmpdir(), "pantry-render-"));
    folders.push(repo);
    writeFileSync(join(repo, "feature_store.yaml"), "project: render_test\n");
    writeFileSync(join(repo, "definitions.ts"), code);
    const loaded = await loadRepo({ repoPath: repo });
    const back = [
      ...loaded.contents.entities,
      ...loaded.contents.dataSources,
      ...loaded.contents.featureViews,
      ...loaded.contents.onDemandFeatureViews,
      ...loaded.contents.featureServices,
    ];
    const byKey = (specs: RegistryObjectSpec[]) =>
      Object.fromEntries(specs.map((s) => [`${s.kind}:${s.name}`, withoutCode(s)]));
    expect(byKey(back)).toEqual(byKey(all));
    const eta = loaded.contents.onDemandFeatureViews[0];
    expect(eta?.transformation?.code).toContain("distance * 2");
  }, 60_000);

  it("renders only what a view needs, in dependency order", () => {
    const code = renderDefinitionAsTypeScript(driverStats.toSpec(), { related: all });
    const order = ["export const driver =", "export const driverStatsSource =", "export const driverStats ="].map((s) =>
      code.indexOf(s),
    );
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(code).not.toContain("FeatureService");
  });

  it("keeps a push source's batch source and marks Python transformations as needing a rewrite", () => {
    const push = new PushSource({ name: "stats_push", batchSource: stats }).toSpec();
    expect(renderDefinitionAsTypeScript(push, { related: all })).toContain("batchSource: driverStatsSource");
    const python: RegistryObjectSpec = {
      ...odfv.toSpec(),
      transformation: { language: "python", code: "def f(df): ..." },
      mode: "pandas",
    };
    const code = renderDefinitionAsTypeScript(python);
    expect(code).toContain("Imported from a Feast registry");
    expect(code).toContain("must be rewritten in TypeScript");
  });

  it("turns registry names into variable names", () => {
    expect(variableName("driver_hourly_stats")).toBe("driverHourlyStats");
    expect(variableName("2024_stats")).toBe("_2024Stats");
    expect(variableName("default")).toBe("defaultObject");
  });
});
