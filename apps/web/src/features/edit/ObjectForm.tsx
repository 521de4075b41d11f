"use client";
import type { FormEvent, ReactNode } from "react";
import { GuardedButton } from "@/components/auth/Guarded";
import { Button, ButtonLink } from "@/components/ui/Button";
import { ErrorSummary } from "@/components/ui/Form";
import { Icon } from "@/components/ui/Icon";
import { routes } from "@/lib/routes";
import { CommonFields } from "./CommonFields";
import { PlanStep } from "./PlanStep";
import type { ObjectFormShell } from "./use-object-form";
import styles from "./edit.module.css";

interface ObjectFormProps {
  form: ObjectFormShell;
  /** Prefix of the ids of the common fields (description, owner, tags). */
  idPrefix: string;
  submitLabel?: string;
  /** The kind's own fields; the common fields and the actions follow them. */
  children: ReactNode;
}

/**
 * One object form: the messages that need attention, the kind's own fields, description/owner/tags,
 * Delete/Cancel/Review; then the plan of what it would change, then Apply. The form stays mounted
 * (hidden) behind the plan, so "Back to the form" finds it as it was.
 */
export function ObjectForm({ form, idPrefix, submitLabel = "Review changes", children }: ObjectFormProps) {
  const { project, kind, intent, name, flow, errors, baseVersion } = form;
  const cancelHref = intent === "create" ? routes.list(project, kind) : routes.object(project, kind, name);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    form.review();
  };
  const reviewing = flow.pending !== null;
  return (
    <>
      <form className={styles.form} onSubmit={submit} noValidate hidden={reviewing} aria-label="Definition">
        <ErrorSummary errors={Object.entries(errors)} />
        {children}
        <CommonFields
          idPrefix={idPrefix}
          values={form.values}
          errors={errors}
          onChange={form.patch}
          ownerSuggestions={form.owners}
        />
        <div className={styles.actions}>
          {form.deletable ? (
            <GuardedButton
              action="delete"
              variant="ghost"
              onClick={() => flow.review({ intent: "delete", project, kind, name, baseVersion })}
            >
              <Icon name="trash" size={15} /> Delete…
            </GuardedButton>
          ) : null}
          <span style={{ flex: 1 }} />
          <ButtonLink href={cancelHref} variant="ghost">
            Cancel
          </ButtonLink>
          <Button type="submit" variant="primary" busy={flow.plan.isFetching}>
            {submitLabel}
          </Button>
        </div>
      </form>
      {reviewing ? <PlanStep project={project} flow={flow} /> : null}
    </>
  );
}
