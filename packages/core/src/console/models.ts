/**
 * The console's model pages: a project's models, one model, and the models of every project of
 * the workspace (merged by name, each row naming its projects). Computed by the models module.
 */
import { describeModel, listModels } from "../models/models";
import type { ModelDetail, ModelSummary } from "../models/types";
import type { UsageRange } from "../usage/types";
import type { ProjectHandle, Workspace } from "../workspace/workspace";

export async function getProjectModels(
  project: Pick<ProjectHandle, "registry" | "store">,
  options: { project: string },
): Promise<ModelSummary[]> {
  return listModels({ registry: project.registry, onlineStore: project.store.onlineStore(), project: options.project });
}

export async function getModel(
  project: Pick<ProjectHandle, "registry" | "store">,
  options: { project: string; model: string; range?: UsageRange; dataset?: string | null },
): Promise<ModelDetail> {
  return describeModel(
    { registry: project.registry, onlineStore: project.store.onlineStore(), project: options.project },
    { model: options.model, range: options.range, dataset: options.dataset ?? null },
  );
}

export interface WorkspaceModels {
  models: ModelSummary[];
  /** Projects whose models could not be read, with why (the others are still listed). */
  problems: { project: string; message: string }[];
}

/** Every applied project's models, attention first; a project that fails is reported, not fatal. */
export async function listWorkspaceModels(workspace: Workspace): Promise<WorkspaceModels> {
  const models: ModelSummary[] = [];
  const problems: WorkspaceModels["problems"] = [];
  for (const project of await workspace.listProjects()) {
    if (!project.applied) continue;
    try {
      models.push(...(await getProjectModels(await workspace.project(project.name), { project: project.name })));
    } catch (error) {
      problems.push({ project: project.name, message: error instanceof Error ? error.message : String(error) });
    }
  }
  models.sort(
    (a, b) =>
      Number(b.attention) - Number(a.attention) || a.name.localeCompare(b.name) || a.project.localeCompare(b.project),
  );
  return { models, problems };
}
