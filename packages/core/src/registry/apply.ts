/** Plans and applies a set of definitions to a project in the registry, in one transaction. */
import type { RegistryObjectSpec, RepoContents, ObjectKind, ObjectOrigin, ProjectSpec } from "../definitions/types";
import { type DescribeSource, validateContents } from "../repo/validate";
import { computePlan, contentsAfter, type Plan } from "./plan";
import { toObjectRecord } from "./records";
import { asPantryError, type Registry } from "./registry";
import { OBJECT_KINDS } from "../definitions/types";
import { checkRetiredUse } from "../lifecycle/retired-use";

export interface PlanRequest {
  project: ProjectSpec;
  desired: RegistryObjectSpec[];
  origin: ObjectOrigin;
  mode: "replace" | "upsert";
  deletions?: { kind: ObjectKind; name: string }[];
  /** Checks views against their sources' real columns; null skips it (imports of remote sources). */
  describeSource: DescribeSource | null;
}

export interface PlannedChange {
  plan: Plan;
  /** The project as it will be after applying. */
  after: RepoContents;
}

export async function planChanges(registry: Registry, request: PlanRequest): Promise<PlannedChange> {
  const current = await currentObjects(registry, request.project.name);
  const plan = computePlan({
    project: request.project.name,
    desired: request.desired,
    current,
    origin: request.origin,
    mode: request.mode,
    deletions: request.deletions,
  });
  await checkRetiredUse(registry, request.project.name, request.desired);
  const base = await registry.getContents(request.project.name);
  const after = contentsAfter(plan, { ...base, project: request.project });
  await validateContents(after, request.describeSource);
  return { plan, after };
}

async function currentObjects(registry: Registry, project: string) {
  const lists = await Promise.all(OBJECT_KINDS.map((kind) => registry.listStored(project, kind)));
  return lists.flat().map((s) => ({ spec: s.spec, meta: { origin: s.meta.origin, version: s.meta.version } }));
}

export interface ApplyResult {
  plan: Plan;
  applied: boolean;
  /** Things that went wrong after the registry was written (they changed nothing in it). */
  warnings: string[];
}

export async function applyPlanned(
  registry: Registry,
  planned: PlannedChange,
  options: { project: ProjectSpec; origin: ObjectOrigin; actor: string; action: string; repoPath: string | null; summaryPrefix: string },
): Promise<ApplyResult> {
  const { plan } = planned;
  const projectExists = await registry.hasProject(options.project.name);
  if (!plan.hasChanges && projectExists) return { plan, applied: false, warnings: [] };
  const records = (action: "create" | "update") =>
    plan.items.filter((i) => i.action === action).map((i) => toObjectRecord(i.spec, options.origin));
  const { create, update, delete: deleted } = plan.counts;
  try {
    await registry.objects.applyChangeSet({
      project: {
        name: options.project.name,
        description: options.project.description,
        owner: options.project.owner,
        tags: JSON.stringify(options.project.tags),
        repoPath: options.repoPath,
      },
      creates: records("create"),
      updates: records("update"),
      deletes: plan.items.filter((i) => i.action === "delete").map((i) => ({ kind: i.kind, name: i.name })),
      // Optimistic concurrency: what each written object looked like when planned (see ChangeSet).
      expected: plan.items
        .filter((i) => i.baseVersion !== undefined && ["create", "update", "delete"].includes(i.action))
        .map((i) => ({ kind: i.kind, name: i.name, version: i.baseVersion ?? null })),
      actor: options.actor,
      action: options.action,
      summary: `${options.summaryPrefix}: ${create} created, ${update} changed, ${deleted} deleted`,
    });
  } catch (error) {
    throw asPantryError(error, registry.location);
  }
  return { plan, applied: true, warnings: [] };
}
