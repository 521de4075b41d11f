/**
 * Deprecation for single features (`view:feature`) and for feature services: the same states,
 * reasons, replacements, sunset dates, checks and audit entries as views (transitions.ts), with
 * their own impact lists. A feature's lifecycle lives in its own table (apply rewrites the feature
 * rows); a service's in its row, like a view's.
 */
import type { RepoContents } from "../definitions/types";
import { didYouMean, PantryError } from "../errors";
import type { Registry } from "../registry/registry";
import { findViewLifecycle, viewNames } from "./find-view";
import { DEFAULT_IMPACT_DAYS } from "./impact";
import { noticesFor } from "./notices";
import { ACTIONS, checkSunset, requireReason, summarize } from "./transitions";
import type { AffectedService, LifecycleState, LifecycleViewKind, RecentConsumer } from "./types";

export type GovernedKind = "feature" | "featureService";

export interface GovernedTarget {
  project: string;
  kind: GovernedKind;
  /** `view:feature` for a feature, the service's name for a service. */
  name: string;
  actor: string;
}

export interface GovernedStatus {
  project: string;
  kind: GovernedKind;
  name: string;
  state: LifecycleState;
  reason: string | null;
  replacement: string | null;
  sunsetAt: Date | null;
  /** Features: the view it belongs to and its kind (a retired view retires its features too). */
  view?: { name: string; kind: LifecycleViewKind; state: LifecycleState };
}

export interface GovernedTransition {
  from: LifecycleState;
  status: GovernedStatus;
}

export interface GovernedImpact {
  status: GovernedStatus;
  /** Services that include the feature (directly or through an on-demand view reading it); for a service, itself. */
  services: AffectedService[];
  /** Consumers that fetched the feature (for a service: any of its features) in the last `days` days. */
  consumers: RecentConsumer[];
  onDemandViews: string[];
  days: number;
}

const LABEL: Record<GovernedKind, string> = { feature: "feature", featureService: "feature service" };

function describe(target: { kind: GovernedKind; name: string }): string {
  return `${LABEL[target.kind]} '${target.name}'`;
}

/** Splits and checks `view:feature`. */
export function parseFeatureRef(ref: string): { view: string; feature: string } {
  const colon = ref.indexOf(":");
  if (colon <= 0 || colon === ref.length - 1 || ref.indexOf(":", colon + 1) !== -1) {
    throw new PantryError(
      "INVALID_ARGUMENT",
      `'${ref}' is not a feature ref; write it as '<view>:<feature>', like 'driver_hourly_stats:conv_rate'`,
    );
  }
  return { view: ref.slice(0, colon), feature: ref.slice(colon + 1) };
}

export async function findGovernedStatus(
  registry: Registry,
  target: { project: string; kind: GovernedKind; name: string },
): Promise<GovernedStatus | null> {
  await registry.getProjectOrThrow(target.project);
  if (target.kind === "featureService") {
    const stored = await registry.getStored(target.project, "featureService", target.name);
    if (!stored) return null;
    return {
      project: target.project,
      kind: "featureService",
      name: target.name,
      state: asState(stored.meta.lifecycle),
      reason: stored.meta.deprecationReason ?? null,
      replacement: stored.meta.replacement ?? null,
      sunsetAt: stored.meta.sunsetAt ?? null,
    };
  }
  const { view, feature } = parseFeatureRef(target.name);
  const viewStatus = await findViewLifecycle(registry, { project: target.project, view });
  if (!viewStatus) return null;
  const stored = await registry.getStored(target.project, viewStatus.kind, view);
  const schema = (stored?.spec as { schema?: { name: string }[] } | undefined)?.schema ?? [];
  if (!schema.some((f) => f.name === feature)) return null;
  const row = (await registry.governance.listFeatureLifecycles(target.project)).find(
    (r) => r.viewName === view && r.feature === feature,
  );
  return {
    project: target.project,
    kind: "feature",
    name: target.name,
    state: asState(row?.lifecycle ?? "active"),
    reason: row?.deprecationReason ?? null,
    replacement: row?.replacement ?? null,
    sunsetAt: row?.sunsetAt ?? null,
    view: { name: view, kind: viewStatus.kind, state: viewStatus.state },
  };
}

export async function findGovernedStatusOrThrow(
  registry: Registry,
  target: { project: string; kind: GovernedKind; name: string },
): Promise<GovernedStatus> {
  const found = await findGovernedStatus(registry, target);
  if (found) return found;
  if (target.kind === "featureService") {
    const names = (await registry.objects.listObjects(target.project, "featureService")).map((r) => r.name);
    throw new PantryError(
      "NOT_FOUND",
      `feature service '${target.name}' is not in project '${target.project}'${didYouMean(target.name, names)}`,
    );
  }
  const { view, feature } = parseFeatureRef(target.name);
  const status = await findViewLifecycle(registry, { project: target.project, view });
  if (!status) {
    const names = await viewNames(registry, target.project);
    throw new PantryError(
      "NOT_FOUND",
      `view '${view}' is not in project '${target.project}'${didYouMean(view, names)}`,
    );
  }
  const stored = await registry.getStored(target.project, status.kind, view);
  const names = ((stored?.spec as { schema?: { name: string }[] } | undefined)?.schema ?? []).map((f) => f.name);
  throw new PantryError(
    "NOT_FOUND",
    `feature '${feature}' is not in view '${view}' (it has ${names.join(", ") || "no features"})${didYouMean(feature, names)}`,
  );
}

type Details = Pick<GovernedStatus, "reason" | "replacement" | "sunsetAt">;

export async function deprecateGoverned(
  registry: Registry,
  options: GovernedTarget & { reason: string; replacement?: string | null; sunsetAt?: Date | string | null },
): Promise<GovernedTransition> {
  const current = await findGovernedStatusOrThrow(registry, options);
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

export async function retireGoverned(
  registry: Registry,
  options: GovernedTarget & { force?: boolean; reason?: string | null; replacement?: string | null },
): Promise<GovernedTransition> {
  const current = await findGovernedStatusOrThrow(registry, options);
  if (current.state === "retired")
    throw new PantryError("FAILED_PRECONDITION", `${describe(current)} is already retired`);
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

export async function reactivateGoverned(registry: Registry, options: GovernedTarget): Promise<GovernedTransition> {
  const current = await findGovernedStatusOrThrow(registry, options);
  if (current.state === "active") {
    throw new PantryError("FAILED_PRECONDITION", `${describe(current)} is already active; there is nothing to undo`);
  }
  return transition(registry, current, "active", { reason: null, replacement: null, sunsetAt: null }, options.actor);
}

/** Who a change of the feature or service reaches. */
export async function governedImpact(
  registry: Registry,
  target: { project: string; kind: GovernedKind; name: string; days?: number; now?: Date },
): Promise<GovernedImpact> {
  const status = await findGovernedStatusOrThrow(registry, target);
  const days = target.days ?? DEFAULT_IMPACT_DAYS;
  const since = new Date((target.now ?? new Date()).getTime() - days * 86_400_000);
  const [contents, usage] = await Promise.all([
    registry.getContents(target.project),
    registry.usage.listUsage({ projectName: target.project, since }),
  ]);
  if (status.kind === "featureService") {
    const service = contents.featureServices.find((s) => s.name === status.name);
    const refs = new Set((service?.projections ?? []).flatMap((p) => p.features.map((f) => `${p.view}:${f}`)));
    return {
      status,
      services: service
        ? [{ name: service.name, via: service.name, consumers: consumersOfTags(contents, service.name) }]
        : [],
      consumers: consumersOf(usage, (ref) => refs.has(ref)),
      onDemandViews: [],
      days,
    };
  }
  const { view, feature } = parseFeatureRef(status.name);
  const onDemand = contents.onDemandFeatureViews
    .filter((odfv) =>
      odfv.sources.some(
        (s) => s.type === "featureView" && s.name === view && (s.features === null || s.features.includes(feature)),
      ),
    )
    .map((odfv) => odfv.name);
  const services: AffectedService[] = [];
  for (const service of contents.featureServices) {
    const direct = service.projections.some((p) => p.view === view && p.features.includes(feature));
    const via = direct ? view : onDemand.find((name) => service.projections.some((p) => p.view === name));
    if (via === undefined) continue;
    services.push({ name: service.name, via, consumers: consumersOfTags(contents, service.name) });
  }
  return {
    status,
    services,
    consumers: consumersOf(usage, (ref) => ref === status.name),
    onDemandViews: onDemand,
    days,
  };
}

async function transition(
  registry: Registry,
  current: GovernedStatus,
  to: LifecycleState,
  details: Details,
  actor: string,
): Promise<GovernedTransition> {
  const status: GovernedStatus = { ...current, ...details, state: to };
  const notices =
    to !== "active" && to !== current.state
      ? noticesFor(
          {
            ...(await governedImpact(registry, current)),
            excludeService: current.kind === "featureService" ? current.name : undefined,
          },
          await registry.getContents(current.project),
        )
      : [];
  const outcome = await registry.objects.setLifecycle({
    projectName: current.project,
    kind: current.kind,
    name: current.name,
    expected: current.state,
    lifecycle: to,
    deprecationReason: details.reason,
    replacement: details.replacement,
    sunsetAt: details.sunsetAt,
    notices,
    audit: {
      actor,
      action: ACTIONS[to],
      summary: summarize(current.state, status, describe(current)),
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

/** A feature is replaced by another active feature (`view:feature`), a service by another active service. */
async function checkReplacement(
  registry: Registry,
  current: GovernedStatus,
  replacement: string | null | undefined,
): Promise<string | null> {
  const name = replacement?.trim();
  if (!name) return null;
  const invalid = (message: string) => new PantryError("INVALID_ARGUMENT", message, { field: "replacement" });
  if (name === current.name)
    throw invalid(`${describe(current)} cannot replace itself; name another ${LABEL[current.kind]}`);
  if (current.kind === "feature" && !name.includes(":")) {
    throw invalid(`replacement '${name}' is not a feature ref; name a feature as '<view>:<feature>'`);
  }
  let found: GovernedStatus | null;
  try {
    found = await findGovernedStatus(registry, { project: current.project, kind: current.kind, name });
  } catch (error) {
    throw error instanceof PantryError ? invalid(error.message) : error;
  }
  if (!found) {
    const names =
      current.kind === "featureService"
        ? (await registry.objects.listObjects(current.project, "featureService")).map((r) => r.name)
        : [];
    throw invalid(
      `replacement '${name}' is not a ${LABEL[current.kind]} of project '${current.project}'${didYouMean(name, names)}; name an existing one`,
    );
  }
  if (found.state !== "active" || (found.view && found.view.state !== "active")) {
    throw invalid(
      `replacement ${describe(found)} is ${found.state !== "active" ? found.state : `in a ${found.view?.state} view`} itself; name an active one`,
    );
  }
  return name;
}

function consumersOfTags(contents: RepoContents, service: string): string[] {
  const spec = contents.featureServices.find((s) => s.name === service);
  if (!spec) return [];
  const names = new Set<string>();
  for (const tag of ["model", "models", "consumer", "consumers"]) {
    const value = spec.tags[tag];
    if (value) for (const name of value.split(/[,;\s]+/)) if (name) names.add(name);
  }
  return [...names];
}

function consumersOf(
  usage: { consumer: string; featureRef: string; bucket: Date; requests: number }[],
  matches: (ref: string) => boolean,
): RecentConsumer[] {
  const byConsumer = new Map<string, { requests: number; lastSeen: Date; features: Set<string> }>();
  for (const row of usage) {
    if (!matches(row.featureRef)) continue;
    const entry = byConsumer.get(row.consumer) ?? { requests: 0, lastSeen: row.bucket, features: new Set<string>() };
    entry.requests += row.requests;
    if (row.bucket > entry.lastSeen) entry.lastSeen = row.bucket;
    entry.features.add(row.featureRef);
    byConsumer.set(row.consumer, entry);
  }
  return [...byConsumer.entries()]
    .map(([consumer, e]) => ({
      consumer,
      requests: e.requests,
      lastSeen: e.lastSeen,
      features: [...e.features].sort(),
    }))
    .sort((a, b) => b.lastSeen.getTime() - a.lastSeen.getTime() || a.consumer.localeCompare(b.consumer));
}

function asState(value: string): LifecycleState {
  return value === "deprecated" || value === "retired" ? value : "active";
}
