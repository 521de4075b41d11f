/**
 * What applying a set of definitions would change: computed from the registry as it is,
 * shown before anything is written (CLI `plan`, the console's plan step), then applied as one
 * transaction. Destructive changes are marked, with the feature services they affect.
 */
import type { StoredObject } from "@pantry/db";
import {
  type FeatureServiceSpec,
  type FeatureViewSpec,
  OBJECT_KINDS,
  type ObjectKind,
  type ObjectOrigin,
  objectsOf,
  type RegistryObjectSpec,
  type RepoContents,
} from "../definitions/types";
import { ValidationErrors } from "../errors";
import { label } from "../repo/load-repo";
import { diffSpecs, type SpecChange } from "./diff";
import { canonicalJson } from "./records";

export type PlanAction = "create" | "update" | "delete" | "unchanged" | "keep";

export interface PlanItem {
  kind: ObjectKind;
  name: string;
  action: PlanAction;
  /** For updates: what changed, path by path. */
  changes: SpecChange[];
  destructive: boolean;
  /** Why it is destructive, or why it is kept. */
  notes: string[];
  /** Feature services that include a view this item changes or removes. */
  affectedServices: string[];
  spec: RegistryObjectSpec;
  /** The version in the registry when planned (null: not there); apply refuses if it moved since. */
  baseVersion?: number | null;
}

/** An object the plan must not touch: an import meeting an object defined in code or the console. */
export interface PlanConflict {
  kind: ObjectKind;
  name: string;
  /** The origin of the object already in the registry. */
  origin: ObjectOrigin;
  message: string;
}

export interface Plan {
  project: string;
  items: PlanItem[];
  hasChanges: boolean;
  counts: Record<PlanAction, number>;
  /** Imports only: objects of another origin the import would have replaced (it keeps them). */
  conflicts: PlanConflict[];
}

export interface CurrentObject {
  spec: RegistryObjectSpec;
  meta: Pick<StoredObject, "origin" | "version">;
}

export interface PlanInput {
  project: string;
  desired: RegistryObjectSpec[];
  current: CurrentObject[];
  origin: ObjectOrigin;
  /**
   * replace: the desired objects are the whole project as one origin defines it (apply from
   * code): objects of that origin that are missing get deleted. upsert: only the given objects
   * change, plus the explicit deletions (console forms, imports).
   */
  mode: "replace" | "upsert";
  deletions?: { kind: ObjectKind; name: string }[];
}

const key = (kind: ObjectKind, name: string) => `${kind}:${name}`;

export function computePlan(input: PlanInput): Plan {
  const current = new Map(input.current.map((c) => [key(c.spec.kind, c.spec.name), c]));
  const desired = new Map(input.desired.map((d) => [key(d.kind, d.name), d]));
  const clashes: string[] = [];
  const conflicts: PlanConflict[] = [];
  const items: PlanItem[] = [];
  // An import never replaces what code or the console defined: such objects are kept, as conflicts.
  const conflictWith = (existing: CurrentObject) => {
    const { kind, name } = existing.spec;
    const message = `${label(kind)} '${name}' is defined ${existing.meta.origin === "code" ? "in code" : "in the console"}; the import does not replace it (rename it in the Feast registry, or delete this one first)`;
    conflicts.push({ kind, name, origin: existing.meta.origin as ObjectOrigin, message });
    items.push({ ...item(existing.spec, "keep"), notes: [`conflict: ${message}`] });
  };

  for (const spec of input.desired) {
    const existing = current.get(key(spec.kind, spec.name));
    if (!existing) {
      items.push({ ...item(spec, "create"), baseVersion: null });
      continue;
    }
    if (input.origin === "import" && existing.meta.origin !== "import") {
      conflictWith(existing);
      continue;
    }
    if (input.origin === "code" && existing.meta.origin === "console") {
      clashes.push(
        `${label(spec.kind)} '${spec.name}' was created in the console; rename the one in code, or delete the console's first`,
      );
      continue;
    }
    const changes = diffSpecs(existing.spec, spec);
    if (canonicalJson(existing.spec) === canonicalJson(spec)) items.push(item(spec, "unchanged"));
    else
      items.push({
        ...item(spec, "update"),
        ...destructiveness(existing.spec, spec, changes),
        baseVersion: existing.meta.version,
      });
  }
  const explicitDeletes = new Set((input.deletions ?? []).map((d) => key(d.kind, d.name)));
  for (const [k, existing] of current) {
    if (desired.has(k)) continue;
    const removeByReplace = input.mode === "replace" && existing.meta.origin === input.origin;
    if (removeByReplace || explicitDeletes.has(k)) {
      items.push({
        ...item(existing.spec, "delete"),
        baseVersion: existing.meta.version,
        destructive: true,
        notes: [
          existing.spec.kind === "featureView" ? "its online data and materialization history go too" : "removed",
        ],
      });
    } else if (input.mode === "replace") {
      items.push({ ...item(existing.spec, "keep"), notes: [`created by ${existing.meta.origin}; kept`] });
    }
  }
  if (clashes.length)
    throw new ValidationErrors(clashes, "Name clash with objects created in the console; nothing was changed");

  const services = finalServices(input, items);
  for (const planItem of items) {
    if (planItem.kind !== "featureView" && planItem.kind !== "onDemandFeatureView") continue;
    if (planItem.action !== "update" && planItem.action !== "delete") continue;
    planItem.affectedServices = services
      .filter((s) => s.projections.some((p) => p.view === planItem.name))
      .map((s) => s.name);
  }
  items.sort((a, b) => OBJECT_KINDS.indexOf(a.kind) - OBJECT_KINDS.indexOf(b.kind) || a.name.localeCompare(b.name));
  const counts: Record<PlanAction, number> = { create: 0, update: 0, delete: 0, unchanged: 0, keep: 0 };
  for (const planItem of items) counts[planItem.action]++;
  return {
    project: input.project,
    items,
    hasChanges: counts.create + counts.update + counts.delete > 0,
    counts,
    conflicts,
  };
}

function item(spec: RegistryObjectSpec, action: PlanAction): PlanItem {
  return {
    kind: spec.kind,
    name: spec.name,
    action,
    changes: [],
    destructive: false,
    notes: [],
    affectedServices: [],
    spec,
  };
}

/** Services as they stand before and after (an edit affects consumers of either). */
function finalServices(input: PlanInput, items: PlanItem[]): FeatureServiceSpec[] {
  const byName = new Map<string, FeatureServiceSpec>();
  for (const c of input.current) if (c.spec.kind === "featureService") byName.set(c.spec.name, c.spec);
  for (const i of items) if (i.spec.kind === "featureService" && i.action !== "delete") byName.set(i.name, i.spec);
  return [...byName.values()];
}

function destructiveness(before: RegistryObjectSpec, after: RegistryObjectSpec, changes: SpecChange[]) {
  const notes: string[] = [];
  if (before.kind === "featureView" && after.kind === "featureView") {
    const a = before as FeatureViewSpec;
    const b = after as FeatureViewSpec;
    const kept = new Set(b.schema.map((f) => f.name));
    for (const f of a.schema) {
      if (!kept.has(f.name)) notes.push(`removes feature '${f.name}'`);
      else {
        const nf = b.schema.find((x) => x.name === f.name);
        if (nf && nf.dtype !== f.dtype) notes.push(`changes the type of '${f.name}' from ${f.dtype} to ${nf.dtype}`);
      }
    }
    if (a.entities.join() !== b.entities.join()) notes.push("changes the entities (online data is keyed by them)");
    if (a.source !== b.source) notes.push(`changes the source from '${a.source}' to '${b.source}'`);
  }
  if (before.kind === "featureService" && after.kind === "featureService") {
    const afterRefs = new Set(after.projections.flatMap((p) => p.features.map((f) => `${p.alias ?? p.view}:${f}`)));
    for (const p of before.projections) {
      for (const f of p.features)
        if (!afterRefs.has(`${p.alias ?? p.view}:${f}`))
          notes.push(`drops '${p.alias ?? p.view}:${f}' from the service`);
    }
  }
  if (before.kind === "entity" && after.kind === "entity" && before.joinKeys.join() !== after.joinKeys.join()) {
    notes.push("changes the join keys");
  }
  return { destructive: notes.length > 0, notes, changes };
}

/** The project's objects after the plan: what validation must accept. */
export function contentsAfter(plan: Plan, base: RepoContents): RepoContents {
  const result: RepoContents = {
    ...base,
    entities: [],
    dataSources: [],
    featureViews: [],
    onDemandFeatureViews: [],
    featureServices: [],
  };
  const push = (spec: RegistryObjectSpec) => {
    switch (spec.kind) {
      case "entity":
        result.entities.push(spec);
        break;
      case "dataSource":
        result.dataSources.push(spec);
        break;
      case "featureView":
        result.featureViews.push(spec);
        break;
      case "onDemandFeatureView":
        result.onDemandFeatureViews.push(spec);
        break;
      case "featureService":
        result.featureServices.push(spec);
        break;
    }
  };
  const planned = new Set(plan.items.map((i) => key(i.kind, i.name)));
  for (const spec of objectsOf(base)) if (!planned.has(key(spec.kind, spec.name))) push(spec);
  for (const i of plan.items) if (i.action !== "delete") push(i.spec);
  return result;
}
