"use client";
import {
  Background,
  Controls,
  MiniMap,
  type Node,
  type NodeTypes,
  Panel,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
} from "@xyflow/react";
import { type CSSProperties, useEffect, useMemo } from "react";
import { KIND_HEX } from "@/lib/kinds";
import { LineageNode } from "./LineageNode";
import {
  graphKey,
  nodesToFit,
  kindStyle,
  type LineageGraph,
  type LineageNodeData,
  type LineageNodeKind,
  positionLineage,
  toFlowElements,
} from "./model";
import styles from "./lineage.module.css";

const nodeTypes: NodeTypes = { lineage: LineageNode };
const LEGEND: LineageNodeKind[] = [
  "dataSource",
  "entity",
  "featureView",
  "onDemandFeatureView",
  "featureService",
  "consumer",
];
/** Above this many nodes the minimap costs more than it helps. */
const MINIMAP_LIMIT = 400;

interface LineageCanvasProps {
  graph: LineageGraph;
  project: string;
}

export function LineageCanvas(props: LineageCanvasProps) {
  return (
    <ReactFlowProvider>
      <Canvas {...props} />
    </ReactFlowProvider>
  );
}

function Canvas({ graph, project }: LineageCanvasProps) {
  const positioned = useMemo(() => positionLineage(graph), [graph]);
  const { nodes, edges } = useMemo(() => toFlowElements(positioned, project), [positioned, project]);
  const key = useMemo(() => graphKey(graph), [graph]);
  const fitNodes = useMemo(() => nodesToFit(positioned), [positioned]);
  const kindsShown = useMemo(() => new Set(graph.nodes.map((n) => n.kind)), [graph]);

  return (
    <section
      className={styles.frame}
      aria-label="Lineage graph"
      data-testid="lineage-canvas"
      data-node-count={nodes.length}
    >
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        nodesFocusable={false}
        edgesFocusable={false}
        onlyRenderVisibleElements
        minZoom={0.05}
        maxZoom={2}
        fitView
        fitViewOptions={{ padding: 0.15, maxZoom: 1.1, nodes: fitNodes }}
        proOptions={{ hideAttribution: true }}
      >
        <FitViewOnChange graphKey={key} fitNodes={fitNodes} />
        <Background gap={20} size={1} color="#e4e7ec" />
        <Controls showInteractive={false} position="bottom-left" />
        {nodes.length <= MINIMAP_LIMIT ? (
          <MiniMap
            pannable
            zoomable
            nodeColor={(node) => minimapColor(node as Node<LineageNodeData>)}
            position="bottom-right"
          />
        ) : null}
        <Panel position="top-left">
          <div className={styles.legend}>
            <span className="visually-hidden">Legend:</span>
            {LEGEND.filter((kind) => kindsShown.has(kind)).map((kind) => {
              const style = kindStyle(kind);
              return (
                <span key={kind} className={styles.legendItem}>
                  <span className={styles.swatch} style={{ "--kind": style.color } as CSSProperties} aria-hidden />
                  {style.label}
                </span>
              );
            })}
          </div>
        </Panel>
      </ReactFlow>
    </section>
  );
}

/** Re-fits whenever the graph's node set changes (Feast's graph keeps the old viewport after a filter). */
function FitViewOnChange({ graphKey, fitNodes }: { graphKey: string; fitNodes: { id: string }[] | undefined }) {
  const { fitView } = useReactFlow();
  // biome-ignore lint/correctness/useExhaustiveDependencies: graphKey is the trigger: a new node set means a new fit
  useEffect(() => {
    const frame = requestAnimationFrame(() => {
      void fitView({ padding: 0.15, maxZoom: 1.1, duration: 250, nodes: fitNodes });
    });
    return () => cancelAnimationFrame(frame);
  }, [graphKey, fitView]);
  return null;
}

function minimapColor(node: Node<LineageNodeData>): string {
  return KIND_HEX[node.data.kind];
}
