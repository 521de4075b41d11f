"use client";
import { Link } from "@/components/ui/Link";
import { Badge, Dtype, TagList } from "@/components/ui/Badge";
import { Button } from "@/components/ui/Button";
import { Card } from "@/components/ui/Card";
import { DataTable, NameCell } from "@/components/ui/DataTable";
import { SelectInput } from "@/components/ui/Form";
import { PageHeader } from "@/components/ui/PageHeader";
import { EmptyState, ErrorState, SkeletonRows } from "@/components/ui/States";
import { useProjectOwners } from "@/lib/queries/projects";
import { formatCount } from "@/lib/format";
import { routes } from "@/lib/routes";
import { CatalogFilterBar } from "../CatalogFilterBar";
import { useCatalogFilters } from "../use-catalog-filters";
import { useFeatureList } from "./use-feature-list";

const DTYPES = ["Int32", "Int64", "Float32", "Float64", "String", "Bytes", "Bool", "UnixTimestamp", "Json"];

export function FeatureListView({ project }: { project: string }) {
  const filterControls = useCatalogFilters();
  const { query, items, total, dtype, setDtype } = useFeatureList(project, filterControls.filters);
  const owners = useProjectOwners(project);

  return (
    <>
      <PageHeader
        icon="feature"
        eyebrow={project}
        title="Features"
        subtitle={
          query.data
            ? `${formatCount(total)} features across the project's views${filterControls.active || dtype ? " match the filters" : ""}`
            : " "
        }
      />
      <Card flush>
        <CatalogFilterBar
          controls={filterControls}
          owners={owners}
          placeholder="Find a feature by name, description or tag…"
        >
          <SelectInput
            aria-label="Filter by type"
            value={dtype}
            onChange={(event) => setDtype(event.target.value)}
            style={{ width: 150 }}
          >
            <option value="">Any type</option>
            {DTYPES.map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </SelectInput>
        </CatalogFilterBar>
        {query.error ? (
          <div style={{ padding: 16 }}>
            <ErrorState error={query.error} onRetry={() => void query.refetch()} />
          </div>
        ) : !query.data ? (
          <SkeletonRows columns={5} />
        ) : items.length === 0 ? (
          filterControls.active || dtype ? (
            <EmptyState
              icon="search"
              title="No features match these filters"
              actions={
                <Button
                  onClick={() => {
                    filterControls.clear();
                    setDtype("");
                  }}
                >
                  Clear filters
                </Button>
              }
            >
              Try a shorter word or another type.
            </EmptyState>
          ) : (
            <EmptyState icon="feature" title="No features yet">
              Features are the columns of feature views.{" "}
              <Link href={routes.create(project, "featureView")}>Create a feature view</Link> or define one in code and
              run <code>pantry apply</code>.
            </EmptyState>
          )
        ) : (
          <DataTable
            caption={`Features of ${project}`}
            rows={items}
            rowKey={(f) => `${f.view}:${f.name}`}
            columns={[
              {
                key: "name",
                header: "Feature",
                width: "30%",
                render: (f) => (
                  <NameCell
                    name={
                      <span style={{ display: "inline-flex", gap: 6, alignItems: "center" }}>
                        <Link href={routes.feature(project, f.view, f.name)} className="mono">
                          {f.name}
                        </Link>
                        {f.lifecycle !== "active" ? <Badge tone="warning">{f.lifecycle}</Badge> : null}
                      </span>
                    }
                    description={f.description}
                  />
                ),
              },
              { key: "dtype", header: "Type", render: (f) => <Dtype value={f.dtype} /> },
              {
                key: "view",
                header: "View",
                render: (f) => <Link href={routes.object(project, f.viewKind, f.view)}>{f.view}</Link>,
              },
              {
                key: "usedBy",
                header: "Used by",
                render: (f) => (f.usedBy.length ? f.usedBy.join(", ") : <span className="muted">—</span>),
              },
              { key: "owner", header: "Owner", render: (f) => f.owner || <span className="muted">—</span> },
              { key: "tags", header: "Tags", render: (f) => <TagList tags={f.tags} empty="" max={2} /> },
            ]}
            footer={
              <>
                <span>
                  Showing {formatCount(items.length)} of {formatCount(total)}
                </span>
                {query.hasNextPage ? (
                  <Button size="sm" onClick={() => void query.fetchNextPage()} busy={query.isFetchingNextPage}>
                    Load more
                  </Button>
                ) : null}
              </>
            }
          />
        )}
      </Card>
    </>
  );
}
