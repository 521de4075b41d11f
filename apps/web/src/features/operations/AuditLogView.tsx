"use client";
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { Link } from "@/components/ui/Link";
import { Badge } from "@/components/ui/Badge";
import { Button } from "@/components/ui/Button";
import { Card } from "@/components/ui/Card";
import { DataTable } from "@/components/ui/DataTable";
import { PageHeader } from "@/components/ui/PageHeader";
import { EmptyState, ErrorState, SkeletonRows } from "@/components/ui/States";
import { type AuditEntry, actionColor } from "@/features/projects/RecentChanges";
import { type AuditRef, auditRefs } from "@/lib/audit-refs";
import { formatDateTime, formatRelative } from "@/lib/format";
import { isObjectKind, KINDS } from "@/lib/kinds";
import { routes } from "@/lib/routes";
import { useTRPC } from "@/lib/trpc/client";

export function AuditLogView({ project }: { project: string }) {
  const trpc = useTRPC();
  const audit = useInfiniteQuery({
    ...trpc.catalog.audit.infiniteQueryOptions(
      { project, limit: 50 },
      { getNextPageParam: (page) => page.nextCursor ?? undefined },
    ),
    placeholderData: keepPreviousData,
  });
  const entries = audit.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <>
      <PageHeader
        icon="audit"
        eyebrow={project}
        title="Audit log"
        subtitle="Every apply, console edit, import and teardown: who, when, what changed."
      />
      <Card flush>
        {audit.error ? (
          <div style={{ padding: 16 }}>
            <ErrorState error={audit.error} onRetry={() => void audit.refetch()} />
          </div>
        ) : !audit.data ? (
          <SkeletonRows columns={4} />
        ) : entries.length === 0 ? (
          <EmptyState icon="audit" title="Nothing recorded yet">
            The log fills as soon as someone runs <code>pantry apply</code> or saves a form in the console.
          </EmptyState>
        ) : (
          <DataTable
            caption={`Audit log of ${project}`}
            rows={entries}
            rowKey={(e) => e.id}
            columns={[
              {
                key: "when",
                header: "When",
                nowrap: true,
                render: (e) => <span title={formatDateTime(e.createdAt)}>{formatRelative(e.createdAt)}</span>,
              },
              {
                key: "action",
                header: "Action",
                render: (e) => (
                  <Badge>
                    <span
                      style={{ width: 6, height: 6, borderRadius: 3, background: actionColor(e.action) }}
                      aria-hidden
                    />
                    {e.action}
                  </Badge>
                ),
              },
              { key: "object", header: "Objects", render: (e) => <AuditObjects project={project} entry={e} /> },
              { key: "summary", header: "Summary", render: (e) => e.summary },
              { key: "actor", header: "By", render: (e) => e.actor },
            ]}
            footer={
              audit.hasNextPage ? (
                <>
                  <span>{entries.length} entries</span>
                  <Button size="sm" onClick={() => void audit.fetchNextPage()} busy={audit.isFetchingNextPage}>
                    Older entries
                  </Button>
                </>
              ) : null
            }
          />
        )}
      </Card>
    </>
  );
}

const CHANGE_MARK: Record<AuditRef["change"], string> = { created: "+", changed: "~", deleted: "−" };
const SHOWN_REFS = 4;

function AuditObjects({ project, entry }: { project: string; entry: AuditEntry }) {
  const refs = auditRefs(entry.details);
  if (refs.length === 0) {
    return entry.kind && entry.name && isObjectKind(entry.kind) ? (
      <Link href={routes.object(project, entry.kind, entry.name)}>{entry.name}</Link>
    ) : (
      <span className="muted">—</span>
    );
  }
  return (
    <span style={{ display: "inline-flex", flexWrap: "wrap", gap: "2px 10px" }}>
      {refs.slice(0, SHOWN_REFS).map((ref) => (
        <span
          key={`${ref.change}:${ref.kind}:${ref.name}`}
          title={`${ref.change} ${KINDS[ref.kind].label.toLowerCase()}`}
        >
          <span className="mono muted">{CHANGE_MARK[ref.change]}</span>{" "}
          {ref.change === "deleted" ? (
            <span className="mono">{ref.name}</span>
          ) : (
            <Link href={routes.object(project, ref.kind, ref.name)}>{ref.name}</Link>
          )}
        </span>
      ))}
      {refs.length > SHOWN_REFS ? <span className="muted">and {refs.length - SHOWN_REFS} more</span> : null}
    </span>
  );
}
