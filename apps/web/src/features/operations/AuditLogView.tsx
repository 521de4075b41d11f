"use client";
import { keepPreviousData, useInfiniteQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useState } from "react";
import { SelectField, TextField } from "@/components/ui/Form";
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
import { useUrlState } from "@/lib/url-state";

const FILTER_KEYS = ["actor", "action", "object", "since", "until"] as const;
type FilterKey = (typeof FILTER_KEYS)[number];
type Filters = Record<FilterKey, string>;

const ACTIONS = [
  "apply",
  "console-edit",
  "import-feast",
  "teardown",
  "deprecate",
  "retire",
  "reactivate",
  "acknowledge",
  "create-schedule",
  "pause-schedule",
  "resume-schedule",
  "delete-schedule",
];

/** The filters live in the URL (shareable); the form edits a draft and applies it on submit. */
function useAuditFilters(): [Filters, (next: Filters) => void] {
  const url = useUrlState();
  const current = Object.fromEntries(FILTER_KEYS.map((key) => [key, url.get(key) ?? ""])) as Filters;
  return [current, (next) => url.set(next, { push: true })];
}

export function AuditLogView({ project }: { project: string }) {
  const trpc = useTRPC();
  const [filters, setFilters] = useAuditFilters();
  const active = FILTER_KEYS.some((key) => filters[key]);
  const audit = useInfiniteQuery({
    ...trpc.catalog.audit.infiniteQueryOptions(
      { project, limit: 50, ...filters },
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
        subtitle="Every apply, console edit, import, teardown and lifecycle change: who, when, what changed."
        actions={<ExportButton project={project} filters={filters} />}
      />
      <AuditFilterForm filters={filters} onApply={setFilters} />
      <Card flush>
        {audit.error ? (
          <div style={{ padding: 16 }}>
            <ErrorState error={audit.error} onRetry={() => void audit.refetch()} />
          </div>
        ) : !audit.data ? (
          <SkeletonRows columns={4} />
        ) : entries.length === 0 && active ? (
          <EmptyState
            icon="audit"
            title="No entry matches these filters"
            actions={
              <Button onClick={() => setFilters({ actor: "", action: "", object: "", since: "", until: "" })}>
                Clear the filters
              </Button>
            }
          >
            Widen the time range or remove a filter.
          </EmptyState>
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

function AuditFilterForm({ filters, onApply }: { filters: Filters; onApply: (next: Filters) => void }) {
  const [draft, setDraft] = useState(filters);
  const key = FILTER_KEYS.map((k) => filters[k]).join("\u0000");
  // Back/forward and shared links change the URL: the form follows it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for the filters' values
  useEffect(() => setDraft(filters), [key]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply(draft);
  };
  const field = (name: FilterKey) => ({
    value: draft[name],
    onChange: (value: string) => setDraft({ ...draft, [name]: value }),
  });
  return (
    <form
      onSubmit={submit}
      aria-label="Audit log filters"
      style={{ display: "flex", gap: 12, alignItems: "flex-end", flexWrap: "wrap", marginBottom: 16 }}
    >
      <TextField id="audit-actor" label="Actor" placeholder="alice" {...field("actor")} />
      <SelectField id="audit-action" label="Action" {...field("action")}>
        <option value="">Any action</option>
        {[...new Set([...ACTIONS, ...(draft.action ? [draft.action] : [])])].map((action) => (
          <option key={action} value={action}>
            {action}
          </option>
        ))}
      </SelectField>
      <TextField
        id="audit-object"
        label="Object"
        placeholder="driver_stats or feature:view:feature"
        {...field("object")}
      />
      <TextField id="audit-since" label="Since" placeholder="24h, 7d or 2026-11-01" {...field("since")} />
      <TextField id="audit-until" label="Until" placeholder="2026-12-01" {...field("until")} />
      <Button type="submit" variant="primary">
        Apply filters
      </Button>
    </form>
  );
}

/** Downloads the entries matching the filters as CSV (fetched through tRPC, saved as a file). */
function ExportButton({ project, filters }: { project: string; filters: Filters }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [state, setState] = useState<{ busy: boolean; message: string | null }>({ busy: false, message: null });
  const download = async () => {
    setState({ busy: true, message: null });
    try {
      const result = await queryClient.fetchQuery({
        ...trpc.governance.auditExport.queryOptions({ project, ...filters }),
        staleTime: 0,
      });
      const url = URL.createObjectURL(new Blob([result.csv], { type: "text/csv;charset=utf-8" }));
      const link = document.createElement("a");
      link.href = url;
      link.download = result.filename;
      document.body.append(link);
      link.click();
      link.remove();
      URL.revokeObjectURL(url);
      setState({
        busy: false,
        message: `${result.rows} entries exported${result.truncated ? " (the first ones only: narrow the filters)" : ""}`,
      });
    } catch (error) {
      setState({ busy: false, message: error instanceof Error ? error.message : String(error) });
    }
  };
  return (
    <span style={{ display: "inline-flex", gap: 8, alignItems: "center" }}>
      {state.message ? (
        <span className="muted" role="status">
          {state.message}
        </span>
      ) : null}
      <Button onClick={() => void download()} busy={state.busy}>
        Export CSV
      </Button>
    </span>
  );
}
