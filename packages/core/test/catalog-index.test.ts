import type { CatalogSnapshot } from "@pantry/db";
import { describe, expect, it } from "vitest";
import { buildCatalogIndex } from "../src/catalog/catalog-index";
import { decodeCursor, encodeCursor, pageOf } from "../src/catalog/cursor";
import { matchesTagFilters } from "../src/catalog/filters";
import { searchIndexes } from "../src/catalog/search-catalog";
import { buildSearchDocuments, rankDocuments } from "../src/catalog/search-documents";
import { documentsContaining, buildCorpus } from "../src/catalog/text-corpus";
import { Entity, FeatureService, FeatureView, FileSource } from "../src/definitions/sdk";
import type { RegistryObjectSpec } from "../src/definitions/types";

const doc = (name: string, extra: { description?: string; owner?: string; tags?: Record<string, string> } = {}) => ({
  name,
  description: extra.description ?? "",
  owner: extra.owner ?? "",
  tags: extra.tags ?? {},
  kind: "entity",
  project: "p",
  view: "",
  extraTags: null,
});
const rank = (d: ReturnType<typeof doc>, q: string) =>
  rankDocuments(buildSearchDocuments([d]), q.split(/\s+/).filter(Boolean))[0];

describe("search ranking", () => {
  it("ranks exact name > prefix > contains > tag/owner > description", () => {
    expect(rank(doc("driver"), "driver")).toBe(5);
    expect(rank(doc("driver_stats"), "driver")).toBe(4);
    expect(rank(doc("top_driver"), "driver")).toBe(3);
    expect(rank(doc("x", { tags: { team: "driver-ops" } }), "driver")).toBe(2);
    expect(rank(doc("x", { tags: { team: "ops" } }), "team:ops")).toBe(2);
    expect(rank(doc("x", { owner: "driver-team@x.dev" }), "driver")).toBe(2);
    expect(rank(doc("x", { description: "per driver" }), "driver")).toBe(1);
    expect(rank(doc("x"), "driver")).toBe(0);
  });

  it("needs every word, ranks by the weakest, and reads 'conv rate' as the name conv_rate", () => {
    expect(rank(doc("conv_rate"), "conv rate")).toBe(5);
    expect(rank(doc("conv_rate", { description: "hourly" }), "conv hourly")).toBe(1);
    expect(rank(doc("conv_rate"), "conv speed")).toBe(0);
    expect(rank(doc("Conv_Rate"), "conv_rate")).toBe(5);
  });

  it("finds each document holding a word once, across document boundaries", () => {
    const corpus = buildCorpus(["abc", "xabcabc", "", "zz", "abc"]);
    expect(documentsContaining(corpus, "abc")).toEqual([0, 1, 4]);
    expect(documentsContaining(corpus, "cx")).toEqual([]);
    expect(documentsContaining(corpus, "zz")).toEqual([3]);
  });

  it("holds a repeated text once and still finds every document carrying it", () => {
    const texts = ["abc", "zz", "abc", "xabc", "zz", "", "abc"];
    const corpus = buildCorpus(texts);
    expect(corpus.text.split("\u0001")).toEqual(["abc", "zz", "xabc", ""]);
    expect(documentsContaining(corpus, "abc")).toEqual([0, 2, 3, 6]);
    expect(documentsContaining(corpus, "z")).toEqual([1, 4]);
    expect(documentsContaining(corpus, "bcz")).toEqual([]);
    expect(documentsContaining(buildCorpus([]), "abc")).toEqual([]);
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
  const view = new FeatureView({
    name: "stats",
    entities: [driver],
    schema: [
      { name: "b", dtype: "Int64" },
      { name: "a", dtype: "Float32" },
    ],
    source,
    owner: "o@x",
  });
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
    expect(stats).toMatchObject({
      kind: "featureView",
      usedBy: ["svc"],
      featureCount: 2,
      entities: ["driver"],
      source: "src",
    });
    const svc = index.objects.find((o) => o.summary.name === "svc")?.summary;
    expect(svc).toMatchObject({ kind: "featureService", consumers: ["m1"], views: ["stats"], featureCount: 2 });
    expect(index.features.map((f) => `${f.feature.name}@${f.feature.project}`)).toEqual([
      "a@p1",
      "a@p2",
      "b@p1",
      "b@p2",
    ]);
    expect(index.features[0]?.feature).toMatchObject({ owner: "o@x", usedBy: ["svc"], view: "stats" });
  });

  it("searches the index: ranked hits, project scope, kind filter, total before the limit", () => {
    const index = buildCatalogIndex(snapshot, "s1");
    const scope = (projects: string[]) => [{ index, projects: new Set(projects) }];
    const all = searchIndexes(scope(["p1", "p2"]), { q: "stats", limit: 10 });
    expect(all.hits.map((h) => `${h.rank}:${h.kind}:${h.project}:${h.name}`)).toEqual([
      "5:featureView:p1:stats",
      "5:featureView:p2:stats",
    ]);
    const limited = searchIndexes(scope(["p1"]), { q: "", kinds: ["feature"], limit: 1 });
    expect(limited.total).toBe(2);
    expect(limited.hits.map((h) => `${h.view}:${h.name}`)).toEqual(["stats:a"]);
    const tagged = searchIndexes(scope(["p2"]), { q: "m1", limit: 5 });
    expect(tagged.hits).toMatchObject([{ kind: "featureService", name: "svc", matchedOn: "tag", rank: 2 }]);
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
