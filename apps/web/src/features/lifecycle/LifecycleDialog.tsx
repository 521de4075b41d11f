"use client";
import { ZLifecycleFormSchema } from "@pantry/api/schemas";
import type { FormEvent } from "react";
import { Button } from "@/components/ui/Button";
import { Dialog } from "@/components/ui/Dialog";
import { Checkbox, Field, SelectField, TextField } from "@/components/ui/Form";
import { ErrorState } from "@/components/ui/States";
import { describedBy } from "@/lib/forms/described-by";
import { useZodForm } from "@/lib/forms/use-zod-form";
import { toActionableError } from "@/lib/trpc/errors";
import { useLifecycleChange, useReplacementCandidates } from "./hooks";
import { ImpactPanel } from "./ImpactPanel";
import {
  type CurrentLifecycle,
  earliestSunset,
  initialFormValues,
  isGovernedKind,
  LIFECYCLE_KIND_LABEL,
  type LifecycleFormValues,
  type LifecycleKind,
  toLifecycleChange,
  transitionsFrom,
} from "./model";
import styles from "./lifecycle.module.css";

interface Props {
  project: string;
  kind: LifecycleKind;
  /** The view's name, the feature's `view:feature`, or the service's name. */
  view: string;
  current: CurrentLifecycle;
  onClose: () => void;
}

const CONFIRM_LABEL = { deprecate: "Deprecate", retire: "Retire", reactivate: "Reactivate" } as const;
/** Fields each action shows: a server message about one of them goes next to it, others above the buttons. */
const SHOWN_FIELDS = {
  deprecate: ["reason", "replacement", "sunsetAt"],
  retire: ["replacement", "force"],
  reactivate: [],
} as const;

/** Choose a transition, fill it in, read who it affects, confirm. Esc closes; Enter confirms. */
export function LifecycleDialog({ project, kind, view, current, onClose }: Props) {
  const form = useZodForm<LifecycleFormValues>(ZLifecycleFormSchema, initialFormValues(current));
  const changes = useLifecycleChange(onClose);
  const change = isGovernedKind(kind) ? changes.forGoverned : changes.forView;
  const choices = transitionsFrom(current.state);
  const { values, errors } = form;
  const updating = current.state === "deprecated" && values.action === "deprecate";
  const shown: readonly string[] = SHOWN_FIELDS[values.action];
  const serverError = change.error ? toActionableError(change.error) : null;
  const placedOnField = serverError && Object.keys(serverError.fieldErrors).some((field) => shown.includes(field));
  const showForce = current.state === "active" || Boolean(errors.force);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const valid = form.submit();
    if (!valid) return;
    const onError = (error: unknown) => form.setServerErrors(toActionableError(error).fieldErrors);
    const values = toLifecycleChange(valid);
    if (isGovernedKind(kind)) changes.forGoverned.mutate({ project, kind, name: view, values }, { onError });
    else changes.forView.mutate({ project, kind, view, values }, { onError });
  };

  return (
    <Dialog
      title={`Lifecycle of ${view}`}
      description={`${LIFECYCLE_KIND_LABEL[kind]} in ${project}, currently ${current.state}.`}
      onClose={onClose}
    >
      <form className={styles.form} onSubmit={submit} noValidate aria-label="Lifecycle change">
        {choices.length > 1 ? (
          <fieldset className={styles.choices}>
            <legend className={styles.subTitle}>Change</legend>
            {choices.map((choice) => (
              <label key={choice.action} className={styles.choice}>
                <input
                  type="radio"
                  name="lifecycle-action"
                  value={choice.action}
                  checked={values.action === choice.action}
                  onChange={() => {
                    change.reset();
                    form.set("action", choice.action);
                  }}
                />
                <span>
                  <strong>{choice.label}</strong>
                  <span className={styles.choiceHint}>{choice.description}</span>
                </span>
              </label>
            ))}
          </fieldset>
        ) : (
          <p className={styles.note}>
            <strong>{choices[0]?.label}.</strong> {choices[0]?.description}
          </p>
        )}

        {values.action === "deprecate" ? (
          <>
            <TextField
              id="lifecycle-reason"
              label="Reason"
              required
              hint="Consumers see it in the Deprecation warning."
              {...form.field("reason")}
              placeholder="replaced by driver_stats_v2"
              data-autofocus
            />
            <div className={styles.row}>
              <ReplacementField project={project} kind={kind} view={view} form={form} />
              <TextField
                id="lifecycle-sunset"
                label="Sunset date (UTC)"
                hint="When serving stops. Optional."
                type="date"
                min={earliestSunset()}
                {...form.field("sunsetAt")}
              />
            </div>
          </>
        ) : null}

        {values.action === "retire" ? (
          <>
            <ReplacementField project={project} kind={kind} view={view} form={form} />
            {showForce ? (
              <Field id="lifecycle-force" label="Without a warning period" error={errors.force}>
                <Checkbox
                  {...describedBy("lifecycle-force", errors.force)}
                  label="Retire it although it is not deprecated (consumers get no warning first)"
                  checked={values.force}
                  onChange={(e) => form.set("force", e.target.checked)}
                />
              </Field>
            ) : null}
          </>
        ) : null}

        <ImpactPanel project={project} kind={kind} view={view} />

        {serverError && !placedOnField ? <ErrorState error={change.error} /> : null}

        <div className={styles.actions}>
          <span className="muted">
            {values.action === "reactivate"
              ? "Clears the reason, replacement and sunset date."
              : "Recorded in the audit log."}
          </span>
          <span style={{ flex: 1 }} />
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button
            type="submit"
            variant={values.action === "retire" ? "danger" : "primary"}
            busy={change.isPending}
            disabled={change.isSuccess}
          >
            {updating ? "Update the deprecation" : `${CONFIRM_LABEL[values.action]} ${view}`}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

interface ReplacementProps {
  project: string;
  kind: LifecycleKind;
  view: string;
  form: ReturnType<typeof useZodForm<LifecycleFormValues>>;
}

function ReplacementField({ project, kind, view, form }: ReplacementProps) {
  const candidates = useReplacementCandidates({ project, kind, view });
  const { values } = form;
  if (kind === "feature") {
    return (
      <TextField
        id="lifecycle-replacement"
        label="Replacement"
        hint="Another active feature, as view:feature. Optional."
        placeholder={`${view.split(":")[0]}:…`}
        {...form.field("replacement")}
      />
    );
  }
  // A recorded replacement that is no longer active stays selectable, so the server can say why it is refused.
  const options = [...new Set([...(candidates.data ?? []), ...(values.replacement ? [values.replacement] : [])])];
  return (
    <SelectField
      id="lifecycle-replacement"
      label="Replacement"
      hint={`Another active ${LIFECYCLE_KIND_LABEL[kind].toLowerCase()} of ${project}. Optional.`}
      {...form.field("replacement")}
      disabled={candidates.isPending}
    >
      <option value="">{candidates.isPending ? "Loading…" : "No replacement"}</option>
      {options.map((name) => (
        <option key={name} value={name}>
          {name}
        </option>
      ))}
    </SelectField>
  );
}
