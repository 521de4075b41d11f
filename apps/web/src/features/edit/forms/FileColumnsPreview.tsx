"use client";
import { Dtype } from "@/components/ui/Badge";
import { Notice, Skeleton } from "@/components/ui/States";
import { toActionableError } from "@/lib/trpc/errors";
import type { useInspectFile } from "../hooks";
import styles from "../edit.module.css";

/** What the server found at the typed path: the file's columns with their types, or why it cannot read it. */
export function FileColumnsPreview({ inspection }: { inspection: ReturnType<typeof useInspectFile> }) {
  if (!inspection.checkedPath)
    return <span className="muted">Type a path ending in .parquet or .csv; its columns are read from the file.</span>;
  if (inspection.isFetching && !inspection.data) return <Skeleton height={60} />;
  if (inspection.error) return <Notice tone="warning">{toActionableError(inspection.error).message}</Notice>;
  if (!inspection.data) return null;
  const { data } = inspection;
  return (
    <div>
      <Notice tone="success">
        Found <span className="mono">{data.resolvedPath}</span> ({data.format}, {data.columns.length} columns)
      </Notice>
      <div className={styles.tableWrap} style={{ marginTop: 10, maxHeight: 260 }}>
        <table className={styles.columns}>
          <caption className="visually-hidden">Columns of {data.path}</caption>
          <thead>
            <tr>
              <th scope="col">Column</th>
              <th scope="col">Proposed type</th>
              <th scope="col">Type in file</th>
            </tr>
          </thead>
          <tbody>
            {data.columns.map((column) => (
              <tr key={column.name}>
                <td className="mono">{column.name}</td>
                <td>
                  {column.dtype ? <Dtype value={column.dtype} /> : <span className="muted">choose one when used</span>}
                </td>
                <td className="muted mono">{column.rawType}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
