/** The part of a lineage graph around one node: upstream, downstream or both, up to a depth. */
import { PantryError } from "../errors";
import type { LineageGraph } from "./build-lineage-graph";

export type LineageDirection = "upstream" | "downstream" | "both";

export interface FocusOptions {
  /** Node id (`featureView:driver_stats`). */
  focus: string;
  direction: LineageDirection;
  /** Hops from the focus; 0 = only the focus. */
  depth: number;
}

export function focusLineage(graph: LineageGraph, options: FocusOptions): LineageGraph {
  if (!graph.nodes.some((n) => n.id === options.focus)) {
    throw new PantryError("NOT_FOUND", `'${options.focus}' is not in this lineage graph`, { field: "focus" });
  }
  const outgoing = new Map<string, string[]>();
  const incoming = new Map<string, string[]>();
  for (const edge of graph.edges) {
    outgoing.set(edge.source, [...(outgoing.get(edge.source) ?? []), edge.target]);
    incoming.set(edge.target, [...(incoming.get(edge.target) ?? []), edge.source]);
  }
  const keep = new Set<string>([options.focus]);
  // Upstream and downstream walk separately: "both" must not reach siblings through a shared parent.
  const walk = (next: Map<string, string[]>) => {
    let frontier = [options.focus];
    const seen = new Set(frontier);
    for (let hop = 0; hop < options.depth && frontier.length; hop++) {
      const following: string[] = [];
      for (const id of frontier) {
        for (const neighbour of next.get(id) ?? []) {
          if (seen.has(neighbour)) continue;
          seen.add(neighbour);
          keep.add(neighbour);
          following.push(neighbour);
        }
      }
      frontier = following;
    }
    return seen;
  };
  const up = options.direction !== "downstream" ? walk(incoming) : new Set<string>();
  const down = options.direction !== "upstream" ? walk(outgoing) : new Set<string>();
  // An edge belongs to the focused graph when it lies on one of the two walks.
  const edges = graph.edges.filter(
    (e) => (up.has(e.source) && up.has(e.target)) || (down.has(e.source) && down.has(e.target)),
  );
  return { nodes: graph.nodes.filter((n) => keep.has(n.id)), edges };
}
