"use client";
import { useEffect } from "react";
import { Button } from "@/components/ui/Button";
import { Card } from "@/components/ui/Card";
import { ErrorState, Skeleton } from "@/components/ui/States";
import { toActionableError } from "@/lib/trpc/errors";
import { PlanView } from "./PlanView";
import type { EditFlow } from "./use-edit-flow";
import styles from "./edit.module.css";

/** What Apply would change, read before anything is written; Apply, or back to the form. */
export function PlanStep({ project, flow }: { project: string; flow: EditFlow }) {
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
