"use client";
/** One job (?job=<id>): per-view progress, refreshed while it runs; its error; Cancel while it runs. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Badge } from "@/components/ui/Badge";
import { GuardedButton } from "@/components/auth/Guarded";
import { Button } from "@/components/ui/Button";
import { Card, Properties } from "@/components/ui/Card";
import { DataTable } from "@/components/ui/DataTable";
import { Link } from "@/components/ui/Link";
import { ErrorState, Notice, SkeletonRows } from "@/components/ui/States";
import { formatCount, formatDateTime } from "@/lib/format";
import { routes } from "@/lib/routes";
import { useTRPC } from "@/lib/trpc/client";
import type { RouterOutputs } from "@/lib/trpc/types";
import { durationSeconds, formatDuration, isActive, POLL_MS, statusTone } from "./job-status";
import styles from "./jobs.module.css";

type Job = RouterOutputs["materialization"]["job"];
type ViewProgress = Job["progress"][number];

export function JobDetail({ project, id, onClose }: { project: string; id: string; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const job = useQuery({
    ...trpc.materialization.job.queryOptions({ project, id }),
    refetchInterval: (query) => (query.state.data && !isActive(query.state.data.status) ? false : POLL_MS),
  });
  const cancel = useMutation(
    trpc.materialization.cancel.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.materialization.job.queryKey({ project, id }) }),
    }),
  );
  const close = (
    <Button size="sm" variant="ghost" onClick={onClose}>
      Close
    </Button>
  );
  if (job.error) {
    return (
      <Card title={`Job ${id}`} actions={close}>
        <ErrorState error={job.error} />
      </Card>
    );
  }
  if (!job.data) {
    return (
      <Card title={`Job ${id}`} actions={close}>
        <SkeletonRows rows={3} columns={5} />
      </Card>
    );
  }
  const data = job.data;
  const running = isActive(data.status);
  return (
    <Card
      title={`Job ${data.id}`}
      actions={
        <>
          {running ? (
            <GuardedButton
              action="materialize"
              size="sm"
              variant="danger"
              busy={cancel.isPending}
              disabled={cancel.isPending || cancel.data?.cancelRequested === true}
              onClick={() => cancel.mutate({ project, id })}
            >
              {cancel.data?.cancelRequested ? "Cancelling…" : "Cancel job"}
            </GuardedButton>
          ) : null}
          {close}
        </>
      }
    >
      <div className={styles.stack} style={{ marginBottom: 0 }}>
        <Properties
          items={[
            [
              "Status",
              <Badge key="status" tone={statusTone(data.status)}>
                {data.status}
              </Badge>,
            ],
            ["Mode", data.mode === "full" ? "window" : data.mode],
            ["Started from", data.trigger],
            ["Rows read / written", `${formatCount(data.rowsRead)} / ${formatCount(data.rowsWritten)}`],
            ["Created", formatDateTime(data.createdAt)],
            ["Took", formatDuration(durationSeconds(data.startedAt, data.finishedAt))],
          ]}
        />
        {data.error ? (
          <div role="alert" aria-label="Job error">
            <pre className={styles.error}>{data.error}</pre>
          </div>
        ) : null}
        {cancel.data && !cancel.data.cancelRequested ? (
          <Notice tone="info">The job is {cancel.data.status}; nothing to cancel.</Notice>
        ) : null}
        <ProgressTable project={project} views={data.progress} />
      </div>
    </Card>
  );
}

function ProgressTable({ project, views }: { project: string; views: ViewProgress[] }) {
  return (
    <DataTable
      caption="Progress per view"
      rows={views}
      rowKey={(v) => v.name}
      columns={[
        {
          key: "view",
          header: "View",
          render: (v) => <Link href={routes.object(project, "featureView", v.name)}>{v.name}</Link>,
        },
        { key: "status", header: "Status", render: (v) => <Badge tone={statusTone(v.status)}>{v.status}</Badge> },
        {
          key: "window",
          header: "Window",
          render: (v) => `${v.startTs ? formatDateTime(v.startTs) : "the beginning"} → ${formatDateTime(v.endTs)}`,
        },
        { key: "read", header: "Read", align: "right", render: (v) => formatCount(v.rowsRead) },
        { key: "written", header: "Written", align: "right", render: (v) => formatCount(v.rowsWritten) },
        { key: "progress", header: "Progress", render: (v) => <ProgressBar view={v} /> },
        {
          key: "error",
          header: "Error",
          render: (v) =>
            v.error ? (
              <span className={styles.errorCell} title={v.error}>
                {v.error}
              </span>
            ) : null,
        },
      ]}
    />
  );
}

/** A bar only where the total is known (counted during the run); otherwise the count says enough. */
function ProgressBar({ view }: { view: ViewProgress }) {
  const done = view.status === "succeeded" || view.status === "skipped";
  const total = view.totalRows;
  if (!done && (total === null || total === 0)) return <span className="muted">—</span>;
  const share = done ? 1 : Math.min(1, view.rowsWritten / (total as number));
  const percent = Math.round(share * 100);
  return (
    <div
      className={styles.bar}
      role="progressbar"
      aria-label={`${view.name} progress`}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      title={`${percent}%`}
    >
      <div className={styles.barFill} style={{ width: `${percent}%` }} />
    </div>
  );
}
