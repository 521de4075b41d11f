"use client";
/**
 * Freshness of a project's online views: lag against the expected freshness, stale views counted
 * at the top, and one view's lag over time (?view=<name>, shareable). Refreshes every 30 s.
 */
import { useQuery } from "@tanstack/react-query";
import { Badge } from "@/components/ui/Badge";
import { Card } from "@/components/ui/Card";
import { DataTable } from "@/components/ui/DataTable";
import { SelectInput } from "@/components/ui/Form";
import { Icon } from "@/components/ui/Icon";
import { Link } from "@/components/ui/Link";
import { PageHeader } from "@/components/ui/PageHeader";
import { EmptyState, ErrorState, Notice, SkeletonRows } from "@/components/ui/States";
import { formatCount, formatDateTime, formatRelative, plural } from "@/lib/format";
import { routes } from "@/lib/routes";
import { useTRPC } from "@/lib/trpc/client";
import type { RouterOutputs } from "@/lib/trpc/types";
import { useUrlState } from "@/lib/url-state";
import { formatLag, STATE_LABEL, stateTone } from "./freshness-format";
import { LagChart } from "./LagChart";

type Freshness = RouterOutputs["freshness"]["project"];
type ViewRow = Freshness["views"][number];

export const REFRESH_MS = 30_000;
const VIEW = "view";

export function FreshnessView({ project }: { project: string }) {
  const trpc = useTRPC();
  const url = useUrlState();
  const freshness = useQuery({ ...trpc.freshness.project.queryOptions({ project }), refetchInterval: REFRESH_MS });
  const data = freshness.data;
  return (
    <>
      <PageHeader
        icon="clock"
        eyebrow={project}
        title="Freshness"
        subtitle="How old the newest value online is per view (now − newest event time), against what is expected. Refreshes every 30 s."
      />
      <div style={{ display: "grid", gap: 16 }}>
        {freshness.error ? (
          <ErrorState error={freshness.error} onRetry={() => void freshness.refetch()} />
        ) : !data ? (
          <Card flush>
            <SkeletonRows columns={6} />
          </Card>
        ) : data.views.length === 0 ? (
          <EmptyState icon="clock" title="No online feature views">
            Freshness is measured for feature views served online; this project has none.
          </EmptyState>
        ) : data.nothingMaterialized ? (
          <NothingMaterialized project={project} />
        ) : (
          <>
            <Alerts data={data} />
            <Card flush title="Views">
              <FreshnessTable project={project} views={data.views} selected={url.get(VIEW)} />
            </Card>
            <LagCard views={data.views} selected={url.get(VIEW)} onSelect={(view) => url.set({ [VIEW]: view })} />
            <p className="muted" style={{ margin: 0, fontSize: 13 }}>
              Checked {formatDateTime(data.checkedAt)}. Expected freshness comes from the view's{" "}
              <code>pantry.freshness</code> tag (e.g. <code>2h</code>), else twice the interval of the schedule that
              runs it, else twice the median interval between its recent runs (from 4 runs on).
            </p>
          </>
        )}
      </div>
    </>
  );
}

function NothingMaterialized({ project }: { project: string }) {
  return (
    <EmptyState
      icon="clock"
      title="Nothing materialized yet"
      actions={
        <Link href={routes.jobs(project, { materialize: "all" })}>
          <Icon name="jobs" size={15} /> Materialize on the Materialization page
        </Link>
      }
    >
      Freshness is the age of the newest value in the online store. Load values with the Materialize button on the
      Materialization page, or run <code>pantry materialize-incremental $(date -u +%Y-%m-%dT%H:%M:%S)</code> in the
      feature repo.
    </EmptyState>
  );
}

function Alerts({ data }: { data: Freshness }) {
  const stale = data.views.filter((v) => v.state === "stale");
  const unknown = data.views.filter((v) => v.state === "unknown");
  return (
    <>
      {stale.length > 0 ? (
        <Notice tone="danger">
          <strong data-testid="stale-count">{plural(stale.length, "stale view")}</strong>:{" "}
          {stale.map((v) => v.view).join(", ")} {stale.length === 1 ? "is" : "are"} older than expected.
        </Notice>
      ) : (
        <Notice tone="success">No view is stale.</Notice>
      )}
      {unknown.length > 0 ? (
        <Notice tone="warning">Freshness unknown for {unknown.map((v) => `${v.view} (${v.error})`).join("; ")}.</Notice>
      ) : null}
    </>
  );
}

function expectedText(view: ViewRow): string {
  if (view.expected.ms === null) return "—";
  const basis = { tag: "tag", schedule: "2 × schedule", cadence: "2 × cadence", none: "" }[view.expected.basis];
  return `${formatLag(view.expected.ms)} (${basis})`;
}

function FreshnessTable({ project, views, selected }: { project: string; views: ViewRow[]; selected: string | null }) {
  return (
    <DataTable
      caption={`Freshness of the online views of ${project}`}
      rows={views}
      rowKey={(v) => v.view}
      columns={[
        {
          key: "view",
          header: "View",
          render: (v) => (
            <span style={{ display: "inline-flex", gap: 8, alignItems: "center" }}>
              <Link href={routes.object(project, "featureView", v.view)}>{v.view}</Link>
              <Link
                href={routes.freshness(project, { view: v.view })}
                aria-label={`Lag chart of ${v.view}`}
                title="Show the lag over time"
              >
                <span style={{ fontWeight: v.view === selected ? 600 : 400, fontSize: 12 }}>chart</span>
              </Link>
            </span>
          ),
        },
        {
          key: "state",
          header: "State",
          render: (v) => (
            <span data-testid={`state-${v.view}`} title={v.error ?? undefined}>
              <Badge tone={stateTone(v.state)}>{STATE_LABEL[v.state]}</Badge>
            </span>
          ),
        },
        {
          key: "lag",
          header: "Lag",
          nowrap: true,
          render: (v) => (
            <span style={v.state === "stale" ? { color: "#d92d20", fontWeight: 600 } : undefined}>
              {formatLag(v.lagMs)}
            </span>
          ),
        },
        { key: "expected", header: "Expected", nowrap: true, render: expectedText },
        { key: "newest", header: "Newest event", nowrap: true, render: (v) => formatDateTime(v.newestEventTs) },
        {
          key: "job",
          header: "Last job",
          render: (v) =>
            v.lastJob ? (
              <Link href={routes.jobs(project, { job: v.lastJob.id })} title={formatDateTime(v.lastJob.finishedAt)}>
                {formatRelative(v.lastJob.finishedAt)} · {v.lastJob.status} · {formatCount(v.lastJob.rowsWritten)} rows
              </Link>
            ) : (
              <span className="muted">none</span>
            ),
        },
      ]}
    />
  );
}

function LagCard({
  views,
  selected,
  onSelect,
}: {
  views: ViewRow[];
  selected: string | null;
  onSelect: (view: string) => void;
}) {
  const current = views.find((v) => v.view === selected) ?? views.find((v) => v.history.length > 0) ?? views[0];
  if (!current) return null;
  const picker = (
    <SelectInput
      small
      aria-label="View"
      style={{ width: 240 }}
      value={current.view}
      onChange={(e) => onSelect(e.target.value)}
    >
      {views.map((v) => (
        <option key={v.view} value={v.view}>
          {v.view}
        </option>
      ))}
    </SelectInput>
  );
  return (
    <Card title={`Lag over time · ${current.view}`} actions={picker}>
      {current.history.length === 0 ? (
        <EmptyState icon="clock" title="No lag history yet">
          Each successful run of {current.view} adds a point: the lag when it finished.
        </EmptyState>
      ) : (
        <LagChart view={current.view} points={current.history} expectedMs={current.expected.ms} />
      )}
    </Card>
  );
}
