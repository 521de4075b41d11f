"use client";
import { Link } from "@/components/ui/Link";
import { Badge, Dtype, TagList } from "@/components/ui/Badge";
import { ButtonLink } from "@/components/ui/Button";
import { Card, Properties, Split } from "@/components/ui/Card";
import { Icon } from "@/components/ui/Icon";
import { PageHeader } from "@/components/ui/PageHeader";
import { EmptyState, ErrorState, Skeleton } from "@/components/ui/States";
import { TabLinks } from "@/components/ui/Tabs";
import { useDeprecationReport } from "@/features/governance/hooks";
import { LifecycleAction } from "@/features/lifecycle/LifecycleAction";
import { LifecycleBanner } from "@/features/lifecycle/LifecycleBanner";
import type { CurrentLifecycle } from "@/features/lifecycle/model";
import { LineageView } from "@/features/lineage/LineageView";
import { StatisticsPanel } from "@/features/statistics/StatisticsPanel";
import { formatCellValue } from "@/lib/cell-value";
import { routes } from "@/lib/routes";
import { useUrlState } from "@/lib/url-state";
import { useFeatureDetail } from "./use-feature-detail";

export function FeatureDetailView({ project, view, feature }: { project: string; view: string; feature: string }) {
  const url = useUrlState();
  const tab = url.get("tab") === "lineage" ? "lineage" : "overview";
  const detail = useFeatureDetail(project, view, feature);
  const summary = detail.summary;
  const base = routes.feature(project, view, feature);
  const ref = `${view}:${feature}`;
  const report = useDeprecationReport(project, detail.notFound ? "" : "feature", ref);
  const lifecycle: CurrentLifecycle | null = report.data
    ? {
        state: report.data.state,
        reason: report.data.reason,
        replacement: report.data.replacement,
        sunsetAt: report.data.sunsetAt,
      }
    : null;

  if (detail.features.error)
    return <ErrorState error={detail.features.error} onRetry={() => void detail.features.refetch()} />;
  if (detail.notFound) {
    return (
      <EmptyState
        icon="feature"
        title={`No feature '${feature}' in view '${view}'`}
        actions={<ButtonLink href={routes.features(project, { q: feature })}>Search features named like it</ButtonLink>}
      >
        It may have been renamed or removed from the view.
      </EmptyState>
    );
  }
  return (
    <>
      <PageHeader
        icon="feature"
        eyebrow={`Feature of ${view}`}
        title={
          <span>
            <span className="muted" style={{ fontWeight: 500 }}>
              {view}:
            </span>
            {feature}
          </span>
        }
        badges={summary ? <Dtype value={summary.dtype} /> : null}
        subtitle={
          summary ? summary.description || <span className="muted">No description.</span> : <Skeleton width={300} />
        }
        actions={
          <>
            {lifecycle ? <LifecycleAction project={project} kind="feature" name={ref} current={lifecycle} /> : null}
            <ButtonLink href={routes.object(project, summary?.viewKind ?? "featureView", view)}>
              <Icon name="featureView" size={15} /> Open view
            </ButtonLink>
          </>
        }
      />
      {lifecycle ? <LifecycleBanner project={project} kind="feature" name={ref} current={lifecycle} /> : null}
      <TabLinks
        label="Feature sections"
        active={tab}
        tabs={[
          { id: "overview", label: "Overview", href: base },
          { id: "lineage", label: "Lineage", href: `${base}?tab=lineage` },
        ]}
      />
      {tab === "lineage" ? (
        <LineageView project={project} focus={{ kind: summary?.viewKind ?? "featureView", name: view }} />
      ) : !summary ? (
        <Skeleton height={240} />
      ) : (
        <Split
          main={
            <>
              <Card title="Details">
                <Properties
                  items={[
                    ["Type", <Dtype key="d" value={summary.dtype} />],
                    [
                      "View",
                      <Link key="v" href={routes.object(project, summary.viewKind, view)}>
                        {view}
                      </Link>,
                    ],
                    ["Reference", <code key="r">{`${view}:${feature}`}</code>],
                    ["Owner", summary.owner || <span className="muted">—</span>],
                    [
                      "Lifecycle",
                      <Badge key="l" tone={summary.lifecycle === "active" ? "success" : "warning"}>
                        {summary.lifecycle}
                      </Badge>,
                    ],
                    ["Tags", <TagList key="t" tags={summary.tags} empty="—" />],
                  ]}
                />
              </Card>
              <Card
                title="Sample values"
                actions={
                  <span className="muted" style={{ fontSize: 12.5 }}>
                    from the view&apos;s source
                  </span>
                }
              >
                {detail.sample.error ? (
                  <span className="muted">No sample: {detail.sample.error.message}</span>
                ) : detail.sample.data === undefined ? (
                  summary.viewKind === "onDemandFeatureView" ? (
                    <span className="muted">Computed at request time; no stored values.</span>
                  ) : (
                    <Skeleton height={30} />
                  )
                ) : detail.sample.data === null ? (
                  <span className="muted">
                    The source has no column named {feature} (it may be renamed by a field mapping).
                  </span>
                ) : (
                  <div style={{ display: "flex", gap: 6, flexWrap: "wrap" }}>
                    {detail.sample.data.map((value, index) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: sample values in row order
                      <Badge key={index}>{formatCellValue(value).text}</Badge>
                    ))}
                  </div>
                )}
              </Card>
              {summary.viewKind === "featureView" ? (
                <StatisticsPanel project={project} view={view} feature={feature} />
              ) : null}
            </>
          }
          side={
            <>
              <Card title="Used by feature services" count={summary.usedBy.length}>
                {summary.usedBy.length === 0 ? (
                  <span className="muted">No service serves this view yet.</span>
                ) : (
                  <ul style={{ margin: 0, paddingLeft: 18 }}>
                    {summary.usedBy.map((s) => (
                      <li key={s}>
                        <Link href={routes.object(project, "featureService", s)}>{s}</Link>
                      </li>
                    ))}
                  </ul>
                )}
              </Card>
              <Card title={`Other features of ${view}`} count={detail.siblings.length}>
                <ul
                  style={{ margin: 0, padding: 0, listStyle: "none", display: "flex", flexDirection: "column", gap: 6 }}
                >
                  {detail.siblings.map((f) => (
                    <li key={f.name} style={{ display: "flex", justifyContent: "space-between", gap: 8 }}>
                      <Link href={routes.feature(project, view, f.name)} className="mono">
                        {f.name}
                      </Link>
                      <Dtype value={f.dtype} />
                    </li>
                  ))}
                </ul>
              </Card>
            </>
          }
        />
      )}
    </>
  );
}
