/**
 * Edits made through the console's forms: planned first (nothing written), then applied as one
 * version per object and one audit entry, with origin "console".
 *
 * Rules on top of the registry's plan:
 * - "create" of a name that exists is a conflict on the name field (never a silent update);
 * - objects defined in code are read-only here: the next `pantry apply` would fight the edit, so
 *   the message says where to change them instead;
 * - a file source's path and columns are checked against the file before anything is planned.
 */
import type { ObjectKind, RegistryObjectSpec } from "../definitions/types";
import { PantryError } from "../errors";
import type { Principal } from "../auth/roles";
import type { FeatureStore } from "../feature-store";
import type { ApplyResult } from "../registry/apply";
import type { Plan } from "../registry/plan";
import { label } from "../repo/load-repo";
import type { ProjectHandle, Workspace } from "../workspace/workspace";
import { inspectFileSource } from "./inspect-source";

/**
 * `baseVersion`: the version of the object the user opened (the edit page sends it). If the
 * object moved since (another user's save, an apply), the edit is a CONFLICT naming the object
 * and its new version, never a silent overwrite of a change its author has not seen.
 */
export type ConsoleEdit =
  | { intent: "create"; spec: RegistryObjectSpec }
  | { intent: "update"; spec: RegistryObjectSpec; baseVersion?: number }
  | { intent: "delete"; kind: ObjectKind; name: string; baseVersion?: number };

interface EditRequest {
  edit: ConsoleEdit;
}

export async function planConsoleEdit(project: ProjectHandle, request: EditRequest): Promise<Plan> {
  const store = await prepare(project, request);
  return (await store.planEdit(toChange(request.edit))).plan;
}

export async function applyConsoleEdit(
  project: ProjectHandle,
  request: EditRequest & { actor: string },
): Promise<ApplyResult> {
  const store = await prepare(project, request);
  return store.applyEdit(toChange(request.edit), { actor: request.actor });
}

function toChange(edit: ConsoleEdit) {
  if (edit.intent === "delete") {
    const baseVersions =
      edit.baseVersion === undefined ? [] : [{ kind: edit.kind, name: edit.name, version: edit.baseVersion }];
    return { upserts: [], deletions: [{ kind: edit.kind, name: edit.name }], baseVersions };
  }
  if (edit.intent === "create")
    return { upserts: [edit.spec], deletions: [], creates: [{ kind: edit.spec.kind, name: edit.spec.name }] };
  const baseVersions =
    edit.baseVersion === undefined ? [] : [{ kind: edit.spec.kind, name: edit.spec.name, version: edit.baseVersion }];
  return { upserts: [edit.spec], deletions: [], baseVersions };
}

async function prepare(handle: ProjectHandle, { edit }: EditRequest): Promise<FeatureStore> {
  const { name: project, registry, store } = handle;
  const kind = edit.intent === "delete" ? edit.kind : edit.spec.kind;
  const name = edit.intent === "delete" ? edit.name : edit.spec.name;
  const existing = await registry.getStored(project, kind, name);
  if (edit.intent === "create" && existing) {
    throw new PantryError(
      "CONFLICT",
      `${label(kind)} '${name}' already exists in project '${project}'; pick another name or edit that one`,
      {
        field: "name",
      },
    );
  }
  if (edit.intent !== "create" && !existing) {
    throw new PantryError("NOT_FOUND", `${label(kind)} '${name}' is not in project '${project}'`, { field: "name" });
  }
  if (existing && existing.meta.origin === "code") {
    const where = handle.repoPath ?? "its feature repo";
    throw new PantryError(
      "FAILED_PRECONDITION",
      `${label(kind)} '${name}' is defined in code (${where}); change it there and run 'pantry apply', so code and registry stay in step`,
    );
  }
  if (edit.intent !== "delete" && edit.spec.kind === "dataSource" && edit.spec.type === "file") {
    await checkFileSource(store, edit.spec.path, edit.spec);
  }
  return store;
}

/** The file exists and has the timestamp columns the form names (field errors point at the inputs). */
async function checkFileSource(
  store: FeatureStore,
  path: string,
  spec: { timestampField: string; createdTimestampColumn: string | null; fieldMapping: Record<string, string> },
): Promise<void> {
  const inspected = await inspectFileSource(store, { path });
  const raw = new Set(inspected.columns.map((c) => c.name));
  const mapped = new Set(inspected.columns.map((c) => spec.fieldMapping[c.name] ?? c.name));
  const has = (column: string) => raw.has(column) || mapped.has(column);
  const columns = inspected.columns.map((c) => c.name).join(", ");
  if (!has(spec.timestampField)) {
    throw new PantryError(
      "INVALID_ARGUMENT",
      `'${spec.timestampField}' is not a column of ${path} (columns: ${columns})`,
      {
        field: "timestampField",
      },
    );
  }
  if (spec.createdTimestampColumn && !has(spec.createdTimestampColumn)) {
    throw new PantryError(
      "INVALID_ARGUMENT",
      `'${spec.createdTimestampColumn}' is not a column of ${path} (columns: ${columns})`,
      {
        field: "createdTimestampColumn",
      },
    );
  }
  for (const from of Object.keys(spec.fieldMapping)) {
    if (!raw.has(from)) {
      throw new PantryError(
        "INVALID_ARGUMENT",
        `field mapping: '${from}' is not a column of ${path} (columns: ${columns})`,
        {
          field: "fieldMapping",
        },
      );
    }
  }
}

/** Imports a Feast registry file into the registry of the workspace (the first one, or a project's). */
export async function importFeastRegistry(
  workspace: Workspace,
  options: { bytes: Uint8Array; intoRegistryOf?: string; actor: string; principal?: Principal },
): Promise<{ project: string; created: number; changed: number; deleted: number; applied: boolean }[]> {
  const store = await workspace.storeForNewProject("feast_import", options.intoRegistryOf);
  let results: Awaited<ReturnType<FeatureStore["importFeast"]>>;
  try {
    results = await store.importFeast(options.bytes, { actor: options.actor, principal: options.principal });
  } finally {
    await store.close();
  }
  return results.map(({ project, result }) => ({
    project,
    created: result.plan.counts.create,
    changed: result.plan.counts.update,
    deleted: result.plan.counts.delete,
    applied: result.applied,
  }));
}
