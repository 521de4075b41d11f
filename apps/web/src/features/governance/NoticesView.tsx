"use client";
import { GuardedButton } from "@/components/auth/Guarded";
import { Badge } from "@/components/ui/Badge";
import { Card } from "@/components/ui/Card";
import { DataTable } from "@/components/ui/DataTable";
import { Link } from "@/components/ui/Link";
import { PageHeader } from "@/components/ui/PageHeader";
import { EmptyState, ErrorState, SkeletonRows } from "@/components/ui/States";
import { TabLinks } from "@/components/ui/Tabs";
import { formatDateTime, formatRelative } from "@/lib/format";
import { routes } from "@/lib/routes";
import { toActionableError } from "@/lib/trpc/errors";
import { useUrlState } from "@/lib/url-state";
import { type NoticeStatus, useAcknowledge, useNotices } from "./hooks";
import { TargetLink } from "./target-link";

/** The inbox: deprecations that reach a service or a model, for their owners to acknowledge. */
export function NoticesView({ project }: { project: string }) {
  const url = useUrlState();
  const raw = url.get("status");
  const status: NoticeStatus = raw === "acknowledged" || raw === "all" ? raw : "open";
  const notices = useNotices(project, status);
  const acknowledge = useAcknowledge();
  const rows = notices.data ?? [];
  return (
    <>
      <PageHeader
        icon="inbox"
        eyebrow={project}
        title="Notices"
        subtitle="Deprecations and retirements that reach a feature service or a model, for their owners to acknowledge."
      />
      <TabLinks
        label="Notice status"
        active={status}
        tabs={[
          { id: "open", label: "Open", href: routes.notices(project) },
          { id: "acknowledged", label: "Acknowledged", href: routes.notices(project, { status: "acknowledged" }) },
          { id: "all", label: "All", href: routes.notices(project, { status: "all" }) },
        ]}
      />
      {acknowledge.error ? <ErrorState error={acknowledge.error} /> : null}
      <Card flush>
        {notices.error ? (
          <div style={{ padding: 16 }}>
            <ErrorState error={notices.error} onRetry={() => void notices.refetch()} />
          </div>
        ) : !notices.data ? (
          <SkeletonRows columns={5} />
        ) : rows.length === 0 ? (
          <EmptyState icon="check" title={status === "open" ? "Nothing to acknowledge" : "No notice here"}>
            A notice appears when someone deprecates or retires a view, a feature or a feature service that a service
            includes or a model reads.
          </EmptyState>
        ) : (
          <DataTable
            caption={`Notices of ${project}`}
            rows={rows}
            rowKey={(n) => n.id}
            columns={[
              {
                key: "target",
                header: "What",
                render: (n) => (
                  <span>
                    <TargetLink project={project} kind={n.targetKind} name={n.target} />{" "}
                    <Badge tone={n.state === "retired" ? "danger" : "warning"}>{n.state}</Badge>
                    {n.replacement ? <span className="muted"> · use {n.replacement}</span> : null}
                  </span>
                ),
              },
              {
                key: "affects",
                header: "Affects",
                render: (n) =>
                  n.subjectKind === "featureService" ? (
                    <Link href={routes.object(project, "featureService", n.subject)}>{n.subject}</Link>
                  ) : (
                    <span>
                      <span className="muted">model </span>
                      <span className="mono">{n.subject}</span>
                    </span>
                  ),
              },
              { key: "owner", header: "Owner", render: (n) => n.owner || <span className="muted">none named</span> },
              {
                key: "when",
                header: "When",
                nowrap: true,
                render: (n) => <span title={formatDateTime(n.createdAt)}>{formatRelative(n.createdAt)}</span>,
              },
              {
                key: "ack",
                header: "Acknowledged",
                render: (n) =>
                  n.acknowledgedAt ? (
                    <span title={formatDateTime(n.acknowledgedAt)}>
                      by {n.acknowledgedBy}, {formatRelative(n.acknowledgedAt)}
                    </span>
                  ) : (
                    <GuardedButton
                      action="deprecate"
                      size="sm"
                      busy={acknowledge.isPending && acknowledge.variables?.id === n.id}
                      onClick={() => acknowledge.mutate({ project, id: n.id })}
                      aria-label={`Acknowledge: ${n.subject} and ${n.target}`}
                    >
                      Acknowledge
                    </GuardedButton>
                  ),
              },
              {
                key: "page",
                header: "",
                render: (n) => <Link href={routes.deprecation(project, n.targetKind, n.target)}>Details</Link>,
              },
            ]}
          />
        )}
      </Card>
      {acknowledge.error ? <p className="muted">{toActionableError(acknowledge.error).message}</p> : null}
    </>
  );
}
