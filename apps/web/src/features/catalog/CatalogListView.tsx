"use client";
import { GuardedButtonLink } from "@/components/auth/Guarded";
import { Button } from "@/components/ui/Button";
import { Card } from "@/components/ui/Card";
import { DataTable } from "@/components/ui/DataTable";
import { Icon } from "@/components/ui/Icon";
import { PageHeader } from "@/components/ui/PageHeader";
import { EmptyState, ErrorState, SkeletonRows } from "@/components/ui/States";
import { formatCount } from "@/lib/format";
import { KINDS, type ObjectKind } from "@/lib/kinds";
import { routes } from "@/lib/routes";
import { useProjectOwners } from "@/lib/queries/projects";
import { CatalogFilterBar } from "./CatalogFilterBar";
import { columnsFor } from "./columns";
import { EMPTY_COPY } from "./empty-copy";
import { useCatalogFilters } from "./use-catalog-filters";
import { useCatalogList } from "./use-catalog-list";

export function CatalogListView({ project, kind }: { project: string; kind: ObjectKind }) {
  const meta = KINDS[kind];
  const filterControls = useCatalogFilters();
  const { query, items, total } = useCatalogList(project, kind, filterControls.filters);
  const owners = useProjectOwners(project);
  const createButton = meta.editable ? (
    <GuardedButtonLink action="edit" href={routes.create(project, kind)} variant="primary">
      <Icon name="plus" size={16} /> New {meta.label.toLowerCase()}
    </GuardedButtonLink>
  ) : null;

  return (
    <>
      <PageHeader
        kind={kind}
        eyebrow={project}
        title={meta.plural}
        subtitle={
          query.data
            ? `${formatCount(total)} ${total === 1 ? meta.label.toLowerCase() : meta.plural.toLowerCase()}${filterControls.active ? " match the filters" : ""}`
            : " "
        }
        actions={createButton}
      />
      <Card flush>
        <CatalogFilterBar
          controls={filterControls}
          owners={owners}
          placeholder={`Filter ${meta.plural.toLowerCase()} by name, description, tag…`}
        />
        {query.error ? (
          <div style={{ padding: 16 }}>
            <ErrorState error={query.error} onRetry={() => void query.refetch()} />
          </div>
        ) : !query.data ? (
          <SkeletonRows columns={5} />
        ) : items.length === 0 ? (
          filterControls.active ? (
            <EmptyState
              icon="search"
              title={`No ${meta.plural.toLowerCase()} match these filters`}
              actions={<Button onClick={filterControls.clear}>Clear filters</Button>}
            >
              Try fewer words, a tag key without a value (e.g. <code>team</code>), or another owner.
            </EmptyState>
          ) : (
            <EmptyState icon={kind} title={EMPTY_COPY[kind].title} actions={createButton}>
              {EMPTY_COPY[kind].body}
            </EmptyState>
          )
        ) : (
          <DataTable
            caption={`${meta.plural} of ${project}`}
            columns={columnsFor(project, kind)}
            rows={items}
            rowKey={(row) => row.name}
            footer={
              <>
                <span>
                  Showing {formatCount(items.length)} of {formatCount(total)}
                </span>
                {query.hasNextPage ? (
                  <Button size="sm" onClick={() => void query.fetchNextPage()} busy={query.isFetchingNextPage}>
                    Load {Math.min(50, total - items.length)} more
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
