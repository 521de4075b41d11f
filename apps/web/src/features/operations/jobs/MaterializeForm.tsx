"use client";
/**
 * "Materialize": incremental (each view from its last run up to now) or a window, over some or all
 * online views. The server's preview shows what each view would read before anything starts.
 */
import { EMPTY_MATERIALIZE_FORM, type TMaterializeForm, ZMaterializeFormSchema } from "@pantry/api/schemas";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo } from "react";
import { Button } from "@/components/ui/Button";
import { Card } from "@/components/ui/Card";
import { DataTable } from "@/components/ui/DataTable";
import { FieldRow, TextField } from "@/components/ui/Form";
import { ErrorState } from "@/components/ui/States";
import { useZodForm } from "@/lib/forms/use-zod-form";
import { formatDateTime } from "@/lib/format";
import { useTRPC } from "@/lib/trpc/client";
import { toActionableError } from "@/lib/trpc/errors";
import type { RouterOutputs } from "@/lib/trpc/types";
import styles from "./jobs.module.css";
import { OnlineViewsField } from "./OnlineViewsField";

type ViewPreview = RouterOutputs["materialization"]["preview"]["views"][number];

const BASIS: Record<ViewPreview["basis"], string> = {
  window: "the window you chose",
  lastInterval: "end of its last run",
  ttl: "first run: now − ttl",
  wholeSource: "first run, ttl 0: the whole source",
};

const MODES: [TMaterializeForm["mode"], string][] = [
  ["incremental", "Incremental: each view from its last run up to now"],
  ["window", "A window (backfill)"],
];

const fieldErrorsOf = (error: unknown) => toActionableError(error).fieldErrors;

interface Props {
  project: string;
  /** Views ticked when the form opens (a feature view's "Materialize" action). */
  initialViews: string[];
  onStarted: (jobId: string) => void;
  onClose: () => void;
}

export function MaterializeForm({ project, initialViews, onStarted, onClose }: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const form = useZodForm<TMaterializeForm>(ZMaterializeFormSchema, { ...EMPTY_MATERIALIZE_FORM, views: initialViews });
  const { values, errors } = form;
  // What the current choice would read.
  const valid = useMemo(() => ZMaterializeFormSchema.safeParse(values).success, [values]);
  const preview = useQuery({
    ...trpc.materialization.preview.queryOptions({ project, values }),
    enabled: valid,
    retry: false,
    placeholderData: keepPreviousData,
  });
  const start = useMutation(
    trpc.materialization.start.mutationOptions({
      onSuccess: async ({ jobId }) => {
        await queryClient.invalidateQueries({ queryKey: trpc.catalog.jobs.queryKey() });
        onStarted(jobId);
      },
    }),
  );
  // Server-side checks that concern a field (an unknown view, an end before the start) show next to it.
  const { setServerErrors } = form;
  useEffect(() => {
    if (start.error) setServerErrors(fieldErrorsOf(start.error));
    else if (preview.error) setServerErrors(fieldErrorsOf(preview.error));
  }, [start.error, preview.error, setServerErrors]);

  const submit = () => {
    const checked = form.submit();
    if (checked) start.mutate({ project, values: checked });
  };
  const startFailure = start.error && Object.keys(fieldErrorsOf(start.error)).length === 0 ? start.error : null;

  return (
    <Card title="Materialize">
      <form
        className={styles.form}
        aria-label="Materialize"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <fieldset className={styles.modes} aria-label="Mode" style={{ border: 0, padding: 0, margin: 0 }}>
          {MODES.map(([mode, label]) => (
            <label key={mode} className={styles.mode}>
              <input type="radio" name="mode" checked={values.mode === mode} onChange={() => form.set("mode", mode)} />
              {label}
            </label>
          ))}
        </fieldset>
        <FieldRow>
          {values.mode === "window" ? (
            <TextField
              id="materialize-start"
              label="Start"
              hint="ISO 8601; without an offset it is UTC"
              required
              placeholder="2024-01-01T00:00:00"
              {...form.field("start")}
            />
          ) : null}
          <TextField
            id="materialize-end"
            label="End"
            hint={values.mode === "window" ? "ISO 8601; without an offset it is UTC" : "Empty = now (UTC)"}
            required={values.mode === "window"}
            placeholder={values.mode === "window" ? "2024-01-31T00:00:00" : "now"}
            {...form.field("end")}
          />
        </FieldRow>
        <OnlineViewsField
          project={project}
          id="materialize-views"
          selected={values.views}
          error={errors.views}
          onChange={(views) => form.set("views", views)}
        />
        <WhatWillRun views={valid ? preview.data?.views : undefined} />
        {startFailure ? <ErrorState error={startFailure} /> : null}
        <div className={styles.actions}>
          <Button type="submit" variant="primary" busy={start.isPending} disabled={start.isPending}>
            Start materialization
          </Button>
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
        </div>
      </form>
    </Card>
  );
}

function WhatWillRun({ views }: { views: ViewPreview[] | undefined }) {
  if (!views) return null;
  return (
    <section aria-label="What will run">
      <h3 className={styles.previewTitle}>What will run</h3>
      <DataTable
        caption="What will run"
        rows={views}
        rowKey={(v) => v.name}
        columns={[
          { key: "view", header: "View", render: (v) => v.name },
          {
            key: "from",
            header: "From",
            nowrap: true,
            render: (v) => (v.start ? formatDateTime(v.start) : "the beginning"),
          },
          { key: "to", header: "To", nowrap: true, render: (v) => formatDateTime(v.end) },
          {
            key: "basis",
            header: "Why",
            render: (v) => (v.upToDate ? "already up to date: nothing to read" : BASIS[v.basis]),
          },
        ]}
      />
    </section>
  );
}
