"use client";
/** "Read by": the models that fetched a view's features online in the last 7 days (usage rollups). */
import { useQuery } from "@tanstack/react-query";
import { Card } from "@/components/ui/Card";
import { Link } from "@/components/ui/Link";
import { formatCount, formatDateTime, formatRelative } from "@/lib/format";
import { routes } from "@/lib/routes";
import { useTRPC } from "@/lib/trpc/client";
import { MODEL_PARAM } from "./model";
import styles from "./usage.module.css";

export function ReadByCard({ project, view }: { project: string; view: string }) {
  const trpc = useTRPC();
  const readers = useQuery(trpc.usage.viewReaders.queryOptions({ project, view, days: 7 }));
  return (
    <Card title="Read by (last 7 days)" count={readers.data?.length}>
      {readers.error ? (
        <span className="muted">Usage could not be loaded.</span>
      ) : !readers.data ? (
        <span className="muted">Loading…</span>
      ) : readers.data.length === 0 ? (
        <span className="muted">
          No model read this view online. Requests name their model with the <code>x-pantry-consumer</code> header.
        </span>
      ) : (
        <ul className={styles.readers}>
          {readers.data.map((r) => (
            <li key={r.consumer}>
              <Link href={routes.usage(project, { [MODEL_PARAM]: r.consumer })} title={r.features.join(", ")}>
                {r.consumer}
              </Link>
              <span className="muted" title={formatDateTime(r.lastSeen)}>
                {formatCount(r.requests)} req · {formatRelative(r.lastSeen)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
