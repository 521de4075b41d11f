"use client";
import { useQuery } from "@tanstack/react-query";
import { Link } from "@/components/ui/Link";
import { Badge } from "@/components/ui/Badge";
import { Card } from "@/components/ui/Card";
import { DataTable } from "@/components/ui/DataTable";
import { PageHeader } from "@/components/ui/PageHeader";
import { EmptyState, ErrorState, SkeletonRows } from "@/components/ui/States";
import { formatCount, formatDateTime, formatRelative } from "@/lib/format";
import { routes } from "@/lib/routes";
import { useTRPC } from "@/lib/trpc/client";

function statusTone(status: string): "success" | "danger" | "warning" | "neutral" {
  if (status === "succeeded" || status === "success" || status === "completed") return "success";
  if (status === "failed" || status === "error") return "danger";
  if (status === "running" || status === "pending") return "warning";
  return "neutral";
}

function duration(start: Date | null, end: Date | null): string {
  if (!start || !end) return "—";
  const seconds = (new Date(end).getTime() - new Date(start).getTime()) / 1000;
  return seconds < 60 ? `${seconds.toFixed(1)} s` : `${Math.round(seconds / 60)} min`;
}

export function JobsView({ project }: { project: string }) {
  const trpc = useTRPC();
  const jobs = useQuery(trpc.catalog.jobs.queryOptions({ project, limit: 100 }));
  return (
    <>
      <PageHeader
        icon="jobs"
        eyebrow={project}
        title="Materialization jobs"
        subtitle="Loads from the offline store into the online store, newest first."
      />
      <Card flush>
        {jobs.error ? (
          <div style={{ padding: 16 }}>
            <ErrorState error={jobs.error} onRetry={() => void jobs.refetch()} />
          </div>
        ) : !jobs.data ? (
          <SkeletonRows columns={6} />
        ) : jobs.data.length === 0 ? (
          <EmptyState icon="jobs" title="No materialization jobs yet">
            Load the latest feature values into the online store with{" "}
            <code>pantry materialize-incremental $(date -u +%Y-%m-%dT%H:%M:%S)</code> in the feature repo. Each run is
            recorded here with its rows and duration.
          </EmptyState>
        ) : (
          <DataTable
            caption={`Materialization jobs of ${project}`}
            rows={jobs.data}
            rowKey={(j) => j.id}
            columns={[
              { key: "status", header: "Status", render: (j) => <Badge tone={statusTone(j.status)}>{j.status}</Badge> },
              {
                key: "views",
                header: "Views",
                render: (j) => (
                  <span style={{ display: "inline-flex", gap: 6, flexWrap: "wrap" }}>
                    {j.views.map((v) => (
                      <Link key={v} href={routes.object(project, "featureView", v)}>
                        {v}
                      </Link>
                    ))}
                  </span>
                ),
              },
              {
                key: "window",
                header: "Window",
                render: (j) => `${formatDateTime(j.start)} → ${formatDateTime(j.end)}`,
              },
              { key: "rows", header: "Rows written", align: "right", render: (j) => formatCount(j.rowsWritten) },
              { key: "took", header: "Took", nowrap: true, render: (j) => duration(j.startedAt, j.finishedAt) },
              {
                key: "when",
                header: "When",
                nowrap: true,
                render: (j) => <span title={formatDateTime(j.createdAt)}>{formatRelative(j.createdAt)}</span>,
              },
              {
                key: "error",
                header: "Error",
                render: (j) =>
                  j.error ? (
                    <span style={{ color: "var(--danger)" }}>{j.error}</span>
                  ) : (
                    <span className="muted">—</span>
                  ),
              },
            ]}
          />
        )}
      </Card>
    </>
  );
}
