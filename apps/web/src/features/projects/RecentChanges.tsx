import { Link } from "@/components/ui/Link";
import { formatDateTime, formatRelative } from "@/lib/format";
import { isObjectKind } from "@/lib/kinds";
import { routes } from "@/lib/routes";
import type { RouterOutputs } from "@/lib/trpc/types";
import styles from "./overview.module.css";

export type AuditEntry = RouterOutputs["catalog"]["audit"]["items"][number];

const ACTION_COLORS: Record<string, string> = {
  apply: "var(--accent)",
  create: "var(--success)",
  edit: "var(--kind-view)",
  delete: "var(--danger)",
  import: "var(--kind-odfv)",
  teardown: "var(--danger)",
  deprecate: "var(--warning)",
  retire: "var(--danger)",
  reactivate: "var(--success)",
};

export function actionColor(action: string): string {
  const key = Object.keys(ACTION_COLORS).find((k) => action.toLowerCase().includes(k));
  return key ? (ACTION_COLORS[key] ?? "var(--accent)") : "var(--text-faint)";
}

export function RecentChanges({ entries, showProject = false }: { entries: AuditEntry[]; showProject?: boolean }) {
  if (entries.length === 0)
    return <span className="muted">No changes recorded yet. Applies and console edits appear here.</span>;
  return (
    <ol className={styles.changes}>
      {entries.map((entry) => (
        <li key={entry.id} className={styles.change}>
          <span className={styles.changeDot} style={{ background: actionColor(entry.action) }} aria-hidden />
          <div className={styles.changeText}>
            <div className={styles.changeSummary}>
              {entry.project && entry.kind && entry.name && isObjectKind(entry.kind) ? (
                <Link href={routes.object(entry.project, entry.kind, entry.name)}>{entry.summary}</Link>
              ) : (
                entry.summary
              )}
            </div>
            <div className={styles.changeMeta}>
              <span title={formatDateTime(entry.createdAt)}>{formatRelative(entry.createdAt)}</span> · {entry.actor}
              {showProject && entry.project ? (
                <>
                  {" · "}
                  <Link href={routes.project(entry.project)}>{entry.project}</Link>
                </>
              ) : null}
            </div>
          </div>
        </li>
      ))}
    </ol>
  );
}
