import { describe, expect, it } from "vitest";
import {
  Entity,
  FeatureService,
  FeatureView,
  FileSource,
  OnDemandFeatureView,
  PushSource,
  RequestSource,
} from "../src/definitions/sdk";
import { emptyRepoContents, type RepoContents } from "../src/definitions/types";
import { buildLineageGraph } from "../src/lineage/build-lineage-graph";
import { consumersFromTags, mergeConsumerLinks } from "../src/lineage/consumers";
import { focusLineage } from "../src/lineage/focus-lineage";

const driver = new Entity({ name: "driver", joinKeys: ["driver_id"] });
const statsSource = new FileSource({ name: "stats_source", path: "s.parquet" });
const push = new PushSource({ name: "stats_push", batchSource: statsSource });
const profileSource = new FileSource({ name: "profile_source", path: "p.parquet" });
const stats = new FeatureView({
  name: "stats",
  entities: [driver],
  schema: [{ name: "rate", dtype: "Float32" }],
  source: push,
});
const profile = new FeatureView({
  name: "profile",
  entities: [driver],
  schema: [{ name: "age", dtype: "Int64" }],
  source: profileSource,
});
const request = new RequestSource({ name: "req", schema: [{ name: "x", dtype: "Int64" }] });
const odfv = new OnDemandFeatureView({
  name: "derived",
  sources: [stats, request],
  schema: [{ name: "y", dtype: "Float64" }],
  transform: (r) => ({ y: r.x }),
});
const v1 = new FeatureService({ name: "svc_v1", features: [stats, odfv], tags: { model: "churn_v1" } });
const v2 = new FeatureService({ name: "svc_v2", features: [profile], tags: { consumers: "fraud_v2, risk_dashboard" } });

function contents(): RepoContents {
  const c = emptyRepoContents({ name: "p", description: "", owner: "", tags: {} });
  c.entities = [driver.toSpec()];
  c.dataSources = [statsSource.toSpec(), push.toSpec(), profileSource.toSpec(), request.toSpec()];
  c.featureViews = [stats.toSpec(), profile.toSpec()];
  c.onDemandFeatureViews = [odfv.toSpec()];
  c.featureServices = [v1.toSpec(), v2.toSpec()];
  return c;
}

const edgeIds = (g: { edges: { source: string; target: string }[] }) =>
  g.edges.map((e) => `${e.source} -> ${e.target}`).sort();

describe("lineage graph", () => {
  it("links sources, views, on-demand inputs, services and consumers", () => {
    const graph = buildLineageGraph(contents());
    expect(edgeIds(graph)).toEqual(
      [
        "dataSource:stats_source -> dataSource:stats_push",
        "dataSource:stats_push -> featureView:stats",
        "dataSource:profile_source -> featureView:profile",
        "featureView:stats -> onDemandFeatureView:derived",
        "dataSource:req -> onDemandFeatureView:derived",
        "featureView:stats -> featureService:svc_v1",
        "onDemandFeatureView:derived -> featureService:svc_v1",
        "featureView:profile -> featureService:svc_v2",
        "featureService:svc_v1 -> consumer:churn_v1",
        "featureService:svc_v2 -> consumer:fraud_v2",
        "featureService:svc_v2 -> consumer:risk_dashboard",
      ].sort(),
    );
    expect(graph.nodes.find((n) => n.id === "featureView:stats")?.detail).toBe("1 feature");
    expect(graph.nodes.some((n) => n.kind === "entity")).toBe(false);
    expect(
      buildLineageGraph(contents(), { includeEntities: true }).edges.filter((e) => e.kind === "keys"),
    ).toHaveLength(2);
  });

  it("adds consumers seen in usage data next to the tagged ones", () => {
    const links = mergeConsumerLinks(
      [v1.toSpec()],
      [
        { service: "svc_v1", consumer: "churn_v1", via: "usage" },
        { service: "svc_v1", consumer: "batch_scoring", via: "usage" },
      ],
    );
    expect(links).toEqual([
      { service: "svc_v1", consumer: "churn_v1", via: "tag" },
      { service: "svc_v1", consumer: "batch_scoring", via: "usage" },
    ]);
    expect(consumersFromTags(v2.toSpec()).map((l) => l.consumer)).toEqual(["fraud_v2", "risk_dashboard"]);
  });

  it("focuses on a service upstream, to a depth", () => {
    const graph = buildLineageGraph(contents());
    const one = focusLineage(graph, { focus: "featureService:svc_v1", direction: "upstream", depth: 1 });
    expect(one.nodes.map((n) => n.id).sort()).toEqual([
      "featureService:svc_v1",
      "featureView:stats",
      "onDemandFeatureView:derived",
    ]);
    const all = focusLineage(graph, { focus: "featureService:svc_v1", direction: "upstream", depth: 10 });
    expect(all.nodes.map((n) => n.id).sort()).toEqual([
      "dataSource:req",
      "dataSource:stats_push",
      "dataSource:stats_source",
      "featureService:svc_v1",
      "featureView:stats",
      "onDemandFeatureView:derived",
    ]);
    expect(all.nodes.some((n) => n.kind === "consumer")).toBe(false);
  });

  it("'both' walks up and down from the focus without reaching siblings through a shared parent", () => {
    const graph = buildLineageGraph(contents());
    const both = focusLineage(graph, { focus: "featureView:stats", direction: "both", depth: 5 });
    const ids = both.nodes.map((n) => n.id);
    expect(ids).toContain("dataSource:stats_source");
    expect(ids).toContain("consumer:churn_v1");
    // req feeds 'derived' (downstream of stats) but is not itself up- or downstream of stats.
    expect(ids).not.toContain("dataSource:req");
    expect(ids).not.toContain("featureView:profile");
    expect(both.edges.every((e) => ids.includes(e.source) && ids.includes(e.target))).toBe(true);
  });

  it("says which focus is unknown", () => {
    expect(() =>
      focusLineage(buildLineageGraph(contents()), { focus: "featureView:nope", direction: "both", depth: 1 }),
    ).toThrow("'featureView:nope' is not in this lineage graph");
  });
});
