// Unit tests of the console's pure modules (the unit project resolves the app's "@/" alias too).
import { describe, expect, it } from "vitest";
import { crumbsFor } from "../src/components/shell/crumbs";
import { auditRefs } from "../src/lib/audit-refs";
import { describeValue } from "../src/lib/describe-value";
import { routes, withQuery } from "../src/lib/routes";

describe("routes", () => {
  it("keeps every filter in the query string and drops empty ones", () => {
    expect(withQuery("/search", { q: "conv rate", tag: ["team:a", "pii"], owner: "", project: null })).toBe(
      "/search?q=conv+rate&tag=team%3Aa&tag=pii",
    );
  });

  it("encodes object names in paths", () => {
    expect(routes.object("p 1", "featureView", "a/b", { tab: "lineage" })).toBe(
      "/projects/p%201/feature-views/a%2Fb?tab=lineage",
    );
    expect(routes.feature("p", "driver_stats", "conv_rate")).toBe("/projects/p/features/driver_stats/conv_rate");
  });
});

describe("breadcrumbs", () => {
  it("names the project, the kind and the object", () => {
    expect(crumbsFor("/projects/model_a/feature-views/driver_stats/edit").map((c) => c.label)).toEqual([
      "Projects",
      "model_a",
      "Feature views",
      "driver_stats",
      "Edit",
    ]);
  });

  it("labels create pages by kind", () => {
    expect(crumbsFor("/projects/model_a/create/feature-services").at(-1)?.label).toBe("New feature service");
  });
});

describe("audit refs", () => {
  it("reads created, changed and deleted objects and ignores unknown kinds", () => {
    expect(auditRefs({ created: ["featureView:a"], deleted: ["entity:b", "model:x", 3] })).toEqual([
      { change: "created", kind: "featureView", name: "a" },
      { change: "deleted", kind: "entity", name: "b" },
    ]);
  });
});

describe("describeValue", () => {
  it("reads fields, projections and maps the way a person would", () => {
    expect(describeValue({ name: "conv_rate", dtype: "Float32", description: "", tags: {} })).toBe(
      "conv_rate: Float32",
    );
    expect(describeValue({ view: "v", alias: "origin", features: ["a", "b"], joinKeyMap: {} })).toBe(
      "v as origin: a, b",
    );
    expect(describeValue({ team: "a", stage: "prod" })).toBe("team=a, stage=prod");
    expect(describeValue("")).toBe('""');
  });
});
