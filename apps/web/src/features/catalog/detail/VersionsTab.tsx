"use client";
import { useState } from "react";
import { GuardedButton } from "@/components/auth/Guarded";
import { Badge } from "@/components/ui/Badge";
import { RestoreDialog } from "@/features/governance/RestoreDialog";
import { Card } from "@/components/ui/Card";
import { SelectInput } from "@/components/ui/Form";
import { EmptyState, ErrorState, Skeleton, SkeletonRows } from "@/components/ui/States";
import { describeValue } from "@/lib/describe-value";
import { formatDateTime, formatRelative } from "@/lib/format";
import type { ObjectKind } from "@/lib/kinds";
import { useVersionComparison } from "./use-versions";
import styles from "./versions.module.css";

export function VersionsTab({ project, kind, name }: { project: string; kind: ObjectKind; name: string }) {
  const comparison = useVersionComparison(project, kind, name);
  const { versions, from, to, select } = comparison;
  const [restoring, setRestoring] = useState<number | null>(null);

  if (versions.error) return <ErrorState error={versions.error} onRetry={() => void versions.refetch()} />;
  if (!versions.data) return <SkeletonRows />;
  const list = versions.data;

  return (
    <div className={styles.layout}>
      {restoring !== null ? (
        <RestoreDialog
          project={project}
          kind={kind}
          name={name}
          version={restoring}
          onClose={() => setRestoring(null)}
        />
      ) : null}
      <Card title="History" count={list.length} flush>
        <ol className={styles.timeline}>
          {list.map((v) => (
            <li key={v.version} className={styles.version}>
              <span className={styles.versionNo}>v{v.version}</span>
              <div>
                <div>
                  <Badge tone={v.change === "delete" ? "danger" : v.change === "create" ? "success" : "neutral"}>
                    {v.change}
                  </Badge>{" "}
                  <span className={styles.versionMeta}>by {v.author}</span>
                  {v.change !== "delete" && v.version !== list[0]?.version ? (
                    <GuardedButton action="edit" size="sm" variant="ghost" onClick={() => setRestoring(v.version)}>
                      Restore
                    </GuardedButton>
                  ) : null}
                </div>
                <div className={styles.versionMeta} title={formatDateTime(v.createdAt)}>
                  {formatRelative(v.createdAt)}
                </div>
                {list.length > 1 ? (
                  <div className={styles.picks}>
                    <button
                      type="button"
                      className={styles.pick}
                      aria-pressed={from === v.version}
                      onClick={() => select({ from: v.version })}
                    >
                      from
                    </button>
                    <button
                      type="button"
                      className={styles.pick}
                      aria-pressed={to === v.version}
                      onClick={() => select({ to: v.version })}
                    >
                      to
                    </button>
                  </div>
                ) : null}
              </div>
            </li>
          ))}
        </ol>
      </Card>
      <Card
        title="Changes"
        actions={
          list.length > 1 ? (
            <div className={styles.compareBar}>
              <VersionSelect
                label="From version"
                value={from}
                versions={list.map((v) => v.version)}
                onChange={(value) => select({ from: value })}
              />
              <span aria-hidden>→</span>
              <VersionSelect
                label="To version"
                value={to}
                versions={list.map((v) => v.version)}
                onChange={(value) => select({ to: value })}
              />
            </div>
          ) : null
        }
        flush
      >
        <DiffBody comparison={comparison} versionCount={list.length} />
      </Card>
    </div>
  );
}

function VersionSelect({
  label,
  value,
  versions,
  onChange,
}: {
  label: string;
  value: number;
  versions: number[];
  onChange: (value: number) => void;
}) {
  return (
    <SelectInput
      small
      aria-label={label}
      value={value}
      onChange={(event) => onChange(Number(event.target.value))}
      style={{ width: 84 }}
    >
      {versions.map((v) => (
        <option key={v} value={v}>
          v{v}
        </option>
      ))}
    </SelectInput>
  );
}

function DiffBody({
  comparison,
  versionCount,
}: {
  comparison: ReturnType<typeof useVersionComparison>;
  versionCount: number;
}) {
  const { diff, from, to, canCompare } = comparison;
  if (versionCount < 2) {
    return (
      <EmptyState icon="audit" title="Only one version so far">
        Every apply or console edit that changes this object records a new version; compare any two of them here.
      </EmptyState>
    );
  }
  if (!canCompare) return <EmptyState icon="audit" title="Pick two different versions to compare" />;
  if (diff.error) return <ErrorState error={diff.error} />;
  if (!diff.data) return <Skeleton height={120} />;
  if (diff.data.changes.length === 0) return <EmptyState icon="check" title={`v${from} and v${to} are identical`} />;
  return (
    <table className={styles.diff}>
      <caption className="visually-hidden">
        Changes from version {from} to version {to}
      </caption>
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">v{from}</th>
          <th scope="col">v{to}</th>
        </tr>
      </thead>
      <tbody>
        {diff.data.changes.map((change) => (
          <tr key={change.path}>
            <td className={styles.path}>{change.path}</td>
            <td>
              {change.before === undefined ? (
                <span className={styles.none}>—</span>
              ) : (
                <span className={styles.before}>{showValue(change.before)}</span>
              )}
            </td>
            <td>
              {change.after === undefined ? (
                <span className={styles.none}>removed</span>
              ) : (
                <span className={styles.after}>{showValue(change.after)}</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function showValue(value: unknown): string {
  return describeValue(value);
}
