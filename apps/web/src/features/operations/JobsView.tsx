"use client";
/**
 * Materialization: launch a run (?materialize, or ?materialize=<view> from a feature view), follow
 * one job (?job=<id>, shareable), the history with a chart, and the schedules. The list polls only
 * while a job is queued or running.
 */
import { useQuery } from "@tanstack/react-query";
import { Badge } from "@/components/ui/Badge";
import { GuardedButton } from "@/components/auth/Guarded";
import { Card } from "@/components/ui/Card";
import { DataTable } from "@/components/ui/DataTable";
import { Icon } from "@/components/ui/Icon";
import { Link } from "@/components/ui/Link";
import { PageHeader } from "@/components/ui/PageHeader";
import { EmptyState, ErrorState, SkeletonRows } from "@/components/ui/States";
import { formatCount, formatDateTime, formatRelative } from "@/lib/format";
import { routes } from "@/lib/routes";
import { useTRPC } from "@/lib/trpc/client";
import type { RouterOutputs } from "@/lib/trpc/types";
import { useUrlState } from "@/lib/url-state";
import { JobDetail } from "./jobs/JobDetail";
import { JobsChart } from "./jobs/JobsChart";
import { durationSeconds, formatDuration, isActive, POLL_MS, statusTone } from "./jobs/job-status";
import styles from "./jobs/jobs.module.css";
import { MaterializeForm } from "./jobs/MaterializeForm";
import { SchedulesCard } from "./jobs/SchedulesCard";

type Job = RouterOutputs["catalog"]["jobs"][number];

const JOB = "job";
/** "all" or a view name to preselect. */
const LAUNCH = "materialize";

export function JobsView({ project }: { project: string }) {
  const trpc = useTRPC();
  const url = useUrlState();
  const jobs = useQuery({
    ...trpc.catalog.jobs.queryOptions({ project, limit: 100 }),
    refetchInterval: (query) => (query.state.data?.some((j) => isActive(j.status)) ? POLL_MS : false),
  });
  const selected = url.get(JOB);
  const launch = url.get(LAUNCH);
  const openForm = () => url.set({ [LAUNCH]: "all", [JOB]: null });
  const materializeButton = (
    <GuardedButton action="materialize" variant="primary" onClick={openForm}>
      <Icon name="jobs" size={15} /> Materialize
    </GuardedButton>
  );
  return (
    <>
      <PageHeader
        icon="jobs"
        eyebrow={project}
        title="Materialization jobs"
        subtitle="Loads from the offline store into the online store, newest first."
        actions={launch ? null : materializeButton}
      />
      <div className={styles.stack}>
        {launch ? (
          <MaterializeForm
            project={project}
            initialViews={launch === "all" ? [] : [launch]}
            onStarted={(id) => url.set({ [LAUNCH]: null, [JOB]: id }, { push: true })}
            onClose={() => url.set({ [LAUNCH]: null })}
          />
        ) : null}
        {selected ? (
          <JobDetail key={selected} project={project} id={selected} onClose={() => url.set({ [JOB]: null })} />
        ) : null}
        {jobs.data && jobs.data.length > 1 ? (
          <Card title="Rows written and duration per job">
            <JobsChart jobs={jobs.data} />
          </Card>
        ) : null}
        <Card flush>
          {jobs.error ? (
            <div style={{ padding: 16 }}>
              <ErrorState error={jobs.error} onRetry={() => void jobs.refetch()} />
            </div>
          ) : !jobs.data ? (
            <SkeletonRows columns={6} />
          ) : jobs.data.length === 0 ? (
            <EmptyState icon="jobs" title="No materialization jobs yet" actions={launch ? null : materializeButton}>
              Load the latest feature values into the online store from here, or with{" "}
              <code>pantry materialize-incremental $(date -u +%Y-%m-%dT%H:%M:%S)</code> in the feature repo. Each run is
              recorded here with its rows and duration.
            </EmptyState>
          ) : (
            <JobsTable project={project} jobs={jobs.data} selected={selected} />
          )}
        </Card>
        <SchedulesCard project={project} />
      </div>
    </>
  );
}

function JobsTable({ project, jobs, selected }: { project: string; jobs: Job[]; selected: string | null }) {
  return (
    <DataTable
      caption={`Materialization jobs of ${project}`}
      rows={jobs}
      rowKey={(j) => j.id}
      columns={[
        {
          key: "status",
          header: "Status",
          render: (j) => (
            <Link href={routes.jobs(project, { job: j.id })} aria-label={`Job ${j.id}, ${j.status}`}>
              <Badge tone={statusTone(j.status)}>{j.status}</Badge>
            </Link>
          ),
        },
        {
          key: "views",
          header: "Views",
          render: (j) => (
            <span style={{ display: "inline-flex", gap: 6, flexWrap: "wrap" }}>
              {j.views.map((v) => (
                <Link key={v} href={routes.object(project, "featureView", v)}>
                  {v}
                </Link>
              ))}
            </span>
          ),
        },
        {
          key: "window",
          header: "Window",
          render: (j) => `${j.start ? formatDateTime(j.start) : "last run"} → ${formatDateTime(j.end)}`,
        },
        { key: "rows", header: "Rows written", align: "right", render: (j) => formatCount(j.rowsWritten) },
        {
          key: "took",
          header: "Took",
          nowrap: true,
          render: (j) => formatDuration(durationSeconds(j.startedAt, j.finishedAt)),
        },
        { key: "trigger", header: "From", render: (j) => j.trigger },
        {
          key: "when",
          header: "When",
          nowrap: true,
          render: (j) => (
            <Link
              href={routes.jobs(project, { job: j.id })}
              title={formatDateTime(j.createdAt)}
              className={j.id === selected ? styles.selected : undefined}
            >
              {formatRelative(j.createdAt)}
            </Link>
          ),
        },
        {
          key: "error",
          header: "Error",
          render: (j) =>
            j.error ? (
              <span className={styles.errorCell} title={j.error}>
                {j.error}
              </span>
            ) : (
              <span className="muted">—</span>
            ),
        },
      ]}
    />
  );
}
