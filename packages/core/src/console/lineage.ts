/**
 * The console's lineage page: a project's lineage read from the catalog index, optionally around one object: nodes and edges, no coordinates. Placing them
 * is the job of whoever draws them (the console lays them out beside its canvas).
 */
import { catalogIndexFor } from "../catalog/catalog-index";
import { emptyRepoContents, type RepoContents } from "../definitions/types";
import {
  buildLineageGraph,
  type LineageEdge,
  type LineageNode,
  type LineageNodeKind,
  nodeId,
} from "../lineage/build-lineage-graph";
import { focusLineage, type LineageDirection } from "../lineage/focus-lineage";
import type { Registry } from "../registry/registry";

export interface ProjectLineageOptions {
  project: string;
  focusKind?: LineageNodeKind;
  focusName?: string;
  direction: LineageDirection;
  depth: number;
  includeEntities?: boolean;
}

export interface ProjectLineage {
  nodes: (LineageNode & { focused: boolean })[];
  edges: LineageEdge[];
  /** The focused node's id, when one was asked for. */
  focus: string | null;
}

export async function getProjectLineage(registry: Registry, options: ProjectLineageOptions): Promise<ProjectLineage> {
  const index = await catalogIndexFor(registry);
  // The graph reads the objects only; the project's own description is not part of it.
  const contents: RepoContents = emptyRepoContents({ name: options.project, description: "", owner: "", tags: {} });
  const lifecycles = new Map<string, string>();
  for (const { summary, spec } of index.objects) {
    if (summary.project !== options.project) continue;
    lifecycles.set(nodeId(spec.kind, spec.name), summary.lifecycle);
    switch (spec.kind) {
      case "entity":
        contents.entities.push(spec);
        break;
      case "dataSource":
        contents.dataSources.push(spec);
        break;
      case "featureView":
        contents.featureViews.push(spec);
        break;
      case "onDemandFeatureView":
        contents.onDemandFeatureViews.push(spec);
        break;
      case "featureService":
        contents.featureServices.push(spec);
        break;
    }
  }
  let graph = buildLineageGraph(contents, {
    lifecycles,
    includeEntities: options.includeEntities || options.focusKind === "entity",
  });
  const focus = options.focusKind && options.focusName ? nodeId(options.focusKind, options.focusName) : null;
  if (focus) graph = focusLineage(graph, { focus, direction: options.direction, depth: options.depth });
  return {
    nodes: graph.nodes.map((node) => ({ ...node, focused: node.id === focus })),
    edges: graph.edges,
    focus,
  };
}
