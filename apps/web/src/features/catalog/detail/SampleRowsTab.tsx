"use client";
import { useQuery } from "@tanstack/react-query";
import { Link } from "@/components/ui/Link";
import { Card } from "@/components/ui/Card";
import { DataTable } from "@/components/ui/DataTable";
import { EmptyState, ErrorState, SkeletonRows } from "@/components/ui/States";
import { formatCellValue } from "@/lib/cell-value";
import { routes } from "@/lib/routes";
import { useTRPC } from "@/lib/trpc/client";
import type { CatalogDetail } from "../model";

const SAMPLE_SIZE = 20;

interface SampleRow {
  index: number;
  row: Record<string, unknown>;
}

/** Which source to sample, and which of its columns are this object's features. */
function sampleTarget(detail: CatalogDetail): { source: string; sampleable: boolean; featureColumns: Set<string> } {
  const spec = detail.spec;
  if (spec.kind === "featureView")
    return { source: spec.source, sampleable: true, featureColumns: new Set(spec.schema.map((f) => f.name)) };
  if (spec.kind === "dataSource")
    return {
      source: spec.name,
      sampleable: spec.type === "file" || spec.type === "postgres",
      featureColumns: new Set(),
    };
  return { source: "", sampleable: false, featureColumns: new Set() };
}

export function SampleRowsTab({ project, detail }: { project: string; detail: CatalogDetail | undefined }) {
  const trpc = useTRPC();
  const target = detail ? sampleTarget(detail) : null;
  const sample = useQuery({
    ...trpc.catalog.sampleRows.queryOptions({ project, source: target?.source ?? "", limit: SAMPLE_SIZE }),
    enabled: Boolean(target?.sampleable),
  });

  if (!detail || !target) return <SkeletonRows />;
  if (!target.sampleable) {
    return (
      <Card>
        <EmptyState icon="dataSource" title="Nothing stored to sample">
          Request and push sources receive their rows with each request, so there is no table to read from.
        </EmptyState>
      </Card>
    );
  }
  return (
    <Card
      title={
        <>
          First {SAMPLE_SIZE} rows of{" "}
          <Link href={routes.object(project, "dataSource", target.source)} className="mono">
            {target.source}
          </Link>
        </>
      }
      flush
    >
      {sample.error ? (
        <div style={{ padding: 16 }}>
          <ErrorState error={sample.error} onRetry={() => void sample.refetch()} />
        </div>
      ) : !sample.data ? (
        <SkeletonRows rows={8} columns={6} />
      ) : sample.data.rows.length === 0 ? (
        <EmptyState icon="dataset" title="The source is empty">
          The file or table exists but has no rows yet.
        </EmptyState>
      ) : (
        <DataTable<SampleRow>
          caption={`Sample rows of ${target.source}`}
          rows={sample.data.rows.map((row, index) => ({ index, row }))}
          rowKey={(r) => String(r.index)}
          columns={sample.data.columns.map((column) => ({
            key: column,
            header: target.featureColumns.has(column) ? (
              <span style={{ color: "var(--kind-view)" }}>{column}</span>
            ) : (
              column
            ),
            nowrap: true,
            render: ({ row }) => {
              const cell = formatCellValue(row[column]);
              return (
                <span
                  className={cell.kind === "null" ? "muted mono" : "mono"}
                  style={cell.kind === "number" ? { float: "right" } : undefined}
                >
                  {cell.text}
                </span>
              );
            },
          }))}
        />
      )}
    </Card>
  );
}
