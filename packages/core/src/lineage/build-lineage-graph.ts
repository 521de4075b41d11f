/**
 * Lineage of a project as plain data: data source -> feature view -> feature service -> consumer,
 * plus the inputs of on-demand views (views and request sources) and push sources' batch sources.
 * Pure: the console, the CLI and tests build it from RepoContents; layout and rendering are the console's.
 */
import type { RepoContents } from "../definitions/types";
import { type ConsumerLink, mergeConsumerLinks } from "./consumers";

export type LineageNodeKind =
  | "entity"
  | "dataSource"
  | "featureView"
  | "onDemandFeatureView"
  | "featureService"
  | "consumer";

export interface LineageNode {
  /** `${kind}:${name}`: unique within one project's graph. */
  id: string;
  kind: LineageNodeKind;
  name: string;
  /** A short second line for the node: a source's type, a view's feature count, ... */
  detail: string;
  lifecycle: string;
}

export type LineageEdgeKind = "reads" | "batchOf" | "input" | "includes" | "consumes" | "keys";

export interface LineageEdge {
  id: string;
  source: string;
  target: string;
  kind: LineageEdgeKind;
}

export interface LineageGraph {
  nodes: LineageNode[];
  edges: LineageEdge[];
}

export interface BuildLineageOptions {
  /** Consumers observed in usage data; tags of the services are always read. */
  observedConsumers?: ConsumerLink[];
  /** Entities -> views edges (off by default: they crowd the graph without adding a data path). */
  includeEntities?: boolean;
  /** Lifecycle state per `${kind}:${name}`, when known (deprecated nodes are drawn differently). */
  lifecycles?: Map<string, string>;
}

export const nodeId = (kind: LineageNodeKind, name: string) => `${kind}:${name}`;

export function buildLineageGraph(contents: RepoContents, options: BuildLineageOptions = {}): LineageGraph {
  const nodes = new Map<string, LineageNode>();
  const edges = new Map<string, LineageEdge>();
  const addNode = (kind: LineageNodeKind, name: string, detail: string) => {
    const id = nodeId(kind, name);
    if (!nodes.has(id)) nodes.set(id, { id, kind, name, detail, lifecycle: options.lifecycles?.get(id) ?? "active" });
    return id;
  };
  const addEdge = (source: string, target: string, kind: LineageEdgeKind) => {
    const id = `${source}->${target}`;
    if (!edges.has(id)) edges.set(id, { id, source, target, kind });
  };
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

  for (const source of contents.dataSources) addNode("dataSource", source.name, source.type);
  for (const source of contents.dataSources) {
    if (source.type === "push" && source.batchSource) {
      addEdge(addNode("dataSource", source.batchSource, "missing"), nodeId("dataSource", source.name), "batchOf");
    }
  }
  if (options.includeEntities) {
    for (const entity of contents.entities) addNode("entity", entity.name, entity.joinKeys.join(", "));
  }
  for (const view of contents.featureViews) {
    const id = addNode("featureView", view.name, plural(view.schema.length, "feature"));
    // A view whose source is missing still shows where it reads from (validation reports the rest).
    addEdge(addNode("dataSource", view.source, "missing"), id, "reads");
    if (options.includeEntities)
      for (const entity of view.entities) addEdge(addNode("entity", entity, "missing"), id, "keys");
  }
  for (const odfv of contents.onDemandFeatureViews) {
    const id = addNode("onDemandFeatureView", odfv.name, plural(odfv.schema.length, "feature"));
    for (const input of odfv.sources) {
      const from =
        input.type === "request"
          ? addNode("dataSource", input.name, "request")
          : addNode("featureView", input.name, "missing");
      addEdge(from, id, "input");
    }
  }
  const odfvNames = new Set(contents.onDemandFeatureViews.map((v) => v.name));
  for (const service of contents.featureServices) {
    const features = service.projections.reduce((n, p) => n + p.features.length, 0);
    const id = addNode("featureService", service.name, plural(features, "feature"));
    for (const projection of service.projections) {
      const kind = odfvNames.has(projection.view) ? "onDemandFeatureView" : "featureView";
      addEdge(addNode(kind, projection.view, "missing"), id, "includes");
    }
  }
  for (const link of mergeConsumerLinks(contents.featureServices, options.observedConsumers)) {
    addEdge(
      nodeId("featureService", link.service),
      addNode("consumer", link.consumer, link.via === "tag" ? "model" : "observed"),
      "consumes",
    );
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()] };
}
