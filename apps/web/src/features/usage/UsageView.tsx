"use client";
/**
 * Usage: which models read which features, how often and how fast, over 24 hours, 7 days or 30
 * days (?range=), optionally narrowed to one model (?model=); the online features nobody read are
 * listed as deprecation candidates.
 */
import { useQuery } from "@tanstack/react-query";
import { Badge } from "@/components/ui/Badge";
import { Card } from "@/components/ui/Card";
import { DataTable } from "@/components/ui/DataTable";
import { Icon } from "@/components/ui/Icon";
import { Link } from "@/components/ui/Link";
import { PageHeader, Stat, StatGrid } from "@/components/ui/PageHeader";
import { Segmented } from "@/components/ui/Tabs";
import { EmptyState, ErrorState, SkeletonRows } from "@/components/ui/States";
import { formatCount, formatDateTime, formatRelative, plural } from "@/lib/format";
import { routes } from "@/lib/routes";
import { useTRPC } from "@/lib/trpc/client";
import { pickParam, useUrlState } from "@/lib/url-state";
import {
  colourOf,
  DEFAULT_RANGE,
  formatMs,
  MODEL_PARAM,
  RANGE_PARAM,
  RANGES,
  type UsageRange,
  type UsageReport,
} from "./model";
import { UsageChart } from "./UsageChart";
import styles from "./usage.module.css";

export function UsageView({ project }: { project: string }) {
  const trpc = useTRPC();
  const url = useUrlState();
  const range = pickParam(
    url.get(RANGE_PARAM),
    RANGES.map((r) => r.value),
    DEFAULT_RANGE,
  );
  const model = url.get(MODEL_PARAM) ?? undefined;
  const report = useQuery({
    ...trpc.usage.report.queryOptions({ project, range, consumer: model }),
    placeholderData: (previous) => previous,
  });
  const rangeLabel = RANGES.find((r) => r.value === range)?.label ?? range;
  return (
    <>
      <PageHeader
        icon="model"
        eyebrow={project}
        title="Usage"
        subtitle="Which models read which features online, how often and how fast."
      />
      <div className={styles.stack}>
        <div className={styles.toolbar}>
          <Segmented<UsageRange>
            label="Time range"
            options={RANGES}
            value={range}
            onChange={(value) => url.set({ [RANGE_PARAM]: value === DEFAULT_RANGE ? null : value })}
          />
          {model ? (
            <span className={styles.filter}>
              Model <Badge tone="accent">{model}</Badge>
              <Link href={routes.usage(project, { [RANGE_PARAM]: url.get(RANGE_PARAM) })}>Show all models</Link>
            </span>
          ) : null}
        </div>
        {report.error ? (
          <ErrorState error={report.error} onRetry={() => void report.refetch()} />
        ) : !report.data ? (
          <Card title="Models">
            <SkeletonRows columns={6} />
          </Card>
        ) : report.data.consumers.length === 0 ? (
          <>
            <Card>
              <NoUsage rangeLabel={rangeLabel} />
            </Card>
            <UnusedCard project={project} report={report.data} rangeLabel={rangeLabel} />
          </>
        ) : (
          <UsageBody project={project} report={report.data} rangeLabel={rangeLabel} />
        )}
      </div>
    </>
  );
}

function NoUsage({ rangeLabel }: { rangeLabel: string }) {
  return (
    <EmptyState icon="model" title={`No online reads in the last ${rangeLabel}`}>
      Usage is recorded by the feature server and the SDK when a request names its model: send the header{" "}
      <code>x-pantry-consumer: &lt;model&gt;</code> with <code>POST /get-online-features</code>, or pass{" "}
      <code>consumer: "&lt;model&gt;"</code> to <code>store.getOnlineFeatures(...)</code>. Reads are rolled up per
      minute and appear here within a few seconds.
    </EmptyState>
  );
}

function UsageBody({ project, report, rangeLabel }: { project: string; report: UsageReport; rangeLabel: string }) {
  const selected = report.consumer ? report.consumers.find((c) => c.consumer === report.consumer) : undefined;
  const featuresRead = report.features.length;
  return (
    <>
      <StatGrid>
        <Stat label="Requests" value={formatCount(report.totalRequests)} icon="jobs" />
        <Stat
          label={report.consumer ? "Model" : "Models"}
          value={report.consumer ?? report.consumers.length}
          small={Boolean(report.consumer)}
          icon="model"
        />
        <Stat label="Features read" value={featuresRead} icon="feature" />
        <Stat label="Unused online features" value={report.unused.length} icon="alert" />
        {selected ? (
          <Stat
            label="Latency mean / max"
            value={`${formatMs(selected.meanLatencyMs)} / ${formatMs(selected.maxLatencyMs)}`}
            small
            icon="jobs"
          />
        ) : null}
      </StatGrid>
      <Card title={`Requests over the last ${rangeLabel}${report.consumer ? ` · ${report.consumer}` : " per model"}`}>
        {report.totalRequests === 0 ? (
          <span className="muted">{report.consumer} made no requests in this range.</span>
        ) : (
          <UsageChart report={report} />
        )}
      </Card>
      <Card title="Models" count={report.consumers.length} flush>
        <ModelsTable project={project} report={report} />
      </Card>
      <Card
        title={report.consumer ? `Features ${report.consumer} read` : "Most-read features"}
        count={featuresRead}
        flush
      >
        <FeaturesTable project={project} report={report} />
      </Card>
      <UnusedCard project={project} report={report} rangeLabel={rangeLabel} />
    </>
  );
}

function ModelsTable({ project, report }: { project: string; report: UsageReport }) {
  return (
    <DataTable
      caption={`Models that read features of ${project}`}
      rows={report.consumers}
      rowKey={(c) => c.consumer}
      columns={[
        {
          key: "model",
          header: "Model",
          render: (c) => (
            <Link
              href={routes.usage(project, {
                [RANGE_PARAM]: report.range === DEFAULT_RANGE ? null : report.range,
                [MODEL_PARAM]: c.consumer === report.consumer ? null : c.consumer,
              })}
              className={[styles.model, c.consumer === report.consumer ? styles.selected : ""].join(" ")}
              aria-current={c.consumer === report.consumer ? "true" : undefined}
              title={c.consumer === report.consumer ? "Show all models" : `Show only ${c.consumer}`}
            >
              <span className={styles.swatch} style={{ background: colourOf(report.consumers, c.consumer) }} />
              {c.consumer}
            </Link>
          ),
        },
        { key: "requests", header: "Requests", align: "right", render: (c) => formatCount(c.requests) },
        {
          key: "features",
          header: "Features",
          align: "right",
          render: (c) => (
            <span title={c.views.join(", ")}>
              {c.features} <span className="muted">in {plural(c.views.length, "view")}</span>
            </span>
          ),
        },
        { key: "mean", header: "Latency mean", align: "right", nowrap: true, render: (c) => formatMs(c.meanLatencyMs) },
        { key: "max", header: "Latency max", align: "right", nowrap: true, render: (c) => formatMs(c.maxLatencyMs) },
        {
          key: "first",
          header: "First seen",
          nowrap: true,
          render: (c) => <span title={formatDateTime(c.firstSeen)}>{formatRelative(c.firstSeen)}</span>,
        },
        {
          key: "last",
          header: "Last seen",
          nowrap: true,
          render: (c) => <span title={formatDateTime(c.lastSeen)}>{formatRelative(c.lastSeen)}</span>,
        },
      ]}
    />
  );
}

function FeaturesTable({ project, report }: { project: string; report: UsageReport }) {
  return (
    <DataTable
      caption={`Features of ${project} by requests`}
      rows={report.features.slice(0, 50)}
      rowKey={(f) => f.featureRef}
      columns={[
        {
          key: "feature",
          header: "Feature",
          render: (f) =>
            f.viewKind ? (
              <Link href={routes.feature(project, f.view, f.feature)} className="mono">
                {f.featureRef}
              </Link>
            ) : (
              <span className="mono" title="This view is no longer in the registry">
                {f.featureRef}
              </span>
            ),
        },
        { key: "requests", header: "Requests", align: "right", render: (f) => formatCount(f.requests) },
        {
          key: "models",
          header: "Read by",
          render: (f) => (
            <span className={styles.chips}>
              {f.consumers.map((c) => (
                <Badge key={c.consumer} title={`${formatCount(c.requests)} requests`}>
                  {c.consumer} · {formatCount(c.requests)}
                </Badge>
              ))}
            </span>
          ),
        },
        {
          key: "last",
          header: "Last read",
          nowrap: true,
          render: (f) => <span title={formatDateTime(f.lastSeen)}>{formatRelative(f.lastSeen)}</span>,
        },
      ]}
    />
  );
}

function UnusedCard({ project, report, rangeLabel }: { project: string; report: UsageReport; rangeLabel: string }) {
  const byView = new Map<string, UsageReport["unused"]>();
  for (const u of report.unused) byView.set(u.view, [...(byView.get(u.view) ?? []), u]);
  return (
    <Card title="Unused features" count={report.unused.length} id="unused">
      {report.unused.length === 0 ? (
        <span className="muted">Every feature of an online view was read in the last {rangeLabel}.</span>
      ) : (
        <>
          <p className={styles.hint}>
            <Icon name="info" size={13} /> No model read these online features in the last {rangeLabel} (all models,
            whatever the filter): they are deprecation candidates. Open the view to deprecate it from its Lifecycle
            action; the services listed still include the feature.
          </p>
          <DataTable
            caption="Online features nobody read"
            rows={[...byView.entries()]}
            rowKey={([view]) => view}
            columns={[
              {
                key: "view",
                header: "View",
                render: ([view, rows]) => (
                  <Link href={routes.object(project, rows[0]?.viewKind ?? "featureView", view)}>{view}</Link>
                ),
              },
              {
                key: "features",
                header: "Unused features",
                render: ([, rows]) => (
                  <span className={styles.chips}>
                    {rows.map((r) => (
                      <Badge key={r.feature}>{r.feature}</Badge>
                    ))}
                  </span>
                ),
              },
              {
                key: "services",
                header: "Still in services",
                render: ([, rows]) => {
                  const services = [...new Set(rows.flatMap((r) => r.services))].sort();
                  return services.length === 0 ? (
                    <span className="muted">none</span>
                  ) : (
                    <span className={styles.chips}>
                      {services.map((s) => (
                        <Link key={s} href={routes.object(project, "featureService", s)}>
                          {s}
                        </Link>
                      ))}
                    </span>
                  );
                },
              },
            ]}
          />
        </>
      )}
    </Card>
  );
}
