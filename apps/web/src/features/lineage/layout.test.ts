import { describe, expect, it } from "vitest";
import { syntheticLineage } from "@/testing/synthetic-lineage";
import { type Layout, layoutLineage } from "./layout";

/** Two boxes overlap when they share any area (touching edges do not count). */
function overlaps(a: Layout["nodes"][number], b: Layout["nodes"][number]): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

describe("layoutLineage", () => {
  it("ranks a project left to right: source, view, service, model, with an entity beside its view", () => {
    const layout = layoutLineage({
      nodes: [
        { id: "consumer:eta_model" },
        { id: "featureService:eta_v1" },
        { id: "featureView:driver_stats" },
        { id: "dataSource:driver_stats_source" },
        { id: "entity:driver" },
      ],
      edges: [
        { source: "dataSource:driver_stats_source", target: "featureView:driver_stats" },
        { source: "entity:driver", target: "featureView:driver_stats" },
        { source: "featureView:driver_stats", target: "featureService:eta_v1" },
        { source: "featureService:eta_v1", target: "consumer:eta_model" },
      ],
    });
    const layer = Object.fromEntries(layout.nodes.map((n) => [n.id, n.layer]));
    expect(layer).toEqual({
      "dataSource:driver_stats_source": 0,
      "entity:driver": 0,
      "featureView:driver_stats": 1,
      "featureService:eta_v1": 2,
      "consumer:eta_model": 3,
    });
    // Returned in the input's order, so callers can zip nodes and places.
    expect(layout.nodes.map((n) => n.id)[0]).toBe("consumer:eta_model");
  });

  it("lays out left to right: every edge goes to a layer further right", () => {
    const input = syntheticLineage(40);
    const layout = layoutLineage(input);
    const at = new Map(layout.nodes.map((n) => [n.id, n]));
    for (const edge of input.edges) expect((at.get(edge.target)?.x ?? 0) > (at.get(edge.source)?.x ?? 0)).toBe(true);
    // A request source sits right before the on-demand view it feeds, not in the first column.
    expect(at.get("request:0")?.layer).toBe((at.get("odfv:0")?.layer ?? 0) - 1);
  });

  it("never overlaps two nodes, and keeps every node inside the drawing", () => {
    const layout = layoutLineage(syntheticLineage(60));
    const seen = new Set(layout.nodes.map((n) => `${n.x},${n.y}`));
    expect(seen.size).toBe(layout.nodes.length);
    const overlapping = layout.nodes.flatMap((a, i) =>
      layout.nodes.slice(i + 1).flatMap((b) => (overlaps(a, b) ? [`${a.id} / ${b.id}`] : [])),
    );
    expect(overlapping).toEqual([]);
    for (const n of layout.nodes) {
      expect(n.x + n.width).toBeLessThanOrEqual(layout.width);
      expect(n.y + n.height).toBeLessThanOrEqual(layout.height);
    }
  });

  it("reduces crossings: a crossed two-layer graph comes out straight", () => {
    const layout = layoutLineage({
      nodes: [{ id: "a" }, { id: "b" }, { id: "c" }, { id: "z" }, { id: "y" }, { id: "x" }],
      edges: [
        { source: "a", target: "x" },
        { source: "b", target: "y" },
        { source: "c", target: "z" },
      ],
    });
    expect(layout.crossings).toBe(0);
  });

  it("survives a cycle (a broken registry) without hanging", () => {
    const layout = layoutLineage({
      nodes: [{ id: "a" }, { id: "b" }],
      edges: [
        { source: "a", target: "b" },
        { source: "b", target: "a" },
      ],
    });
    expect(layout.nodes.map((n) => n.layer).sort()).toEqual([0, 1]);
  });

  it("positions every one of 2,000 nodes, with fewer crossings than before ordering", () => {
    const input = syntheticLineage(750);
    expect(input.nodes.length).toBeGreaterThanOrEqual(2000);
    const layout = layoutLineage(input);
    expect(layout.nodes).toHaveLength(input.nodes.length);
    expect(layout.nodes.every((n) => Number.isFinite(n.x) && Number.isFinite(n.y))).toBe(true);
    expect(layout.crossings).toBeLessThan(layoutLineage(input, { iterations: 0 }).crossings);
  });

  it("lays out an empty graph as an empty drawing", () => {
    expect(layoutLineage({ nodes: [], edges: [] })).toMatchObject({ nodes: [], width: 0, height: 0, crossings: 0 });
  });
});
