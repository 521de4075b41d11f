"use client";
import { Badge } from "@/components/ui/Badge";
import { DataTable } from "@/components/ui/DataTable";
import { Link } from "@/components/ui/Link";
import { EmptyState, ErrorState, Skeleton } from "@/components/ui/States";
import { formatCount, formatDateTime, formatRelative, plural } from "@/lib/format";
import { routes } from "@/lib/routes";
import type { RouterOutputs } from "@/lib/trpc/types";
import { useLifecycleImpact } from "./hooks";
import type { LifecycleKind } from "./model";
import styles from "./lifecycle.module.css";

type Impact = Pick<RouterOutputs["lifecycle"]["impact"], "services" | "onDemandViews" | "consumers" | "days">;

interface Props {
  project: string;
  kind: LifecycleKind;
  view: string;
}

/** Who the change affects, read before confirming: services (and the models they name), readers, recent consumers. */
export function ImpactPanel({ project, kind, view }: Props) {
  const impact = useLifecycleImpact({ project, kind, view });
  return (
    <section className={styles.impact} aria-labelledby="lifecycle-impact-title" aria-busy={impact.isPending}>
      <h3 className={styles.sectionTitle} id="lifecycle-impact-title">
        Who this affects
      </h3>
      {impact.error ? (
        <ErrorState error={impact.error} onRetry={() => void impact.refetch()} />
      ) : !impact.data ? (
        <div className={styles.stack}>
          <Skeleton height={18} width="60%" />
          <Skeleton height={18} width="40%" />
        </div>
      ) : (
        <ImpactDetails project={project} view={view} impact={impact.data} />
      )}
    </section>
  );
}

function ImpactDetails({ project, view, impact }: { project: string; view: string; impact: Impact }) {
  const { services, onDemandViews, consumers, days } = impact;
  if (services.length === 0 && onDemandViews.length === 0 && consumers.length === 0) {
    return (
      <EmptyState icon="check" title="Nothing depends on it">
        No feature service includes <strong>{view}</strong>, no on-demand view reads it, and no consumer fetched its
        features in the last {days} days.
      </EmptyState>
    );
  }
  const models = [...new Set(services.flatMap((s) => s.consumers))].sort();
  return (
    <div className={styles.stack}>
      <div>
        <div className={styles.subTitle}>
          Feature services <span className="muted">{services.length}</span>
        </div>
        {services.length === 0 ? (
          <p className="muted">No feature service includes it.</p>
        ) : (
          <ul className={styles.serviceList} aria-label="Feature services that include it">
            {services.map((service) => (
              <li key={service.name}>
                <Link href={routes.object(project, "featureService", service.name)}>{service.name}</Link>
                {service.via !== view ? <span className="muted"> through {service.via}</span> : null}
                {service.consumers.length ? (
                  <span className={styles.chips}>
                    {service.consumers.map((consumer) => (
                      <Badge key={consumer} tone="accent" title="Consumer named by the service's tags">
                        {consumer}
                      </Badge>
                    ))}
                  </span>
                ) : (
                  <span className="muted"> · no consumer named in its tags</span>
                )}
              </li>
            ))}
          </ul>
        )}
        {models.length ? (
          <p className={styles.note}>
            {plural(models.length, "model")} named by these services: <strong>{models.join(", ")}</strong>.
          </p>
        ) : null}
      </div>
      {onDemandViews.length ? (
        <div>
          <div className={styles.subTitle}>
            On-demand views reading it <span className="muted">{onDemandViews.length}</span>
          </div>
          <p>
            {onDemandViews.map((name, index) => (
              <span key={name}>
                {index > 0 ? ", " : null}
                <Link href={routes.object(project, "onDemandFeatureView", name)}>{name}</Link>
              </span>
            ))}
          </p>
        </div>
      ) : null}
      <div>
        <div className={styles.subTitle}>
          Consumers seen in the last {days} days <span className="muted">{consumers.length}</span>
        </div>
        {consumers.length === 0 ? (
          <p className="muted">No consumer fetched its features in the last {days} days.</p>
        ) : (
          <DataTable
            caption={`Consumers of ${view} in the last ${days} days`}
            rows={consumers}
            rowKey={(c) => c.consumer}
            columns={[
              { key: "consumer", header: "Consumer", render: (c) => <span className="mono">{c.consumer}</span> },
              { key: "requests", header: "Requests", align: "right", render: (c) => formatCount(c.requests) },
              {
                key: "lastSeen",
                header: "Last seen",
                nowrap: true,
                render: (c) => <span title={formatDateTime(c.lastSeen)}>{formatRelative(c.lastSeen)}</span>,
              },
              { key: "features", header: "Features", render: (c) => c.features.join(", ") },
            ]}
          />
        )}
      </div>
    </div>
  );
}
