"use client";
import { Handle, type Node, type NodeProps, Position } from "@xyflow/react";
import { type CSSProperties, memo } from "react";
import { Icon } from "@/components/ui/Icon";
import type { LineageNodeData } from "./model";
import styles from "./lineage.module.css";

function LineageNodeView({ data }: NodeProps<Node<LineageNodeData>>) {
  const classes = [
    styles.node,
    data.focused ? styles.focused : "",
    data.lifecycle !== "active" ? styles.deprecated : "",
  ].join(" ");
  return (
    <div
      className={classes}
      style={{ "--kind": data.color } as CSSProperties}
      title={`${data.label}: ${data.name}`}
      data-testid="lineage-node"
      data-node-name={data.name}
    >
      <Handle type="target" position={Position.Left} className={styles.handle} isConnectable={false} />
      <span className={styles.stripe} aria-hidden>
        <Icon name={data.icon} size={16} />
      </span>
      <span className={styles.text}>
        <div className={styles.name}>{data.name}</div>
        <div className={styles.detail}>
          {data.label}
          {data.detail ? ` · ${data.detail}` : ""}
          {data.lifecycle !== "active" ? ` · ${data.lifecycle}` : ""}
        </div>
      </span>
      <Handle type="source" position={Position.Right} className={styles.handle} isConnectable={false} />
    </div>
  );
}

export const LineageNode = memo(LineageNodeView);
