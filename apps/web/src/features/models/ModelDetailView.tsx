"use client";
/**
 * One model (`/projects/<p>/models/<model>`): the services it uses (and the version of each view
 * they read), every feature it reads with its freshness and lag now, its requests, entity rows,
 * errors and latency over time (?range=), what it reads that is deprecated or retired, drift
 * against a saved dataset (?dataset=, histograms side by side with ?compare=view:feature), its
 * owners and its lineage.
 */
import { useQuery } from "@tanstack/react-query";
import { Badge } from "@/components/ui/Badge";
import { Button, ButtonLink } from "@/components/ui/Button";
import { Card, Split } from "@/components/ui/Card";
import { DataTable } from "@/components/ui/DataTable";
import { SelectInput } from "@/components/ui/Form";
import { Link } from "@/components/ui/Link";
import { PageHeader, Stat, StatGrid } from "@/components/ui/PageHeader";
import { EmptyState, ErrorState, Notice, Skeleton } from "@/components/ui/States";
import { Segmented } from "@/components/ui/Tabs";
import { LineageView } from "@/features/lineage/LineageView";
import { formatStat, HistogramChart } from "@/features/statistics/HistogramChart";
import { DEFAULT_RANGE, RANGES, type UsageRange } from "@/features/usage/model";
import { formatCount, formatDateTime, formatRelative } from "@/lib/format";
import { routes } from "@/lib/routes";
import { useTRPC } from "@/lib/trpc/client";
import { pickParam, useUrlState } from "@/lib/url-state";
import {
  COMPARE_PARAM,
  DATASET_PARAM,
  type FeatureDrift,
  FRESHNESS_TONE,
  formatLag,
  freshnessLabel,
  type ModelDetail,
  type ModelFeature,
  RANGE_PARAM,
} from "./model";
import { MetricsCharts } from "./MetricsCharts";
import { AttentionBadges } from "./ModelsTable";

export function ModelDetailView({ project, model }: { project: string; model: string }) {
  const trpc = useTRPC();
  const url = useUrlState();
  const range = pickParam(
    url.get(RANGE_PARAM),
    RANGES.map((r) => r.value),
    DEFAULT_RANGE,
  );
  const dataset = url.get(DATASET_PARAM);
  const detail = useQuery({
    ...trpc.models.get.queryOptions({ project, model, range, dataset }),
    placeholderData: (previous) => previous,
  });
  const header = (
    <PageHeader
      icon="model"
      eyebrow={`Model of ${project}`}
      title={<span className="mono">{model}</span>}
      badges={detail.data ? <AttentionBadges model={detail.data} /> : null}
      subtitle={
        detail.data
          ? `Known from ${detail.data.via.map((v) => (v === "tag" ? "service tags" : "usage")).join(" and ")} · owners: ${detail.data.owners.join(", ") || "none named"}`
          : "Services, features, freshness, usage and drift of one model."
      }
      actions={<ButtonLink href={routes.usage(project, { model })}>Usage of {model}</ButtonLink>}
    />
  );
  if (detail.error) {
    return (
      <>
        {header}
        <ErrorState
          error={detail.error}
          actions={<ButtonLink href={routes.models(project)}>All models of {project}</ButtonLink>}
          onRetry={() => void detail.refetch()}
        />
      </>
    );
  }
  if (!detail.data) {
    return (
      <>
        {header}
        <div role="status" aria-busy="true" aria-label="Loading the model">
          <Skeleton height={320} />
        </div>
      </>
    );
  }
  const m = detail.data;
  const totals = m.metrics.totals;
  return (
    <>
      {header}
      <div style={{ display: "flex", flexDirection: "column", gap: 16 }}>
        {m.attention ? (
          <Notice tone="warning">
            {m.name} reads {m.staleViews.length > 0 ? `stale views (${m.staleViews.join(", ")})` : ""}
            {m.staleViews.length > 0 && m.deprecatedFeatures.length > 0 ? " and " : ""}
            {m.deprecatedFeatures.length > 0 ? `${m.deprecatedFeatures.length} deprecated or retired features` : ""}.
          </Notice>
        ) : null}
        <StatGrid>
          <Stat label={`Requests (${m.metrics.range})`} value={formatCount(totals.requests)} icon="jobs" />
          <Stat label="Entity rows" value={formatCount(totals.entityRows)} icon="entity" />
          <Stat label="Errors" value={formatCount(totals.errors)} icon="alert" />
          <Stat
            label="Latency p50 / p99"
            value={totals.p50Ms === null ? "—" : `≤ ${totals.p50Ms} / ≤ ${totals.p99Ms} ms`}
            small
            icon="clock"
          />
          <Stat label="Features read" value={m.featuresRead.length} icon="feature" />
          <Stat label="Services" value={m.servicesUsed.length} icon="featureService" />
        </StatGrid>
        <Card
          title="Requests over time"
          actions={
            <Segmented<UsageRange>
              label="Time range"
              options={RANGES}
              value={range}
              onChange={(value) => url.set({ [RANGE_PARAM]: value === DEFAULT_RANGE ? null : value })}
            />
          }
        >
          {totals.requests === 0 ? (
            <span className="muted">
              {m.name} made no online requests in this range. Requests count when they name the model (header{" "}
              <code>x-pantry-consumer: {m.name}</code>).
            </span>
          ) : (
            <MetricsCharts metrics={m.metrics} />
          )}
        </Card>
        <Split
          main={
            <>
              <Card title="Features it reads" count={m.featuresRead.length} flush>
                <FeaturesTable project={project} features={m.featuresRead} />
              </Card>
              <Card
                title="Deprecated or retired features it reads"
                count={m.deprecated.length}
                flush={m.deprecated.length > 0}
              >
                {m.deprecated.length === 0 ? (
                  <span className="muted">Nothing it reads is deprecated or retired.</span>
                ) : (
                  <DeprecatedTable project={project} features={m.deprecated} />
                )}
              </Card>
              <DriftCard project={project} model={m} />
            </>
          }
          side={
            <>
              <Card title="Feature services" count={m.servicesUsed.length}>
                {m.servicesUsed.length === 0 ? (
                  <span className="muted">No service names this model in its tags.</span>
                ) : (
                  <ul
                    style={{
                      margin: 0,
                      padding: 0,
                      listStyle: "none",
                      display: "flex",
                      flexDirection: "column",
                      gap: 10,
                    }}
                  >
                    {m.servicesUsed.map((s) => (
                      <li key={s.name}>
                        <Link href={routes.object(project, "featureService", s.name)}>{s.name}</Link>{" "}
                        {s.lifecycle !== "active" ? <Badge tone="warning">{s.lifecycle}</Badge> : null}
                        <div className="muted" style={{ fontSize: 12.5 }}>
                          built from {s.views.map((v) => `${v.view} v${v.version ?? "?"}`).join(", ")}
                        </div>
                      </li>
                    ))}
                  </ul>
                )}
              </Card>
              <Card title="Owners" count={m.owners.length}>
                {m.owners.length === 0 ? (
                  <span className="muted">No owner named on its services or views.</span>
                ) : (
                  <ul style={{ margin: 0, paddingLeft: 18 }}>
                    {m.owners.map((o) => (
                      <li key={o}>{o}</li>
                    ))}
                  </ul>
                )}
              </Card>
              <Card title="Saved datasets" count={m.datasets.length}>
                {m.datasets.length === 0 ? (
                  <span className="muted">No training set saved for it yet.</span>
                ) : (
                  <ul style={{ margin: 0, paddingLeft: 18 }}>
                    {m.datasets.map((d) => (
                      <li key={d.name}>
                        <Link href={routes.datasets(project, { dataset: d.name })}>{d.name}</Link>{" "}
                        <span className="muted">{formatRelative(d.createdAt)}</span>
                      </li>
                    ))}
                  </ul>
                )}
              </Card>
            </>
          }
        />
        <Card title="Lineage">
          {m.via.includes("tag") ? (
            <LineageView project={project} focus={{ kind: "consumer", name: m.name }} />
          ) : (
            <span className="muted">
              The lineage graph draws models named by service tags; {m.name} is known from usage only.
            </span>
          )}
        </Card>
      </div>
    </>
  );
}

function FeaturesTable({ project, features }: { project: string; features: ModelFeature[] }) {
  return (
    <DataTable
      caption="Features the model reads"
      rows={features}
      rowKey={(f) => f.ref}
      columns={[
        {
          key: "feature",
          header: "Feature",
          render: (f) =>
            f.viewKind ? (
              <Link href={routes.feature(project, f.view, f.feature)} className="mono">
                {f.ref}
              </Link>
            ) : (
              <span className="mono">{f.ref}</span>
            ),
        },
        { key: "via", header: "Via", render: (f) => f.services.join(", ") || "usage" },
        {
          key: "freshness",
          header: "Freshness",
          render: (f) => (
            <Badge tone={FRESHNESS_TONE[f.freshness.state] ?? "neutral"}>{freshnessLabel(f.freshness.state)}</Badge>
          ),
        },
        {
          key: "lag",
          header: "Lag now",
          align: "right",
          nowrap: true,
          render: (f) => (
            <span
              title={
                f.freshness.newestEventTs ? `newest event ${formatDateTime(f.freshness.newestEventTs)}` : undefined
              }
            >
              {formatLag(f.freshness.lagMs)}
            </span>
          ),
        },
        {
          key: "lifecycle",
          header: "Lifecycle",
          render: (f) =>
            f.lifecycle.state === "active" ? (
              <span className="muted">active</span>
            ) : (
              <Badge tone={f.lifecycle.state === "retired" ? "danger" : "warning"}>{f.lifecycle.state}</Badge>
            ),
        },
        { key: "requests", header: "Requests (30 d)", align: "right", render: (f) => formatCount(f.requests) },
      ]}
    />
  );
}

function DeprecatedTable({ project, features }: { project: string; features: ModelFeature[] }) {
  return (
    <DataTable
      caption="Deprecated or retired features the model reads"
      rows={features}
      rowKey={(f) => f.ref}
      columns={[
        {
          key: "feature",
          header: "Feature",
          render: (f) => (
            <Link href={routes.object(project, f.viewKind ?? "featureView", f.view)} className="mono">
              {f.ref}
            </Link>
          ),
        },
        {
          key: "state",
          header: "State",
          render: (f) => (
            <Badge tone={f.lifecycle.state === "retired" ? "danger" : "warning"}>{f.lifecycle.state}</Badge>
          ),
        },
        {
          key: "sunset",
          header: "Sunset",
          nowrap: true,
          render: (f) => (f.lifecycle.sunsetAt ? formatDateTime(f.lifecycle.sunsetAt) : "—"),
        },
        { key: "replacement", header: "Use instead", render: (f) => f.lifecycle.replacement ?? "—" },
        { key: "reason", header: "Reason", render: (f) => f.lifecycle.reason ?? "—" },
      ]}
    />
  );
}

function DriftCard({ project, model }: { project: string; model: ModelDetail }) {
  const url = useUrlState();
  const drift = model.drift;
  const compare = url.get(COMPARE_PARAM);
  const opened = drift?.items.find((i) => `${i.view}:${i.feature}` === compare) ?? null;
  const picker =
    model.datasets.length > 1 ? (
      <label htmlFor="drift-dataset" style={{ display: "inline-flex", gap: 8, alignItems: "center", fontSize: 13 }}>
        Dataset
        <SelectInput
          id="drift-dataset"
          small
          value={drift?.dataset ?? ""}
          onChange={(event) => url.set({ [DATASET_PARAM]: event.target.value, [COMPARE_PARAM]: null })}
        >
          {model.datasets.map((d) => (
            <option key={d.name} value={d.name}>
              {d.name}
            </option>
          ))}
        </SelectInput>
      </label>
    ) : null;
  return (
    <Card title="Training / serving drift" count={drift?.flagged} actions={picker} id="drift">
      {!drift ? (
        <EmptyState icon="dataset" title="No training set to compare with">
          Save the training data with <code>get-historical-features --save-as &lt;name&gt;</code> (from one of its
          services): the dataset keeps the statistics of its features, compared here with the newest statistics of the
          source.
        </EmptyState>
      ) : drift.items.length === 0 ? (
        <span className="muted">
          Saved dataset {drift.dataset} has no statistics of the features {model.name} reads (it was saved before
          statistics were kept, or holds other features).
        </span>
      ) : (
        <div style={{ display: "flex", flexDirection: "column", gap: 12 }}>
          <span className="muted" style={{ fontSize: 13 }}>
            {drift.dataset}
            {drift.computedAt ? ` (statistics of ${formatDateTime(drift.computedAt)})` : ""} against the newest source
            statistics. Numbers: population stability index; strings: share of values unseen in training.
          </span>
          <DataTable
            caption="Drift per feature"
            rows={drift.items}
            rowKey={(i) => `${i.view}:${i.feature}`}
            columns={[
              {
                key: "feature",
                header: "Feature",
                render: (i) => <span className="mono">{`${i.view}:${i.feature}`}</span>,
              },
              { key: "metric", header: "Metric", render: (i) => (i.metric === "psi" ? "PSI" : "unseen share") },
              { key: "value", header: "Value", align: "right", render: (i) => formatStat(i.value) },
              { key: "threshold", header: "Threshold", align: "right", render: (i) => String(i.threshold) },
              {
                key: "flag",
                header: "",
                render: (i) =>
                  i.flagged ? (
                    <Badge tone="danger">drifted</Badge>
                  ) : i.value === null ? (
                    <span className="muted">no newer statistics</span>
                  ) : (
                    <Badge tone="success">stable</Badge>
                  ),
              },
              {
                key: "open",
                header: "",
                render: (i) => (
                  <Button
                    size="sm"
                    variant="ghost"
                    disabled={!i.serving}
                    aria-pressed={opened === i}
                    onClick={() => url.set({ [COMPARE_PARAM]: opened === i ? null : `${i.view}:${i.feature}` })}
                  >
                    {opened === i ? "Close" : "Compare"}
                  </Button>
                ),
              },
            ]}
          />
          {opened ? <SideBySide item={opened} project={project} /> : null}
        </div>
      )}
    </Card>
  );
}

function SideBySide({ item, project }: { item: FeatureDrift; project: string }) {
  return (
    <section aria-label={`Histograms of ${item.view}:${item.feature}`}>
      <div style={{ display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(280px, 1fr))", gap: 16 }}>
        <div>
          <strong style={{ fontSize: 13 }}>Training ({item.training.dataset})</strong>
          <HistogramChart stats={item.training} label="Training histogram" color="#0ea5e9" />
        </div>
        <div>
          <strong style={{ fontSize: 13 }}>
            Now (source, {item.serving ? formatDateTime(item.serving.computedAt) : "—"})
          </strong>
          {item.serving ? <HistogramChart stats={item.serving} label="Serving histogram" color="#6366f1" /> : null}
        </div>
      </div>
      <Link href={routes.feature(project, item.view, item.feature)}>Open {item.feature}&apos;s statistics</Link>
    </section>
  );
}
