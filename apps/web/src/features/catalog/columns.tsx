/** The list columns of each kind, declared as data. */
import { Link } from "@/components/ui/Link";
import type { ReactNode } from "react";
import { Badge, Dtype, TagList } from "@/components/ui/Badge";
import { type Column, NameCell } from "@/components/ui/DataTable";
import { DriftBadge } from "@/features/governance/BuiltFromCard";
import { formatRelative, formatTtlSeconds } from "@/lib/format";
import type { ObjectKind } from "@/lib/kinds";
import { routes } from "@/lib/routes";
import { type CatalogSummary, lifecycleTone, type SummaryOf } from "./model";

function nameColumn(project: string): Column<CatalogSummary> {
  return {
    key: "name",
    header: "Name",
    width: "32%",
    render: (row) => (
      <NameCell
        name={
          <span style={{ display: "inline-flex", gap: 8, alignItems: "center", flexWrap: "wrap" }}>
            <Link href={routes.object(project, row.kind, row.name)}>{row.name}</Link>
            {row.lifecycle !== "active" ? <Badge tone={lifecycleTone(row.lifecycle)}>{row.lifecycle}</Badge> : null}
            {row.origin === "console" ? <Badge tone="accent">console</Badge> : null}
          </span>
        }
        description={row.description}
      />
    ),
  };
}

const common: Column<CatalogSummary>[] = [
  { key: "owner", header: "Owner", nowrap: true, render: (row) => row.owner || <span className="muted">—</span> },
  { key: "tags", header: "Tags", width: "18%", render: (row) => <TagList tags={row.tags} empty="—" max={2} /> },
  {
    key: "updated",
    header: "Updated",
    nowrap: true,
    render: (row) => <span title={String(row.updatedAt)}>{formatRelative(row.updatedAt)}</span>,
  },
];

/** Narrows a row to one kind inside a column renderer. */
function only<K extends ObjectKind>(kind: K, render: (row: SummaryOf<K>) => ReactNode) {
  return (row: CatalogSummary) => (row.kind === kind ? render(row as SummaryOf<K>) : null);
}

function linkList(items: string[], href: (name: string) => string): ReactNode {
  if (items.length === 0) return <span className="muted">—</span>;
  return (
    <span style={{ display: "inline-flex", gap: 6, flexWrap: "wrap" }}>
      {items.map((item, index) => (
        <span key={item}>
          <Link href={href(item)}>{item}</Link>
          {index < items.length - 1 ? "," : ""}
        </span>
      ))}
    </span>
  );
}

export function columnsFor(project: string, kind: ObjectKind): Column<CatalogSummary>[] {
  const name = nameColumn(project);
  const specific: Record<ObjectKind, Column<CatalogSummary>[]> = {
    entity: [
      {
        key: "joinKeys",
        header: "Join keys",
        render: only("entity", (r) => <span className="mono">{r.joinKeys.join(", ")}</span>),
      },
      {
        key: "valueType",
        header: "Type",
        render: only("entity", (r) =>
          r.valueType ? <Dtype value={r.valueType} /> : <span className="muted">unknown</span>,
        ),
      },
    ],
    dataSource: [
      { key: "type", header: "Type", render: only("dataSource", (r) => <Badge>{r.sourceType}</Badge>) },
      {
        key: "location",
        header: "Location",
        render: only("dataSource", (r) =>
          r.location ? <span className="mono">{r.location}</span> : <span className="muted">—</span>,
        ),
      },
    ],
    featureView: [
      { key: "features", header: "Features", align: "right", render: only("featureView", (r) => r.featureCount) },
      {
        key: "entities",
        header: "Entities",
        render: only("featureView", (r) => linkList(r.entities, (e) => routes.object(project, "entity", e))),
      },
      { key: "ttl", header: "TTL", nowrap: true, render: only("featureView", (r) => formatTtlSeconds(r.ttlSeconds)) },
      {
        key: "usedBy",
        header: "Used by",
        render: only("featureView", (r) => linkList(r.usedBy, (s) => routes.object(project, "featureService", s))),
      },
    ],
    onDemandFeatureView: [
      {
        key: "features",
        header: "Features",
        align: "right",
        render: only("onDemandFeatureView", (r) => r.featureCount),
      },
      {
        key: "inputs",
        header: "Inputs",
        render: only("onDemandFeatureView", (r) => <span className="mono">{r.inputs.join(", ")}</span>),
      },
      {
        key: "usedBy",
        header: "Used by",
        render: only("onDemandFeatureView", (r) =>
          linkList(r.usedBy, (s) => routes.object(project, "featureService", s)),
        ),
      },
    ],
    featureService: [
      { key: "features", header: "Features", align: "right", render: only("featureService", (r) => r.featureCount) },
      {
        key: "views",
        header: "Views",
        render: only("featureService", (r) => (
          <span style={{ display: "inline-flex", gap: 8, alignItems: "center" }}>
            {r.views.length}
            <DriftBadge project={project} service={r.name} />
          </span>
        )),
      },
      {
        key: "consumers",
        header: "Consumers",
        render: only("featureService", (r) =>
          r.consumers.length ? r.consumers.join(", ") : <span className="muted">—</span>,
        ),
      },
    ],
  };
  return [name, ...specific[kind], ...common];
}
