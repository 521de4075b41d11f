"use client";
import { Handle, type Node, type NodeProps, Position, type ReactFlowState, useStore } from "@xyflow/react";
import { type CSSProperties, memo } from "react";
import { Icon } from "@/components/ui/Icon";
import { Link } from "@/components/ui/Link";
import type { LineageNodeData } from "./model";
import styles from "./lineage.module.css";

/** Below this zoom, names are unreadable anyway: nodes draw as plain coloured blocks (cheap at 1,000+ nodes). */
const DETAIL_ZOOM = 0.45;
const zoomedOut = (state: ReactFlowState) => state.transform[2] < DETAIL_ZOOM;

function LineageNodeView({ data }: NodeProps<Node<LineageNodeData>>) {
  const simple = useStore(zoomedOut);
  const classes = [
    styles.node,
    data.focused ? styles.focused : "",
    data.lifecycle !== "active" ? styles.deprecated : "",
  ].join(" ");
  const style = { "--kind": data.color } as CSSProperties;
  const handles = (
    <>
      <Handle type="target" position={Position.Left} className={styles.handle} isConnectable={false} />
      <Handle type="source" position={Position.Right} className={styles.handle} isConnectable={false} />
    </>
  );
  if (simple) {
    return (
      <div
        className={`${classes} ${styles.simple}`}
        style={style}
        data-testid="lineage-node"
        data-node-name={data.name}
      >
        {handles}
      </div>
    );
  }
  return (
    <Link
      href={data.href}
      className={classes}
      style={style}
      title={`${data.label}: ${data.name}`}
      aria-label={`${data.label} ${data.name}${data.focused ? " (focused)" : ""}`}
      data-testid="lineage-node"
      data-node-name={data.name}
    >
      {handles}
      <span className={styles.stripe} aria-hidden>
        <Icon name={data.icon} size={16} />
      </span>
      <span className={styles.text}>
        <span className={styles.name}>{data.name}</span>
        <span className={styles.detail}>
          {data.label}
          {data.detail ? ` · ${data.detail}` : ""}
          {data.lifecycle !== "active" ? ` · ${data.lifecycle}` : ""}
        </span>
      </span>
    </Link>
  );
}

export const LineageNode = memo(LineageNodeView);
