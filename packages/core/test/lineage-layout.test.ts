import { describe, expect, it } from "vitest";
import { layoutLineage, type LayoutInput } from "../src/lineage/layout-lineage";

/** A lineage-shaped graph: sources -> views -> services -> consumers, plus some on-demand views. */
function syntheticLineage(sources: number): LayoutInput {
  const nodes: { id: string }[] = [];
  const edges: { source: string; target: string }[] = [];
  let seed = 7;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  for (let s = 0; s < sources; s++) {
    nodes.push({ id: `source:${s}` }, { id: `view:${s}` });
    edges.push({ source: `source:${s}`, target: `view:${s}` });
  }
  const odfvs = Math.floor(sources / 10);
  for (let o = 0; o < odfvs; o++) {
    nodes.push({ id: `odfv:${o}` }, { id: `request:${o}` });
    edges.push(
      { source: `view:${Math.floor(random() * sources)}`, target: `odfv:${o}` },
      { source: `request:${o}`, target: `odfv:${o}` },
    );
  }
  const services = Math.floor(sources / 4);
  for (let f = 0; f < services; f++) {
    nodes.push({ id: `service:${f}` }, { id: `model:${f}` });
    for (let k = 0; k < 3; k++)
      edges.push({ source: `view:${Math.floor(random() * sources)}`, target: `service:${f}` });
    if (odfvs && f % 3 === 0) edges.push({ source: `odfv:${f % odfvs}`, target: `service:${f}` });
    edges.push({ source: `service:${f}`, target: `model:${f}` });
  }
  return { nodes, edges };
}

describe("layoutLineage", () => {
  it("lays out left to right: every edge goes to a layer further right", () => {
    const input = syntheticLineage(40);
    const layout = layoutLineage(input);
    const at = new Map(layout.nodes.map((n) => [n.id, n]));
    for (const edge of input.edges) expect((at.get(edge.target)?.x ?? 0) > (at.get(edge.source)?.x ?? 0)).toBe(true);
    // A request source sits right before the on-demand view it feeds, not in the first column.
    expect(at.get("request:0")?.layer).toBe((at.get("odfv:0")?.layer ?? 0) - 1);
  });

  it("never overlaps two nodes", () => {
    const layout = layoutLineage(syntheticLineage(60));
    const seen = new Set(layout.nodes.map((n) => `${n.x},${n.y}`));
    expect(seen.size).toBe(layout.nodes.length);
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

  it("lays out 2,000 nodes quickly and positions every one", () => {
    const input = syntheticLineage(750);
    expect(input.nodes.length).toBeGreaterThanOrEqual(2000);
    const started = performance.now();
    const layout = layoutLineage(input);
    const elapsed = performance.now() - started;
    expect(layout.nodes).toHaveLength(input.nodes.length);
    expect(layout.nodes.every((n) => Number.isFinite(n.x) && Number.isFinite(n.y))).toBe(true);
    expect(elapsed).toBeLessThan(2000);
    expect(layout.crossings).toBeLessThan(layoutLineage(input, { iterations: 0 }).crossings);
    console.log(
      `layout of ${input.nodes.length} nodes, ${input.edges.length} edges: ${elapsed.toFixed(0)} ms, ${layout.crossings} crossings`,
    );
  });
});
