"use client";
import { useQuery } from "@tanstack/react-query";
import { Card } from "@/components/ui/Card";
import { DataTable, NameCell } from "@/components/ui/DataTable";
import { PageHeader } from "@/components/ui/PageHeader";
import { EmptyState, ErrorState, SkeletonRows } from "@/components/ui/States";
import { formatCount, formatDateTime, formatRelative } from "@/lib/format";
import { useTRPC } from "@/lib/trpc/client";

export function DatasetsView({ project }: { project: string }) {
  const trpc = useTRPC();
  const datasets = useQuery(trpc.catalog.datasets.queryOptions({ project }));
  return (
    <>
      <PageHeader
        icon="dataset"
        eyebrow={project}
        title="Saved datasets"
        subtitle="Training sets built with get-historical-features and saved for reuse."
      />
      <Card flush>
        {datasets.error ? (
          <div style={{ padding: 16 }}>
            <ErrorState error={datasets.error} onRetry={() => void datasets.refetch()} />
          </div>
        ) : !datasets.data ? (
          <SkeletonRows columns={5} />
        ) : datasets.data.length === 0 ? (
          <EmptyState icon="dataset" title="No saved datasets yet">
            Build a point-in-time training set and save it:{" "}
            <code>
              pantry get-historical-features --entity-df labels.parquet --feature-service my_service --output
              train.parquet
            </code>
            . Saved sets appear here with their features, row counts and time range.
          </EmptyState>
        ) : (
          <DataTable
            caption={`Saved datasets of ${project}`}
            rows={datasets.data}
            rowKey={(d) => d.id}
            columns={[
              { key: "name", header: "Name", render: (d) => <NameCell name={d.name} description={d.location} /> },
              { key: "rows", header: "Rows", align: "right", render: (d) => formatCount(d.rowCount) },
              {
                key: "features",
                header: "Features",
                render: (d) => <span title={d.features.join(", ")}>{d.features.length}</span>,
              },
              {
                key: "range",
                header: "Event time range",
                render: (d) => `${formatDateTime(d.minTs)} → ${formatDateTime(d.maxTs)}`,
              },
              { key: "created", header: "Created", nowrap: true, render: (d) => formatRelative(d.createdAt) },
            ]}
          />
        )}
      </Card>
    </>
  );
}
