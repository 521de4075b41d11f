/**
 * The console's view of the deprecation workflow: which transitions a state allows, the form's
 * flat state (one object for the three actions, checked by the shared Zod schema, which keeps
 * only the chosen action's fields), and the change it becomes.
 */
import type { TLifecycleForm } from "@pantry/api/schemas";

export type LifecycleState = "active" | "deprecated" | "retired";
export type LifecycleAction = TLifecycleForm["action"];
export type LifecycleViewKind = "featureView" | "onDemandFeatureView";
/** What has a lifecycle: views, single features (`view:feature`) and feature services. */
export type LifecycleKind = LifecycleViewKind | "feature" | "featureService";

export function isGovernedKind(kind: string): kind is "feature" | "featureService" {
  return kind === "feature" || kind === "featureService";
}

export const LIFECYCLE_KIND_LABEL: Record<LifecycleKind, string> = {
  featureView: "Feature view",
  onDemandFeatureView: "On-demand feature view",
  feature: "Feature",
  featureService: "Feature service",
};

export function isLifecycleKind(kind: string): kind is LifecycleViewKind {
  return kind === "featureView" || kind === "onDemandFeatureView";
}

/** Kinds whose page offers the Lifecycle button. */
export function hasLifecycle(kind: string): kind is LifecycleKind {
  return isLifecycleKind(kind) || isGovernedKind(kind);
}

interface TransitionChoice {
  action: LifecycleAction;
  label: string;
  description: string;
}

export function transitionsFrom(state: LifecycleState): TransitionChoice[] {
  switch (state) {
    case "active":
      return [
        {
          action: "deprecate",
          label: "Deprecate",
          description: "Still served, with Deprecation and Sunset headers and an SDK warning.",
        },
      ];
    case "deprecated":
      return [
        {
          action: "deprecate",
          label: "Update the deprecation",
          description: "Change the reason, the replacement or the sunset date.",
        },
        {
          action: "retire",
          label: "Retire",
          description: "Stop serving it: requests get a 4xx naming the replacement.",
        },
        { action: "reactivate", label: "Reactivate", description: "Serve it normally again; clears the deprecation." },
      ];
    case "retired":
      return [{ action: "reactivate", label: "Reactivate", description: "Serve it again; clears the deprecation." }];
  }
}

export interface LifecycleFormValues {
  action: LifecycleAction;
  reason: string;
  replacement: string;
  /** YYYY-MM-DD (UTC), or empty. */
  sunsetAt: string;
  force: boolean;
}

export interface CurrentLifecycle {
  state: LifecycleState;
  reason: string | null;
  replacement: string | null;
  sunsetAt: Date | string | null;
}

/** The lifecycle as the catalog's detail reports it. */
export function currentLifecycle(detail: {
  summary: { lifecycle: string };
  deprecation: { reason: string | null; replacement: string | null; sunsetAt: Date | null } | null;
}): CurrentLifecycle {
  const state = detail.summary.lifecycle;
  return {
    state: state === "deprecated" || state === "retired" ? state : "active",
    reason: detail.deprecation?.reason ?? null,
    replacement: detail.deprecation?.replacement ?? null,
    sunsetAt: detail.deprecation?.sunsetAt ?? null,
  };
}

/** The form as it opens: the first allowed transition, pre-filled with what the deprecation recorded. */
export function initialFormValues(current: CurrentLifecycle): LifecycleFormValues {
  return {
    action: transitionsFrom(current.state)[0]?.action ?? "reactivate",
    reason: current.reason ?? "",
    replacement: current.replacement ?? "",
    sunsetAt: current.sunsetAt ? new Date(current.sunsetAt).toISOString().slice(0, 10) : "",
    force: false,
  };
}

export function toLifecycleChange(values: LifecycleFormValues): TLifecycleForm {
  switch (values.action) {
    case "deprecate":
      return { action: "deprecate", reason: values.reason, replacement: values.replacement, sunsetAt: values.sunsetAt };
    case "retire":
      return { action: "retire", force: values.force, replacement: values.replacement };
    case "reactivate":
      return { action: "reactivate" };
  }
}

const DAY_MS = 86_400_000;

/** Whole days from now until `date` (negative when it has passed). */
export function daysUntil(date: Date | string, now: Date = new Date()): number {
  return Math.ceil((new Date(date).getTime() - now.getTime()) / DAY_MS);
}

export function describeDaysUntil(days: number): string {
  if (days === 0) return "today";
  if (days === 1) return "tomorrow";
  if (days > 1) return `in ${days} days`;
  return days === -1 ? "yesterday" : `${-days} days ago`;
}

/** Tomorrow as YYYY-MM-DD: the earliest sunset date the date input offers. */
export function earliestSunset(now: Date = new Date()): string {
  return new Date(now.getTime() + DAY_MS).toISOString().slice(0, 10);
}

export const LIFECYCLE_AUDIT_ACTIONS = new Set(["deprecate", "retire", "reactivate"]);

/** Stopping serving a feature or service says 410; a view, a 4xx (same thing, kept for its tests). */
export const RETIRE_HINT = "Stop serving it: requests get a 4xx naming the replacement.";
