"use client";
import type { FeatureViewSpec } from "@pantry/core/shared";
import { Link } from "@/components/ui/Link";
import { Badge } from "@/components/ui/Badge";
import { Card, Properties, Split } from "@/components/ui/Card";
import { Stat, StatGrid } from "@/components/ui/PageHeader";
import { QualityCard } from "@/features/statistics/QualityCard";
import { ReadByCard } from "@/features/usage/ReadByCard";
import { formatDateTime, formatTtlSeconds } from "@/lib/format";
import { routes } from "@/lib/routes";
import type { CatalogDetail } from "../../model";
import { SchemaTable } from "../SchemaTable";
import { ConsumersCard, ProvenanceCard, RelatedCard, TagsCard } from "./common";
import { EntitiesCard } from "./EntitiesCard";

export function FeatureViewOverview({
  project,
  detail,
  spec,
}: {
  project: string;
  detail: CatalogDetail;
  spec: FeatureViewSpec;
}) {
  const usedBy = detail.summary.kind === "featureView" ? detail.summary.usedBy : [];
  const lastMaterialized = detail.intervals.reduce<Date | null>((latest, i) => {
    const end = new Date(i.end);
    return !latest || end > latest ? end : latest;
  }, null);
  return (
    <>
      <StatGrid>
        <Stat label="Features" value={spec.schema.length} icon="feature" />
        <Stat label="TTL" value={formatTtlSeconds(spec.ttlSeconds)} icon="jobs" />
        <Stat label="Used by services" value={usedBy.length} icon="featureService" />
        <Stat label="Online" value={spec.online ? "Served online" : "Offline only"} small icon="dataSource" />
        <Stat
          label="Last materialized"
          value={lastMaterialized ? formatDateTime(lastMaterialized) : "never"}
          small
          icon="jobs"
        />
      </StatGrid>
      <Split
        main={
          <>
            <Card title="Schema" count={spec.schema.length} flush>
              <SchemaTable project={project} view={spec.name} fields={spec.schema} />
            </Card>
            <Card title="Source">
              <Properties
                items={[
                  [
                    "Data source",
                    <Link key="s" href={routes.object(project, "dataSource", spec.source)}>
                      {spec.source}
                    </Link>,
                  ],
                  ["Offline store", spec.offline ? "yes" : "no"],
                  ["Online store", spec.online ? "yes" : "no"],
                  [
                    "Entity columns",
                    spec.entityColumns.length ? (
                      <span key="e" className="mono">
                        {spec.entityColumns.map((c) => `${c.name}: ${c.dtype}`).join(", ")}
                      </span>
                    ) : (
                      <span key="e" className="muted">
                        from the entities
                      </span>
                    ),
                  ],
                ]}
              />
            </Card>
            <QualityCard project={project} view={spec.name} />
            <ProvenanceCard detail={detail} />
          </>
        }
        side={
          <>
            <EntitiesCard project={project} names={spec.entities} />
            <RelatedCard
              title="Used by feature services"
              project={project}
              kind="featureService"
              names={usedBy}
              empty="No service uses this view yet."
            />
            <ConsumersCard consumers={detail.consumers} />
            <ReadByCard project={project} view={spec.name} />
            <TagsCard tags={spec.tags} />
            <Card title="Materialization" count={detail.intervals.length}>
              {detail.intervals.length === 0 ? (
                <span className="muted">
                  Never materialized. Run <code>pantry materialize-incremental &lt;end&gt;</code> to load it into the
                  online store.
                </span>
              ) : (
                <ul style={{ margin: 0, paddingLeft: 18 }}>
                  {detail.intervals.slice(-5).map((i) => (
                    <li key={`${String(i.start)}-${String(i.end)}`} style={{ fontSize: 13 }}>
                      {formatDateTime(i.start)} → {formatDateTime(i.end)}
                    </li>
                  ))}
                </ul>
              )}
              {spec.online ? null : (
                <div style={{ marginTop: 8 }}>
                  <Badge tone="warning">offline only</Badge>
                </div>
              )}
            </Card>
          </>
        }
      />
    </>
  );
}
