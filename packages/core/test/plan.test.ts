import { describe, expect, it } from "vitest";
import { Entity, FeatureService, FeatureView, FileSource } from "../src/definitions/sdk";
import type { RegistryObjectSpec } from "../src/definitions/types";
import { computePlan, type CurrentObject } from "../src/registry/plan";

const driver = new Entity({ name: "driver", joinKeys: ["driver_id"] });
const source = new FileSource({ name: "stats", path: "s.parquet" });
const view = (schema: { name: string; dtype: string }[]) => new FeatureView({ name: "stats", entities: [driver], schema, source });
const v1 = view([
  { name: "a", dtype: "Int64" },
  { name: "b", dtype: "Float32" },
]);
const service = new FeatureService({ name: "svc", features: [v1] });
const current = (specs: RegistryObjectSpec[], origin = "code"): CurrentObject[] => specs.map((spec) => ({ spec, meta: { origin, version: 1 } }));

describe("plan", () => {
  it("creates everything on an empty registry", () => {
    const plan = computePlan({ project: "p", desired: [driver.toSpec(), source.toSpec(), v1.toSpec()], current: [], origin: "code", mode: "replace" });
    expect(plan.counts).toMatchObject({ create: 3, update: 0, delete: 0 });
    expect(plan.hasChanges).toBe(true);
  });

  it("is idempotent: the same definitions change nothing", () => {
    const specs = [driver.toSpec(), source.toSpec(), v1.toSpec(), service.toSpec()];
    const plan = computePlan({ project: "p", desired: specs, current: current(specs), origin: "code", mode: "replace" });
    expect(plan.hasChanges).toBe(false);
    expect(plan.counts.unchanged).toBe(4);
  });

  it("marks a removed feature and a type change as destructive, with the affected services", () => {
    const v2 = view([{ name: "a", dtype: "Float64" }]);
    const plan = computePlan({
      project: "p",
      desired: [driver.toSpec(), source.toSpec(), v2.toSpec(), service.toSpec()],
      current: current([driver.toSpec(), source.toSpec(), v1.toSpec(), service.toSpec()]),
      origin: "code",
      mode: "replace",
    });
    const item = plan.items.find((i) => i.kind === "featureView");
    expect(item?.action).toBe("update");
    expect(item?.destructive).toBe(true);
    expect(item?.notes).toEqual(["changes the type of 'a' from Int64 to Float64", "removes feature 'b'"]);
    expect(item?.affectedServices).toEqual(["svc"]);
    expect(item?.changes.map((c) => c.path)).toContain("schema[b]");
  });

  it("deletes code objects missing from the code but keeps console ones", () => {
    const consoleEntity = new Entity({ name: "rider", joinKeys: ["rider_id"] }).toSpec();
    const plan = computePlan({
      project: "p",
      desired: [driver.toSpec()],
      current: [...current([driver.toSpec(), source.toSpec()]), ...current([consoleEntity], "console")],
      origin: "code",
      mode: "replace",
    });
    expect(plan.items.map((i) => [i.name, i.action])).toEqual([
      ["driver", "unchanged"],
      ["rider", "keep"],
      ["stats", "delete"],
    ]);
  });

  it("refuses a name clash with an object created in the console", () => {
    expect(() =>
      computePlan({ project: "p", desired: [driver.toSpec()], current: current([driver.toSpec()], "console"), origin: "code", mode: "replace" }),
    ).toThrow(/entity 'driver' was created in the console/);
  });
});
