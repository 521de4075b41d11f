"use client";
import { Badge } from "@/components/ui/Badge";
import { Card, Properties } from "@/components/ui/Card";
import { DataTable } from "@/components/ui/DataTable";
import { PageHeader } from "@/components/ui/PageHeader";
import { EmptyState, ErrorState, Skeleton } from "@/components/ui/States";
import { formatCount, formatDateTime, formatRelative } from "@/lib/format";
import { useUrlState } from "@/lib/url-state";
import { useDeprecationReport } from "./hooks";
import { TargetLink } from "./target-link";

/** A deprecation's page: its state, who was notified and acknowledged, and who still reads it. */
export function DeprecationReportView({ project }: { project: string }) {
  const url = useUrlState();
  const kind = url.get("kind") ?? "";
  const name = url.get("name") ?? "";
  const report = useDeprecationReport(project, kind, name);
  if (!name) {
    return (
      <EmptyState icon="alert" title="Which deprecation?">
        Open a deprecation from the notices or from a deprecated object's page.
      </EmptyState>
    );
  }
  const data = report.data;
  return (
    <>
      <PageHeader
        icon="alert"
        eyebrow={`${project} · deprecation`}
        title={<TargetLink project={project} kind={kind} name={name} />}
        badges={
          data ? (
            <Badge tone={data.state === "retired" ? "danger" : data.state === "deprecated" ? "warning" : "neutral"}>
              {data.state}
            </Badge>
          ) : null
        }
        subtitle={data ? (data.reason ?? <span className="muted">No reason recorded.</span>) : <Skeleton width={240} />}
      />
      {report.error ? (
        <ErrorState error={report.error} onRetry={() => void report.refetch()} />
      ) : !data ? (
        <Skeleton height={200} />
      ) : (
        <>
          <Card title="Deprecation">
            <Properties
              items={[
                ["State", data.state],
                ["Replacement", data.replacement ?? "none named"],
                ["Sunset", data.sunsetAt ? formatDateTime(data.sunsetAt) : "none"],
                ["Acknowledged", `${data.acknowledged} of ${data.notices.length} notices`],
              ]}
            />
          </Card>
          <Card title={`Notices (${data.notices.length})`} flush>
            {data.notices.length === 0 ? (
              <EmptyState icon="inbox" title="No notice was sent">
                Nothing that a service includes or a model reads was affected when it changed.
              </EmptyState>
            ) : (
              <DataTable
                caption="Notices of this deprecation"
                rows={data.notices}
                rowKey={(n) => n.id}
                columns={[
                  {
                    key: "subject",
                    header: "Affects",
                    render: (n) => `${n.subjectKind === "model" ? "model" : "service"} ${n.subject}`,
                  },
                  {
                    key: "owner",
                    header: "Owner",
                    render: (n) => n.owner || <span className="muted">none named</span>,
                  },
                  { key: "state", header: "Sent for", render: (n) => n.state },
                  {
                    key: "ack",
                    header: "Acknowledged",
                    render: (n) =>
                      n.acknowledgedAt ? (
                        <span data-acknowledged-by={n.acknowledgedBy ?? ""}>
                          by {n.acknowledgedBy},{" "}
                          <span title={formatDateTime(n.acknowledgedAt)}>{formatRelative(n.acknowledgedAt)}</span>
                        </span>
                      ) : (
                        <Badge tone="warning">waiting</Badge>
                      ),
                  },
                ]}
              />
            )}
          </Card>
          <Card title={`Still reading it (last ${data.days} days)`} flush>
            {data.stillReading.length === 0 ? (
              <EmptyState icon="check" title="Nobody read it recently">
                No consumer fetched it in the last {data.days} days.
              </EmptyState>
            ) : (
              <DataTable
                caption="Consumers still reading it"
                rows={data.stillReading}
                rowKey={(c) => c.consumer}
                columns={[
                  { key: "consumer", header: "Consumer", render: (c) => <span className="mono">{c.consumer}</span> },
                  { key: "requests", header: "Requests", align: "right", render: (c) => formatCount(c.requests) },
                  {
                    key: "lastSeen",
                    header: "Last seen",
                    render: (c) => <span title={formatDateTime(c.lastSeen)}>{formatRelative(c.lastSeen)}</span>,
                  },
                ]}
              />
            )}
          </Card>
        </>
      )}
    </>
  );
}
