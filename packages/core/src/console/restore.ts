/**
 * Restoring an older version of an object: its spec at that version goes through the console's
 * plan-then-apply flow (the same rules, the same optimistic check) and becomes a new version;
 * history is never rewritten. A deleted object is re-created. Objects defined in code are
 * restored in code (the edit rules say so), since the next apply would undo it.
 */
import type { ObjectKind } from "../definitions/types";
import { listObjectVersions } from "../catalog/object-history";
import { PantryError } from "../errors";
import type { ApplyResult } from "../registry/apply";
import type { Plan } from "../registry/plan";
import type { ProjectHandle } from "../workspace/workspace";
import { applyConsoleEdit, type ConsoleEdit, planConsoleEdit } from "./edit";

export interface RestoreRequest {
  kind: ObjectKind;
  name: string;
  version: number;
}

export async function planRestore(project: ProjectHandle, request: RestoreRequest): Promise<Plan> {
  return planConsoleEdit(project, { edit: await restoreEdit(project, request) });
}

export async function applyRestore(
  project: ProjectHandle,
  request: RestoreRequest & { actor: string },
): Promise<ApplyResult> {
  return applyConsoleEdit(project, { edit: await restoreEdit(project, request), actor: request.actor });
}

async function restoreEdit(project: ProjectHandle, request: RestoreRequest): Promise<ConsoleEdit> {
  const versions = await listObjectVersions(project.registry, { project: project.name, ...request });
  const found = versions.find((v) => v.version === request.version);
  if (!found) {
    throw new PantryError(
      "NOT_FOUND",
      `'${request.name}' has no version ${request.version} (versions: ${versions
        .map((v) => v.version)
        .sort((a, b) => a - b)
        .join(", ")})`,
      { field: "version" },
    );
  }
  if (found.change === "delete") {
    throw new PantryError(
      "INVALID_ARGUMENT",
      `version ${request.version} of '${request.name}' records its deletion; restore the version before it (${request.version - 1})`,
      { field: "version" },
    );
  }
  const existing = await project.registry.getStored(project.name, request.kind, request.name);
  return { intent: existing ? "update" : "create", spec: found.spec };
}
