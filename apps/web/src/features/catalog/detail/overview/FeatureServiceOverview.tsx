"use client";
import type { FeatureServiceSpec } from "@pantry/core/shared";
import { Link } from "@/components/ui/Link";
import { Badge, Dtype } from "@/components/ui/Badge";
import { Card, Split } from "@/components/ui/Card";
import { DataTable } from "@/components/ui/DataTable";
import { Stat, StatGrid } from "@/components/ui/PageHeader";
import { Skeleton } from "@/components/ui/States";
import { BuiltFromCard } from "@/features/governance/BuiltFromCard";
import { formatRelative } from "@/lib/format";
import { routes } from "@/lib/routes";
import type { CatalogDetail } from "../../model";
import { ConsumersCard, ProvenanceCard, TagsCard } from "./common";
import { EntitiesCard } from "./EntitiesCard";
import { useServiceFeatures } from "./use-service-features";

export function FeatureServiceOverview({
  project,
  detail,
  spec,
}: {
  project: string;
  detail: CatalogDetail;
  spec: FeatureServiceSpec;
}) {
  const { rows, entities, loading } = useServiceFeatures(project, spec);
  const views = [...new Set(spec.projections.map((p) => p.view))];
  return (
    <>
      <StatGrid>
        <Stat label="Features" value={rows.length} icon="feature" />
        <Stat label="Feature views" value={views.length} icon="featureView" />
        <Stat label="Models" value={detail.consumers.length} icon="model" />
        <Stat label="Last updated" value={formatRelative(detail.summary.updatedAt)} small icon="jobs" />
      </StatGrid>
      <Split
        main={
          <>
            <Card title="Features served" count={rows.length} flush>
              <DataTable
                caption={`Features served by ${spec.name}`}
                rows={rows}
                rowKey={(r) => r.key}
                columns={[
                  {
                    key: "view",
                    header: "Feature view",
                    render: (r) => (
                      <>
                        <Link href={routes.object(project, r.viewKind, r.view)}>{r.view}</Link>
                        {r.alias ? <span className="muted"> as {r.alias}</span> : null}
                      </>
                    ),
                  },
                  {
                    key: "feature",
                    header: "Feature",
                    render: (r) => (
                      <Link href={routes.feature(project, r.view, r.feature)} className="mono">
                        {r.feature}
                      </Link>
                    ),
                  },
                  {
                    key: "dtype",
                    header: "Type",
                    render: (r) => (r.dtype ? <Dtype value={r.dtype} /> : loading ? <Skeleton width={50} /> : "?"),
                  },
                  {
                    key: "output",
                    header: "Served as",
                    render: (r) => <span className="mono muted">{r.outputName}</span>,
                  },
                ]}
              />
            </Card>
            <BuiltFromCard project={project} service={spec.name} />
            <ProvenanceCard detail={detail} />
          </>
        }
        side={
          <>
            <ConsumersCard consumers={detail.consumers} />
            <Card title="Views" count={spec.projections.length}>
              <ul
                style={{ listStyle: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: 10 }}
              >
                {spec.projections.map((p) => (
                  <li key={`${p.view}:${p.alias ?? ""}`}>
                    <Link
                      href={routes.object(
                        project,
                        rows.find((r) => r.view === p.view)?.viewKind ?? "featureView",
                        p.view,
                      )}
                    >
                      {p.view}
                    </Link>
                    {p.alias ? <Badge>as {p.alias}</Badge> : null}
                    <div className="muted" style={{ fontSize: 12.5 }}>
                      {p.features.length} {p.features.length === 1 ? "feature" : "features"}
                      {Object.keys(p.joinKeyMap).length
                        ? ` · keys ${Object.entries(p.joinKeyMap)
                            .map(([from, to]) => `${from} → ${to}`)
                            .join(", ")}`
                        : ""}
                    </div>
                  </li>
                ))}
              </ul>
            </Card>
            <EntitiesCard project={project} names={entities} />
            <TagsCard tags={spec.tags} />
          </>
        }
      />
    </>
  );
}
