import { describe, expect, it } from "vitest";
import {
  graphKey,
  type LineageGraphNode,
  nodesToFit,
  type PositionedLineage,
  type PositionedNode,
  positionLineage,
  toFlowElements,
} from "./model";

const node = (kind: LineageGraphNode["kind"], name: string, focused = false): PositionedNode => ({
  id: `${kind}:${name}`,
  kind,
  name,
  detail: "",
  lifecycle: "active",
  x: 10,
  y: 20,
  width: 220,
  height: 56,
  focused,
});

const graph: PositionedLineage = {
  nodes: [node("dataSource", "src"), node("featureView", "fv", true), node("consumer", "eta_model")],
  edges: [
    { id: "e1", source: "dataSource:src", target: "featureView:fv", kind: "reads" },
    { id: "e2", source: "featureView:fv", target: "consumer:eta_model", kind: "consumes" },
  ],
  width: 500,
  height: 100,
  focus: "featureView:fv",
};

describe("positionLineage", () => {
  it("places the API's graph left to right and keeps what the API said of each node", () => {
    const { nodes, width, height } = positionLineage({
      nodes: graph.nodes.map(({ x, y, width, height, ...apiNode }) => apiNode),
      edges: graph.edges,
      focus: graph.focus,
    });
    expect(nodes.map((n) => [n.id, n.x])).toEqual([
      ["dataSource:src", 0],
      ["featureView:fv", 320],
      ["consumer:eta_model", 640],
    ]);
    expect(nodes[1]).toMatchObject({ kind: "featureView", name: "fv", focused: true, width: 220, height: 56 });
    expect([width, height]).toEqual([860, 56]);
  });
});

describe("toFlowElements", () => {
  it("draws each node where the layout placed it, fixed in place", () => {
    const { nodes } = toFlowElements(graph, "p");
    expect(nodes[0]).toMatchObject({ position: { x: 10, y: 20 }, width: 220, height: 56, draggable: false });
  });

  it("links objects to their pages and models to a search", () => {
    const { nodes } = toFlowElements(graph, "p");
    expect(nodes.map((n) => n.data.href)).toEqual([
      "/projects/p/data-sources/src",
      "/projects/p/feature-views/fv",
      "/search?q=eta_model&project=p",
    ]);
    expect(nodes[2]?.data.label).toBe("Model");
  });

  it("animates the edges that touch the focused node", () => {
    const { edges } = toFlowElements(graph, "p");
    expect(edges.every((e) => e.animated)).toBe(true);
  });
});

describe("graphKey", () => {
  it("changes when the node set changes (the canvas re-fits) and not otherwise", () => {
    expect(graphKey(graph)).toBe(graphKey({ ...graph, edges: [] }));
    expect(graphKey(graph)).not.toBe(graphKey({ ...graph, nodes: graph.nodes.slice(1) }));
  });
});

describe("nodesToFit", () => {
  const big = (focus: string | null): PositionedLineage => ({
    ...graph,
    focus,
    nodes: Array.from({ length: 500 }, (_, i) => ({
      ...node("featureView", `v${i}`),
      id: `featureView:v${i}`,
      y: 500 - i,
    })),
    edges: [{ id: "e", source: "featureView:v7", target: "featureView:v8", kind: "input" }],
  });

  it("fits everything when the graph is small", () => {
    expect(nodesToFit(graph)).toBeUndefined();
  });

  it("opens a large graph on its top nodes, or around the focus", () => {
    expect(nodesToFit(big(null), 3)).toEqual([
      { id: "featureView:v499" },
      { id: "featureView:v498" },
      { id: "featureView:v497" },
    ]);
    expect(nodesToFit(big("featureView:v7"))).toEqual([{ id: "featureView:v7" }, { id: "featureView:v8" }]);
  });
});
