/**
 * The lineage graph the API returns, placed by the layered layout (layout.ts) and turned into React
 * Flow elements. Pure: maps kinds to colours and links, and marks what touches the focus.
 */
import type { Edge, Node } from "@xyflow/react";
import type { IconName } from "@/components/ui/Icon";
import { isObjectKind, KINDS } from "../../lib/kinds";
import { routes } from "../../lib/routes";
import type { RouterOutputs } from "@/lib/trpc/types";
import { type LayoutOptions, layoutLineage } from "./layout";

export type LineageGraph = RouterOutputs["lineage"]["graph"];
export type LineageGraphNode = LineageGraph["nodes"][number];
export type LineageNodeKind = LineageGraphNode["kind"];

/** A node with its place on the canvas: top-left corner and size, in pixels. */
export type PositionedNode = LineageGraphNode & { x: number; y: number; width: number; height: number };

export interface PositionedLineage extends Omit<LineageGraph, "nodes"> {
  nodes: PositionedNode[];
  width: number;
  height: number;
}

/** Places every node of the graph (left to right: sources, views, services, models). */
export function positionLineage(graph: LineageGraph, options?: LayoutOptions): PositionedLineage {
  const layout = layoutLineage(graph, options);
  return {
    ...graph,
    // The layout returns its nodes in the input's order.
    nodes: graph.nodes.map((node, i) => {
      const at = layout.nodes[i];
      return { ...node, x: at?.x ?? 0, y: at?.y ?? 0, width: at?.width ?? 0, height: at?.height ?? 0 };
    }),
    width: layout.width,
    height: layout.height,
  };
}

export const LINEAGE_DIRECTIONS = ["both", "upstream", "downstream"] as const;
export type LineageDirection = (typeof LINEAGE_DIRECTIONS)[number];
export const LINEAGE_DEPTHS = [1, 2, 3, 4, 6, 10] as const;

export interface LineageNodeData extends Record<string, unknown> {
  kind: LineageNodeKind;
  name: string;
  detail: string;
  lifecycle: string;
  focused: boolean;
  color: string;
  icon: IconName;
  label: string;
  href: string;
}

export function kindStyle(kind: LineageNodeKind): { color: string; icon: IconName; label: string } {
  if (isObjectKind(kind)) return { color: KINDS[kind].color, icon: kind, label: KINDS[kind].label };
  return { color: "var(--kind-model)", icon: "model", label: "Model" };
}

export function hrefForNode(project: string, kind: LineageNodeKind, name: string): string {
  // Consumers (models) have no page of their own: show what refers to them.
  if (isObjectKind(kind)) return routes.object(project, kind, name);
  return routes.search({ q: name, project });
}

export function toFlowElements(
  graph: PositionedLineage,
  project: string,
): { nodes: Node<LineageNodeData>[]; edges: Edge[] } {
  const focus = graph.focus;
  const nodes = graph.nodes.map(
    (node): Node<LineageNodeData> => ({
      id: node.id,
      type: "lineage",
      position: { x: node.x, y: node.y },
      width: node.width,
      height: node.height,
      draggable: false,
      connectable: false,
      data: {
        kind: node.kind,
        name: node.name,
        detail: node.detail,
        lifecycle: node.lifecycle,
        focused: node.focused,
        href: hrefForNode(project, node.kind, node.name),
        ...kindStyle(node.kind),
      },
    }),
  );
  const edges = graph.edges.map(
    (edge): Edge => ({
      id: edge.id,
      source: edge.source,
      target: edge.target,
      type: "default",
      animated: focus !== null && (edge.source === focus || edge.target === focus),
      style: { strokeWidth: 1.5, stroke: edge.kind === "input" ? "var(--kind-odfv)" : "#98a2b3" },
      markerEnd: { type: "arrowclosed" as const, color: "#98a2b3", width: 16, height: 16 },
    }),
  );
  return { nodes, edges };
}

/** Changes whenever the set of nodes changes, so the canvas re-fits after every filter. */
export function graphKey(graph: LineageGraph): string {
  return `${graph.focus ?? ""}|${graph.nodes.length}|${graph.nodes.map((n) => n.id).join(",")}`;
}

/** Beyond this many nodes the canvas opens on a readable part of the graph instead of all of it. */
export const FIT_ALL_LIMIT = 150;

/**
 * The nodes to fit the first view on: all of them for small graphs; for large ones the focused node
 * and its neighbourhood, else the topmost nodes, so names are readable and the rest is a pan away.
 */
export function nodesToFit(graph: PositionedLineage, limit = 12): { id: string }[] | undefined {
  if (graph.nodes.length <= FIT_ALL_LIMIT) return undefined;
  const focus = graph.focus;
  if (focus) {
    const near = new Set([focus]);
    for (const edge of graph.edges) {
      if (edge.source === focus) near.add(edge.target);
      if (edge.target === focus) near.add(edge.source);
    }
    return [...near].slice(0, limit).map((id) => ({ id }));
  }
  return [...graph.nodes]
    .sort((a, b) => a.y - b.y || a.x - b.x)
    .slice(0, limit)
    .map((node) => ({ id: node.id }));
}
