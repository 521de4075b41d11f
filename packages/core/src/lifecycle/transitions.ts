/**
 * The deprecation workflow's writes: active -> deprecated -> retired, and back to active from
 * either. Each transition is checked here and written with its audit entry in one transaction;
 * the audit row moves the registry's change stamp, so running feature servers pick it up.
 */
import { didYouMean, PantryError } from "../errors";
import { parseTimestampArgument } from "../materialization/windows";
import type { Registry } from "../registry/registry";
import { findViewLifecycle, findViewLifecycleOrThrow, KIND_LABEL, viewNames } from "./find-view";
import { lifecycleImpact } from "./impact";
import { noticesFor } from "./notices";
import type {
  DeprecateOptions,
  LifecycleState,
  LifecycleTarget,
  LifecycleTransition,
  RetireOptions,
  ViewLifecycleStatus,
} from "./types";

type Details = Pick<ViewLifecycleStatus, "reason" | "replacement" | "sunsetAt">;

/** Marks a view deprecated (or updates a deprecation's reason, replacement and sunset date). */
export async function deprecateView(registry: Registry, options: DeprecateOptions): Promise<LifecycleTransition> {
  const current = await findViewLifecycleOrThrow(registry, options);
  if (current.state === "retired") {
    throw new PantryError(
      "FAILED_PRECONDITION",
      `${describe(current)} is retired; reactivate it first if it should be served again`,
    );
  }
  const details: Details = {
    reason: requireReason(options.reason, describe(current)),
    replacement: await checkReplacement(registry, current, options.replacement),
    sunsetAt: checkSunset(options.sunsetAt),
  };
  return transition(registry, current, "deprecated", details, options.actor);
}

/**
 * Stops serving a view. Only a deprecated view can be retired, so its consumers had a warning
 * period; `force` retires an active one straight away.
 */
export async function retireView(registry: Registry, options: RetireOptions): Promise<LifecycleTransition> {
  const current = await findViewLifecycleOrThrow(registry, options);
  if (current.state === "retired") {
    throw new PantryError("FAILED_PRECONDITION", `${describe(current)} is already retired`);
  }
  if (current.state === "active" && !options.force) {
    throw new PantryError(
      "FAILED_PRECONDITION",
      `${describe(current)} is active; deprecate it first so its consumers get a warning period, or force the retirement (--force)`,
      { field: "force" },
    );
  }
  const details: Details = {
    reason: options.reason?.trim() || current.reason,
    replacement:
      options.replacement === undefined
        ? current.replacement
        : await checkReplacement(registry, current, options.replacement),
    sunsetAt: current.sunsetAt,
  };
  return transition(registry, current, "retired", details, options.actor);
}

/** The undo: serves a deprecated or retired view again, clearing its reason, replacement and sunset. */
export async function reactivateView(registry: Registry, options: LifecycleTarget): Promise<LifecycleTransition> {
  const current = await findViewLifecycleOrThrow(registry, options);
  if (current.state === "active") {
    throw new PantryError("FAILED_PRECONDITION", `${describe(current)} is already active; there is nothing to undo`);
  }
  return transition(registry, current, "active", { reason: null, replacement: null, sunsetAt: null }, options.actor);
}

async function transition(
  registry: Registry,
  current: ViewLifecycleStatus,
  to: LifecycleState,
  details: Details,
  actor: string,
): Promise<LifecycleTransition> {
  const status: ViewLifecycleStatus = { ...current, ...details, state: to };
  // A new deprecation or retirement reaches the owners of the services and models that read it.
  const notices =
    to !== "active" && to !== current.state
      ? noticesFor(
          await lifecycleImpact(registry, { project: current.project, view: current.view, kind: current.kind }),
          await registry.getContents(current.project),
        )
      : [];
  const outcome = await registry.objects.setLifecycle({
    notices,
    projectName: current.project,
    kind: current.kind,
    name: current.view,
    expected: current.state,
    lifecycle: to,
    deprecationReason: details.reason,
    replacement: details.replacement,
    sunsetAt: details.sunsetAt,
    audit: {
      actor,
      action: ACTIONS[to],
      summary: summarize(current.state, status),
      details: { from: current.state, to, ...details, sunsetAt: details.sunsetAt?.toISOString() ?? null },
    },
  });
  if (outcome.status === "missing") {
    throw new PantryError("NOT_FOUND", `${describe(current)} was removed while it was being changed`);
  }
  if (outcome.status === "moved") {
    throw new PantryError(
      "CONFLICT",
      `${describe(current)} became ${outcome.current} while it was being changed; look at it again and retry`,
    );
  }
  return { from: current.state, status };
}

export const ACTIONS: Record<LifecycleState, string> = {
  active: "reactivate",
  deprecated: "deprecate",
  retired: "retire",
};

/** One line for the audit log: what happened, why, what instead, until when. */
export function summarize(
  from: LifecycleState,
  status: { state: LifecycleState; reason: string | null; replacement: string | null; sunsetAt: Date | null },
  what = describe(status as ViewLifecycleStatus),
): string {
  const verb =
    status.state === "active"
      ? `reactivated (was ${from})`
      : from === status.state
        ? "deprecation updated"
        : status.state;
  const parts = [`${what} ${verb}`];
  if (status.state !== "active") {
    if (status.reason) parts.push(`reason: ${status.reason}`);
    if (status.replacement) parts.push(`use '${status.replacement}' instead`);
    if (status.sunsetAt) parts.push(`sunset ${status.sunsetAt.toISOString().slice(0, 10)}`);
  }
  return parts.join("; ");
}

function describe(status: Pick<ViewLifecycleStatus, "kind" | "view">): string {
  return `${KIND_LABEL[status.kind]} '${status.view}'`;
}

export function requireReason(reason: string | undefined, what: string): string {
  const trimmed = reason?.trim() ?? "";
  if (!trimmed) {
    throw new PantryError(
      "INVALID_ARGUMENT",
      `deprecating ${what} needs a reason (its consumers see it in warnings), like "replaced by driver_stats_v2"`,
      { field: "reason" },
    );
  }
  return trimmed;
}

/** A replacement is another view of the project that is itself active (null/"" = none). */
async function checkReplacement(
  registry: Registry,
  current: ViewLifecycleStatus,
  replacement: string | null | undefined,
): Promise<string | null> {
  const name = replacement?.trim();
  if (!name) return null;
  const invalid = (message: string) => new PantryError("INVALID_ARGUMENT", message, { field: "replacement" });
  if (name === current.view) throw invalid(`${describe(current)} cannot replace itself; name another view`);
  const found = await findViewLifecycle(registry, { project: current.project, view: name });
  if (!found) {
    const names = await viewNames(registry, current.project);
    throw invalid(
      `replacement '${name}' is not a view of project '${current.project}'${didYouMean(name, names)}; name an existing feature view or on-demand feature view`,
    );
  }
  if (found.state !== "active") {
    throw invalid(`replacement ${describe(found)} is ${found.state} itself; name an active view`);
  }
  return name;
}

export function checkSunset(value: Date | string | null | undefined, now = new Date()): Date | null {
  if (value === null || value === undefined || value === "") return null;
  const date = value instanceof Date ? value : parseTimestampArgument(value, "sunset date");
  if (Number.isNaN(date.getTime()) || date.getTime() <= now.getTime()) {
    throw new PantryError(
      "INVALID_ARGUMENT",
      `sunset date ${Number.isNaN(date.getTime()) ? "is not a date" : `${date.toISOString()} is not in the future`}; give a later date, like ${new Date(now.getTime() + 90 * 86_400_000).toISOString().slice(0, 10)}`,
      { field: "sunsetAt" },
    );
  }
  return date;
}
