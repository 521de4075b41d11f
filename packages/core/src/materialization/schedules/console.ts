/** The console's schedules card: a project's schedules and their changes, over the workspace. */
import type { Workspace } from "../../workspace/workspace";
import {
  changeSchedule,
  createSchedule,
  listSchedules,
  type MaterializationSchedule,
  type ScheduleChangeKind,
} from "./schedules";

export interface ConsoleScheduleRequest {
  project: string;
  name?: string;
  every: string;
  views?: string[];
}

export async function listProjectSchedules(
  workspace: Workspace,
  options: { project: string },
): Promise<MaterializationSchedule[]> {
  await workspace.getProjectOrThrow(options.project);
  return listSchedules(await workspace.registryFor(options.project), options.project);
}

export async function createProjectSchedule(
  workspace: Workspace,
  request: ConsoleScheduleRequest & { actor: string },
): Promise<MaterializationSchedule> {
  return createSchedule(await workspace.registryFor(request.project), request);
}

/** Pause, resume or delete one schedule of a project. */
export async function changeProjectSchedule(
  workspace: Workspace,
  options: { project: string; name: string; actor: string; change: ScheduleChangeKind },
): Promise<MaterializationSchedule> {
  return changeSchedule(await workspace.registryFor(options.project), options);
}
