"use client";
/**
 * "Schedules" on the Materialization page: materialize-incremental on an interval. The list shows
 * when each runs next and what its last run did (linked to the job); a schedule is created here
 * (the form's Zod schema is the tRPC input's) and paused, resumed or deleted after a confirmation.
 */
import { EMPTY_SCHEDULE_FORM, type TScheduleForm, ZScheduleFormSchema } from "@pantry/api/schemas";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { Badge } from "@/components/ui/Badge";
import { GuardedButton } from "@/components/auth/Guarded";
import { Button } from "@/components/ui/Button";
import { Card } from "@/components/ui/Card";
import { DataTable } from "@/components/ui/DataTable";
import { Dialog } from "@/components/ui/Dialog";
import { FieldRow, TextField } from "@/components/ui/Form";
import { Link } from "@/components/ui/Link";
import { EmptyState, ErrorState, SkeletonRows } from "@/components/ui/States";
import { useZodForm } from "@/lib/forms/use-zod-form";
import { formatDateTime, formatRelative } from "@/lib/format";
import { routes } from "@/lib/routes";
import { useTRPC } from "@/lib/trpc/client";
import { toActionableError } from "@/lib/trpc/errors";
import type { RouterOutputs } from "@/lib/trpc/types";
import { statusTone } from "./job-status";
import styles from "./jobs.module.css";
import { OnlineViewsField } from "./OnlineViewsField";

type Schedule = RouterOutputs["schedules"]["list"][number];
type Change = "pause" | "resume" | "delete";

/** The list refreshes with the scheduler's tick, so "next run" and "last run" stay current. */
const REFRESH_MS = 30_000;

const CONFIRM: Record<Change, { title: string; text: string; button: string }> = {
  pause: { title: "Pause", text: "It stops running until you resume it; it is kept.", button: "Pause schedule" },
  resume: { title: "Resume", text: "It runs again from one interval after now.", button: "Resume schedule" },
  delete: {
    title: "Delete",
    text: "It stops running and is removed; its jobs stay in the list.",
    button: "Delete schedule",
  },
};

export function SchedulesCard({ project }: { project: string }) {
  const trpc = useTRPC();
  const schedules = useQuery({ ...trpc.schedules.list.queryOptions({ project }), refetchInterval: REFRESH_MS });
  const [creating, setCreating] = useState(false);
  const [pending, setPending] = useState<{ schedule: Schedule; change: Change } | null>(null);
  const newButton = creating ? null : (
    <GuardedButton action="schedule" size="sm" onClick={() => setCreating(true)}>
      New schedule
    </GuardedButton>
  );
  return (
    <Card title="Schedules" count={schedules.data?.length} actions={newButton}>
      <div className={styles.form}>
        {creating ? <ScheduleForm project={project} onClose={() => setCreating(false)} /> : null}
        {schedules.error ? (
          <ErrorState error={schedules.error} onRetry={() => void schedules.refetch()} />
        ) : !schedules.data ? (
          <SkeletonRows columns={6} />
        ) : schedules.data.length === 0 ? (
          creating ? null : (
            <EmptyState icon="jobs" title="No schedules" actions={newButton}>
              Run materialize-incremental every few minutes, hours or days, here or with{" "}
              <code>pantry schedules create --every 1h</code>. The console and <code>pantry serve</code> run due
              schedules.
            </EmptyState>
          )
        ) : (
          <SchedulesTable
            project={project}
            schedules={schedules.data}
            onChange={(schedule, change) => setPending({ schedule, change })}
          />
        )}
      </div>
      {pending ? <ConfirmChange project={project} {...pending} onClose={() => setPending(null)} /> : null}
    </Card>
  );
}

function SchedulesTable({
  project,
  schedules,
  onChange,
}: {
  project: string;
  schedules: Schedule[];
  onChange: (schedule: Schedule, change: Change) => void;
}) {
  return (
    <DataTable
      caption={`Materialization schedules of ${project}`}
      rows={schedules}
      rowKey={(s) => s.id}
      columns={[
        { key: "name", header: "Name", render: (s) => s.name },
        {
          key: "views",
          header: "Views",
          render: (s) =>
            s.views.length ? (
              <span style={{ display: "inline-flex", gap: 6, flexWrap: "wrap" }}>
                {s.views.map((v) => (
                  <Link key={v} href={routes.object(project, "featureView", v)}>
                    {v}
                  </Link>
                ))}
              </span>
            ) : (
              <span className="muted">every online view</span>
            ),
        },
        { key: "every", header: "Every", nowrap: true, render: (s) => s.every },
        {
          key: "next",
          header: "Next run",
          nowrap: true,
          render: (s) =>
            s.enabled ? (
              <span title={formatDateTime(s.nextRunAt)}>
                {s.leaseOwner ? "running now" : formatRelative(s.nextRunAt)}
              </span>
            ) : (
              <Badge tone="warning">paused</Badge>
            ),
        },
        {
          key: "last",
          header: "Last run",
          nowrap: true,
          render: (s) =>
            !s.lastRunAt ? (
              <span className="muted">not yet</span>
            ) : (
              <span style={{ display: "inline-flex", gap: 6, alignItems: "center" }} title={s.lastError ?? undefined}>
                {s.lastJobId ? (
                  <Link href={routes.jobs(project, { job: s.lastJobId })} aria-label={`Last job of ${s.name}`}>
                    {formatRelative(s.lastRunAt)}
                  </Link>
                ) : (
                  formatRelative(s.lastRunAt)
                )}
                <Badge tone={statusTone(s.lastStatus ?? "")}>{s.lastStatus}</Badge>
              </span>
            ),
        },
        {
          key: "actions",
          header: "",
          align: "right",
          nowrap: true,
          render: (s) => (
            <span style={{ display: "inline-flex", gap: 6 }}>
              <GuardedButton
                action="schedule"
                size="sm"
                variant="ghost"
                onClick={() => onChange(s, s.enabled ? "pause" : "resume")}
              >
                {s.enabled ? "Pause" : "Resume"}
                <span className="visually-hidden"> {s.name}</span>
              </GuardedButton>
              <GuardedButton action="schedule" size="sm" variant="ghost" onClick={() => onChange(s, "delete")}>
                Delete<span className="visually-hidden"> {s.name}</span>
              </GuardedButton>
            </span>
          ),
        },
      ]}
    />
  );
}

function ConfirmChange({
  project,
  schedule,
  change,
  onClose,
}: {
  project: string;
  schedule: Schedule;
  change: Change;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const mutation = useMutation(
    trpc.schedules.change.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.schedules.list.queryKey({ project }) });
        onClose();
      },
    }),
  );
  const copy = CONFIRM[change];
  return (
    <Dialog
      title={`${copy.title} schedule ${schedule.name}?`}
      description={`${schedule.views.length ? schedule.views.join(", ") : "Every online view"} every ${schedule.every}. ${copy.text}`}
      onClose={onClose}
    >
      {mutation.error ? <ErrorState error={mutation.error} /> : null}
      <div className={styles.actions}>
        <Button
          variant={change === "delete" ? "danger" : "primary"}
          busy={mutation.isPending}
          disabled={mutation.isPending}
          onClick={() => mutation.mutate({ project, name: schedule.name, change })}
          data-autofocus
        >
          {copy.button}
        </Button>
        <Button variant="ghost" onClick={onClose}>
          Cancel
        </Button>
      </div>
    </Dialog>
  );
}

function ScheduleForm({ project, onClose }: { project: string; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const form = useZodForm<TScheduleForm>(ZScheduleFormSchema, EMPTY_SCHEDULE_FORM);
  const { values, errors, setServerErrors } = form;
  const create = useMutation(
    trpc.schedules.create.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.schedules.list.queryKey({ project }) });
        onClose();
      },
    }),
  );
  useEffect(() => {
    if (create.error) setServerErrors(toActionableError(create.error).fieldErrors);
  }, [create.error, setServerErrors]);
  const failure =
    create.error && Object.keys(toActionableError(create.error).fieldErrors).length === 0 ? create.error : null;

  return (
    <form
      className={styles.form}
      aria-label="New schedule"
      onSubmit={(event) => {
        event.preventDefault();
        const checked = form.submit();
        if (checked) create.mutate({ project, values: checked });
      }}
    >
      <FieldRow>
        <TextField
          id="schedule-every"
          label="Every"
          hint='"15m", "1h", "1d"; at least a minute'
          required
          {...form.field("every")}
          data-autofocus
        />
        <TextField
          id="schedule-name"
          label="Name"
          hint="Empty = every_<interval>"
          placeholder="every_1h"
          {...form.field("name")}
        />
      </FieldRow>
      <OnlineViewsField
        project={project}
        id="schedule-views"
        selected={values.views}
        error={errors.views}
        onChange={(views) => form.set("views", views)}
      />
      {failure ? <ErrorState error={failure} /> : null}
      <div className={styles.actions}>
        <Button type="submit" variant="primary" busy={create.isPending} disabled={create.isPending}>
          Create schedule
        </Button>
        <Button variant="ghost" onClick={onClose}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
