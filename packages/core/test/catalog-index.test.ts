import type { CatalogSnapshot } from "@pantry/db";
import { describe, expect, it } from "vitest";
import { buildCatalogIndex, searchText } from "../src/catalog/catalog-index";
import { decodeCursor, encodeCursor, pageOf } from "../src/catalog/cursor";
import { matchesTagFilters } from "../src/catalog/filters";
import { rankText } from "../src/catalog/search-catalog";
import { Entity, FeatureService, FeatureView, FileSource } from "../src/definitions/sdk";
import type { RegistryObjectSpec } from "../src/definitions/types";

const text = (name: string, extra: { description?: string; owner?: string; tags?: Record<string, string> } = {}) =>
  searchText({ name, description: extra.description ?? "", owner: extra.owner ?? "", tags: extra.tags ?? {} });
const rank = (t: ReturnType<typeof text>, q: string) => rankText(t, q, q.split(/\s+/).filter(Boolean)).rank;

describe("search ranking", () => {
  it("ranks exact name > prefix > contains > tag/owner > description", () => {
    expect(rank(text("driver"), "driver")).toBe(5);
    expect(rank(text("driver_stats"), "driver")).toBe(4);
    expect(rank(text("top_driver"), "driver")).toBe(3);
    expect(rank(text("x", { tags: { team: "driver-ops" } }), "driver")).toBe(2);
    expect(rank(text("x", { owner: "driver-team@x.dev" }), "driver")).toBe(2);
    expect(rank(text("x", { description: "per driver" }), "driver")).toBe(1);
    expect(rank(text("x"), "driver")).toBe(-1);
  });

  it("needs every word, ranks by the weakest, and reads 'conv rate' as the name conv_rate", () => {
    expect(rank(text("conv_rate"), "conv rate")).toBe(5);
    expect(rank(text("conv_rate", { description: "hourly" }), "conv hourly")).toBe(1);
    expect(rank(text("conv_rate"), "conv speed")).toBe(-1);
    expect(rank(text("Conv_Rate"), "CONV_RATE".toLowerCase())).toBe(5);
  });

  it("matches tag filters by key:value or key", () => {
    expect(matchesTagFilters({ team: "ml" }, ["team:ML"])).toBe(true);
    expect(matchesTagFilters({ team: "ml" }, ["team"])).toBe(true);
    expect(matchesTagFilters({ team: "ml" }, ["team:ops"])).toBe(false);
    expect(matchesTagFilters({}, ["team:ml"], { team: "ml" })).toBe(true);
  });
});

describe("catalog index", () => {
  const driver = new Entity({ name: "driver", joinKeys: ["driver_id"] });
  const source = new FileSource({ name: "src", path: "s.parquet" });
  const view = new FeatureView({ name: "stats", entities: [driver], schema: [{ name: "b", dtype: "Int64" }, { name: "a", dtype: "Float32" }], source, owner: "o@x" });
  const service = new FeatureService({ name: "svc", features: [view], tags: { model: "m1" } });
  const row = (projectName: string, spec: RegistryObjectSpec) => ({
    projectName,
    kind: spec.kind,
    id: `${projectName}-${spec.name}`,
    name: spec.name,
    description: spec.description,
    owner: spec.owner,
    tags: JSON.stringify(spec.tags),
    origin: "code",
    version: 1,
    lifecycle: "active",
    spec: JSON.stringify(spec),
    createdAt: new Date(0),
    updatedAt: new Date(0),
  });
  const snapshot: CatalogSnapshot = {
    projects: [],
    objects: ["p1", "p2"].flatMap((p) => [driver, source, view, service].map((d) => row(p, d.toSpec()))),
  };

  it("summarizes objects with their services and consumers and lists every feature", () => {
    const index = buildCatalogIndex(snapshot, "s1");
    const stats = index.objects.find((o) => o.summary.project === "p1" && o.summary.name === "stats")?.summary;
    expect(stats).toMatchObject({ kind: "featureView", usedBy: ["svc"], featureCount: 2, entities: ["driver"], source: "src" });
    const svc = index.objects.find((o) => o.summary.name === "svc")?.summary;
    expect(svc).toMatchObject({ kind: "featureService", consumers: ["m1"], views: ["stats"], featureCount: 2 });
    expect(index.features.map((f) => `${f.feature.name}@${f.feature.project}`)).toEqual(["a@p1", "a@p2", "b@p1", "b@p2"]);
    expect(index.features[0]?.feature).toMatchObject({ owner: "o@x", usedBy: ["svc"], view: "stats" });
  });

  it("pages with cursors that survive items being added before them", () => {
    const items = ["a", "b", "c", "d", "e"];
    const first = pageOf(items, { limit: 2, keyOf: (x) => x });
    expect(first).toEqual({ items: ["a", "b"], nextCursor: encodeCursor("b"), total: 5 });
    const second = pageOf(["0", ...items], { limit: 2, cursor: first.nextCursor, keyOf: (x) => x });
    expect(second.items).toEqual(["c", "d"]);
    const last = pageOf(items, { limit: 2, cursor: encodeCursor("d"), keyOf: (x) => x });
    expect(last).toMatchObject({ items: ["e"], nextCursor: null });
    expect(decodeCursor(encodeCursor("driver\u0000x"))).toBe("driver\u0000x");
    expect(() => decodeCursor("%%%")).toThrow("the page cursor is not one this server gave out");
  });
});
