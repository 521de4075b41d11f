"use client";
import { type FormEvent, type ReactNode, useEffect } from "react";
import { GuardedButton } from "@/components/auth/Guarded";
import { Button, ButtonLink } from "@/components/ui/Button";
import { Card } from "@/components/ui/Card";
import { ErrorSummary } from "@/components/ui/Form";
import { Icon } from "@/components/ui/Icon";
import { ErrorState, Skeleton } from "@/components/ui/States";
import type { ObjectKind } from "@/lib/kinds";
import { routes } from "@/lib/routes";
import { toActionableError } from "@/lib/trpc/errors";
import { PlanView } from "./PlanView";
import type { EditFlow } from "./use-edit-flow";
import type { FieldErrors } from "@/lib/forms/use-zod-form";
import styles from "./edit.module.css";

interface EditLayoutProps {
  project: string;
  flow: EditFlow;
  errors: FieldErrors;
  onSubmit: () => void;
  submitLabel?: string;
  children: ReactNode;
  /** The object the form creates or edits: Cancel leads back to its page (or its list). */
  kind: ObjectKind;
  intent: "create" | "update";
  name: string;
  /** Whether it may be deleted from here. */
  deletable?: boolean;
}

/** The form, then the plan of what it would change, then Apply. The form stays mounted behind the plan. */
export function EditLayout({
  project,
  flow,
  errors,
  onSubmit,
  submitLabel = "Review changes",
  children,
  kind,
  intent,
  name,
  deletable,
}: EditLayoutProps) {
  const cancelHref = intent === "create" ? routes.list(project, kind) : routes.object(project, kind, name);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  const reviewing = flow.pending !== null;
  return (
    <>
      <form className={styles.form} onSubmit={submit} noValidate hidden={reviewing} aria-label="Definition">
        <ErrorSummary errors={Object.entries(errors)} />
        {children}
        <div className={styles.actions}>
          {deletable ? (
            <GuardedButton
              action="delete"
              variant="ghost"
              onClick={() => flow.review({ intent: "delete", project, kind, name })}
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

function PlanStep({ project, flow }: { project: string; flow: EditFlow }) {
  // The plan replaces the form on screen: start reading it from the top. (A block body: Chrome's
  // scrollTo returns a promise, and an effect must return nothing or a cleanup function.)
  useEffect(() => {
    window.scrollTo({ top: 0 });
  }, []);
  const { plan, apply } = flow;
  const destructive = plan.data?.items.some((item) => item.destructive) ?? false;
  const planError = plan.error ? toActionableError(plan.error) : null;
  return (
    <Card title="Review the plan">
      <p className="muted" style={{ marginBottom: 14 }}>
        Nothing has been written yet. This is what Apply will change in the registry of <strong>{project}</strong>; it
        records one new version per object and one audit entry.
      </p>
      {planError ? (
        <>
          <ErrorState error={plan.error} onRetry={() => void plan.refetch()} />
          {planError.formErrors.length ? (
            <ul style={{ color: "var(--danger)", marginTop: 10 }}>
              {planError.formErrors.map((message) => (
                <li key={message}>{message}</li>
              ))}
            </ul>
          ) : null}
        </>
      ) : !plan.data ? (
        <Skeleton height={80} />
      ) : (
        <PlanView project={project} plan={plan.data} />
      )}
      {apply.error ? (
        <div style={{ marginTop: 14 }}>
          <ErrorState error={apply.error} />
        </div>
      ) : null}
      <div className={styles.actions} style={{ position: "static", marginTop: 16 }}>
        <Button variant="ghost" onClick={flow.back}>
          Back to the form
        </Button>
        <span style={{ flex: 1 }} />
        <Button
          variant={destructive ? "danger" : "primary"}
          onClick={flow.confirm}
          busy={apply.isPending}
          disabled={!plan.data?.hasChanges || apply.isSuccess}
        >
          {destructive ? "Apply, including destructive changes" : "Apply"}
        </Button>
      </div>
    </Card>
  );
}
