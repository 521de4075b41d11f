/**
 * A project's lineage, optionally around one object: nodes and edges, no coordinates. Placing them
 * is the job of whoever draws them (the console lays them out beside its canvas).
 */
import { catalogIndexFor } from "../catalog/catalog-index";
import { emptyRepoContents, type RepoContents } from "../definitions/types";
import type { Workspace } from "../workspace/workspace";
import {
  buildLineageGraph,
  type LineageEdge,
  type LineageNode,
  type LineageNodeKind,
  nodeId,
} from "./build-lineage-graph";
import { focusLineage, type LineageDirection } from "./focus-lineage";

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

export async function getProjectLineage(workspace: Workspace, options: ProjectLineageOptions): Promise<ProjectLineage> {
  const project = await workspace.getProjectOrThrow(options.project);
  const index = await catalogIndexFor(await workspace.registryFor(options.project));
  const contents: RepoContents = emptyRepoContents(project);
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
