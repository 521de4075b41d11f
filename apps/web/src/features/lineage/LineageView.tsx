"use client";
import { Checkbox, SelectInput } from "@/components/ui/Form";
import { EmptyState, ErrorState, Notice, Skeleton } from "@/components/ui/States";
import { Segmented } from "@/components/ui/Tabs";
import { LineageCanvas } from "./LineageCanvas";
import { LINEAGE_DEPTHS, LINEAGE_DIRECTIONS, type LineageDirection } from "./model";
import { type LineageFocus, useLineageGraph, useLineageParams } from "./use-lineage";
import styles from "./lineage.module.css";

/** Above this, the whole-project graph suggests focusing. */
const LARGE_GRAPH = 300;

const DIRECTION_LABELS: Record<LineageDirection, string> = {
  both: "Both",
  upstream: "Upstream",
  downstream: "Downstream",
};

interface LineageViewProps {
  project: string;
  /** An object's lineage tab; absent on the whole-project page. */
  focus?: LineageFocus;
  /** Extra controls (the project page's focus picker). */
  children?: React.ReactNode;
}

export function LineageView({ project, focus, children }: LineageViewProps) {
  const { params, update } = useLineageParams(focus ?? null);
  const graph = useLineageGraph(project, params);
  const focused = params.focus !== null;

  return (
    <div>
      <div className={styles.controls}>
        {children}
        <Segmented
          label="Direction"
          options={LINEAGE_DIRECTIONS.map((value) => ({ value, label: DIRECTION_LABELS[value] }))}
          value={params.direction}
          onChange={(direction) => update({ direction })}
        />
        <label className={styles.controlLabel} htmlFor="lineage-depth">
          Depth
          <SelectInput
            id="lineage-depth"
            small
            value={params.depth}
            onChange={(event) => update({ depth: Number(event.target.value) })}
            disabled={!focused}
            title={focused ? undefined : "Depth applies around a focused object"}
            style={{ width: 80 }}
          >
            {LINEAGE_DEPTHS.map((depth) => (
              <option key={depth} value={depth}>
                {depth}
              </option>
            ))}
          </SelectInput>
        </label>
        <Checkbox
          label="Show entities"
          checked={params.entities}
          onChange={(event) => update({ entities: event.target.checked })}
        />
        <span className={styles.meta} aria-live="polite">
          {graph.data ? `${graph.data.nodes.length} nodes · ${graph.data.edges.length} edges` : ""}
          {graph.isFetching && graph.data ? " · updating…" : ""}
        </span>
      </div>
      {graph.error ? (
        <ErrorState error={graph.error} onRetry={() => void graph.refetch()} />
      ) : !graph.data ? (
        <div className={styles.frame} role="status" aria-busy="true" aria-label="Loading lineage">
          <div style={{ padding: 24 }}>
            <Skeleton height={360} />
          </div>
        </div>
      ) : graph.data.nodes.length === 0 ? (
        <EmptyState icon="lineage" title="Nothing to draw yet">
          Lineage appears once the project has data sources and feature views. Define them in code and run{" "}
          <code>pantry apply</code>, or create them from the catalog pages.
        </EmptyState>
      ) : (
        <>
          {graph.data.nodes.length > LARGE_GRAPH && !focused ? (
            <div style={{ marginBottom: 12 }}>
              <Notice>
                {graph.data.nodes.length} nodes: zoom in to read names, or pick one object to focus on its upstream and
                downstream.
              </Notice>
            </div>
          ) : null}
          <LineageCanvas graph={graph.data} project={project} />
        </>
      )}
    </div>
  );
}
