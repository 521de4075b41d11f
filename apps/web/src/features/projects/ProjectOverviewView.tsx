"use client";
import { Link } from "@/components/ui/Link";
import { useRouter } from "next/navigation";
import { HorizontalBarChart } from "@/components/charts/BarChart";
import { Badge, TagList } from "@/components/ui/Badge";
import { ButtonLink } from "@/components/ui/Button";
import { Card, Properties, Split } from "@/components/ui/Card";
import { ProjectModelsCard } from "@/features/models/ModelsAttentionCard";
import { Icon } from "@/components/ui/Icon";
import { PageHeader } from "@/components/ui/PageHeader";
import { EmptyState, ErrorState, Notice, Skeleton } from "@/components/ui/States";
import { formatRelative } from "@/lib/format";
import { routes } from "@/lib/routes";
import { CountTiles } from "./CountTiles";
import { useProjectOverview } from "@/lib/queries/projects";
import { OwnerBars } from "./OwnerBars";
import { RecentChanges } from "./RecentChanges";
import { useFeaturesPerView, useProjectServices } from "./use-features-per-view";

export function ProjectOverviewView({ project }: { project: string }) {
  const overview = useProjectOverview(project);

  if (overview.error) return <ErrorState error={overview.error} onRetry={() => void overview.refetch()} />;
  const data = overview.data;
  return (
    <>
      <PageHeader
        icon="projects"
        eyebrow="Project"
        title={project}
        subtitle={data ? data.description || "No description yet." : <Skeleton width={320} />}
        actions={
          <>
            <ButtonLink href={routes.lineage(project)}>
              <Icon name="lineage" size={16} /> Lineage
            </ButtonLink>
            <ButtonLink href={routes.create(project, "featureView")} variant="primary">
              <Icon name="plus" size={16} /> New feature view
            </ButtonLink>
          </>
        }
      />
      {data && !data.applied ? (
        <div style={{ marginBottom: 16 }}>
          <Notice tone="warning">
            This repo has never been applied, so its registry knows nothing yet. Run{" "}
            <code>pantry -c {data.repoPath ?? project} apply</code>.
          </Notice>
        </div>
      ) : null}
      <div style={{ marginBottom: 16 }}>
        {data ? <CountTiles project={project} counts={data.counts} /> : <Skeleton height={64} />}
      </div>
      <Split
        main={
          <>
            <FeaturesPerViewCard project={project} />
            <ServicesCard project={project} />
          </>
        }
        side={
          <>
            <ProjectModelsCard project={project} />
            <Card title="About">
              {data ? (
                <Properties
                  items={[
                    [
                      "Owner",
                      data.owner || (
                        <span key="o" className="muted">
                          —
                        </span>
                      ),
                    ],
                    [
                      "Models",
                      data.consumers.length ? (
                        data.consumers.join(", ")
                      ) : (
                        <span key="m" className="muted">
                          none tagged
                        </span>
                      ),
                    ],
                    ["Updated", formatRelative(data.updatedAt)],
                    [
                      "Repo",
                      data.repoPath ? (
                        <span key="r" className="mono">
                          {data.repoPath}
                        </span>
                      ) : (
                        <Badge key="r">no repo (console/import)</Badge>
                      ),
                    ],
                    [
                      "Registry",
                      <span key="g" className="mono">
                        {data.registry}
                      </span>,
                    ],
                    ["Tags", <TagList key="t" tags={data.tags} empty="—" />],
                  ]}
                />
              ) : (
                <Skeleton height={120} />
              )}
            </Card>
            <Card title="Owners">{data ? <OwnerBars owners={data.owners} /> : <Skeleton height={80} />}</Card>
            <Card
              title="Recent changes"
              actions={
                <Link href={routes.audit(project)} style={{ fontSize: 13 }}>
                  Audit log
                </Link>
              }
            >
              {data ? <RecentChanges entries={data.recentChanges} /> : <Skeleton height={120} />}
            </Card>
          </>
        }
      />
    </>
  );
}

function FeaturesPerViewCard({ project }: { project: string }) {
  const router = useRouter();
  const chart = useFeaturesPerView(project);
  return (
    <Card
      title="Features per view"
      actions={
        <Link href={routes.list(project, "featureView")} style={{ fontSize: 13 }}>
          All views
        </Link>
      }
    >
      {chart.error ? (
        <ErrorState error={chart.error} />
      ) : !chart.data ? (
        <Skeleton height={200} />
      ) : chart.data.length === 0 ? (
        <EmptyState icon="featureView" title="No feature views yet">
          Define one in code and run <code>pantry apply</code>, or{" "}
          <Link href={routes.create(project, "featureView")}>create one here</Link>.
        </EmptyState>
      ) : (
        <HorizontalBarChart
          data={chart.data}
          label="Number of features in each feature view"
          valueLabel="features"
          onSelect={(datum) => datum.href && router.push(datum.href)}
        />
      )}
    </Card>
  );
}

function ServicesCard({ project }: { project: string }) {
  const services = useProjectServices(project);
  return (
    <Card title="Feature services" count={services.data?.length} flush>
      {services.error ? (
        <div style={{ padding: 16 }}>
          <ErrorState error={services.error} />
        </div>
      ) : !services.data ? (
        <div style={{ padding: 16 }}>
          <Skeleton height={100} />
        </div>
      ) : services.data.length === 0 ? (
        <EmptyState icon="featureService" title="No feature services yet">
          A service is the set of features a model reads.{" "}
          <Link href={routes.create(project, "featureService")}>Create one</Link>.
        </EmptyState>
      ) : (
        <ServiceRows project={project} services={services.data} />
      )}
    </Card>
  );
}

function ServiceRows({
  project,
  services,
}: {
  project: string;
  services: NonNullable<ReturnType<typeof useProjectServices>["data"]>;
}) {
  return (
    <ul style={{ listStyle: "none", margin: 0, padding: 0 }}>
      {services.map((service) => (
        <li
          key={service.name}
          style={{
            padding: "12px 18px",
            borderBottom: "1px solid var(--border)",
            display: "flex",
            gap: 12,
            alignItems: "center",
          }}
        >
          <span style={{ color: "var(--kind-service)" }}>
            <Icon name="featureService" size={18} />
          </span>
          <div style={{ flex: 1, minWidth: 0 }}>
            <Link href={routes.object(project, "featureService", service.name)} style={{ fontWeight: 600 }}>
              {service.name}
            </Link>
            <div className="muted" style={{ fontSize: 13 }}>
              {service.featureCount} features from {service.views.length} views
              {service.consumers.length ? ` · serves ${service.consumers.join(", ")}` : ""}
            </div>
          </div>
          {service.lifecycle !== "active" ? <Badge tone="warning">{service.lifecycle}</Badge> : null}
          <Link
            href={routes.object(project, "featureService", service.name, { tab: "lineage" })}
            style={{ fontSize: 13 }}
          >
            Lineage
          </Link>
        </li>
      ))}
    </ul>
  );
}
