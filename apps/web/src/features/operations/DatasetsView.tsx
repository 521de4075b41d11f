"use client";
import { useQuery } from "@tanstack/react-query";
import { Card } from "@/components/ui/Card";
import { DataTable, NameCell } from "@/components/ui/DataTable";
import { Link } from "@/components/ui/Link";
import { PageHeader } from "@/components/ui/PageHeader";
import { EmptyState, ErrorState, SkeletonRows } from "@/components/ui/States";
import { formatCount, formatDateTime, formatRelative } from "@/lib/format";
import { routes } from "@/lib/routes";
import { useTRPC } from "@/lib/trpc/client";
import { useUrlState } from "@/lib/url-state";
import { DatasetDetail, type SavedDataset, timeRange } from "./DatasetDetail";
import styles from "./datasets.module.css";

/** The selected dataset lives in the URL (?dataset=name), so a detail view can be linked to. */
const SELECTED = "dataset";

export function DatasetsView({ project }: { project: string }) {
  const trpc = useTRPC();
  const url = useUrlState();
  const datasets = useQuery(trpc.catalog.datasets.queryOptions({ project }));
  const selectedName = url.get(SELECTED);
  return (
    <>
      <PageHeader
        icon="dataset"
        eyebrow={project}
        title="Saved datasets"
        subtitle="Training sets built with get-historical-features and saved for reuse."
      />
      {selectedName && datasets.data ? (
        <DatasetDetail
          project={project}
          name={selectedName}
          dataset={datasets.data.find((d) => d.name === selectedName)}
        />
      ) : null}
      <Card flush>
        {datasets.error ? (
          <div style={{ padding: 16 }}>
            <ErrorState error={datasets.error} onRetry={() => void datasets.refetch()} />
          </div>
        ) : !datasets.data ? (
          <SkeletonRows columns={6} />
        ) : datasets.data.length === 0 ? (
          <NoDatasets />
        ) : (
          <DatasetsTable project={project} datasets={datasets.data} selected={selectedName} />
        )}
      </Card>
    </>
  );
}

function NoDatasets() {
  return (
    <EmptyState icon="dataset" title="No saved datasets yet">
      Build a point-in-time training set and save it under a name:{" "}
      <code>
        pantry get-historical-features --entity-df labels.parquet --feature-service my_service --output train.parquet
        --save-as my_training_set
      </code>
      . Saved sets appear here with their features, row counts, time range and location.
    </EmptyState>
  );
}

interface TableProps {
  project: string;
  datasets: SavedDataset[];
  selected: string | null;
}

function DatasetsTable({ project, datasets, selected }: TableProps) {
  return (
    <DataTable
      caption={`Saved datasets of ${project}`}
      rows={datasets}
      rowKey={(d) => d.id}
      columns={[
        {
          key: "name",
          header: "Name",
          render: (d) => (
            <NameCell
              name={
                <Link
                  href={routes.datasets(project, d.name === selected ? {} : { [SELECTED]: d.name })}
                  aria-current={d.name === selected ? "true" : undefined}
                  scroll={false}
                >
                  {d.name}
                </Link>
              }
              description={d.featureService ? `from feature service ${d.featureService}` : undefined}
            />
          ),
        },
        {
          key: "features",
          header: "Features",
          align: "right",
          render: (d) => (
            <span className={styles.hoverList} title={d.features.join("\n")}>
              {formatCount(d.features.length)}
            </span>
          ),
        },
        { key: "rows", header: "Rows", align: "right", render: (d) => formatCount(d.rows) },
        { key: "range", header: "Event time range", render: (d) => timeRange(d) },
        {
          key: "location",
          header: "Location",
          render: (d) => (
            <span className={`mono ${styles.location}`} title={d.location}>
              <bdi dir="ltr">{d.location}</bdi>
            </span>
          ),
        },
        {
          key: "created",
          header: "Created",
          nowrap: true,
          render: (d) => <span title={formatDateTime(d.createdAt)}>{formatRelative(d.createdAt)}</span>,
        },
      ]}
    />
  );
}
