/** The console's side of usage: the same queries, addressed through the workspace. */
import type { Workspace } from "../workspace/workspace";
import { usageReport, viewReaders } from "./report";
import type { UsageRange, UsageReport, ViewReader } from "./types";

export async function getProjectUsage(
  workspace: Workspace,
  request: { project: string; range: UsageRange; consumer?: string },
): Promise<UsageReport> {
  return usageReport(await workspace.registryFor(request.project), request);
}

export async function getViewReaders(
  workspace: Workspace,
  request: { project: string; view: string; days: number },
): Promise<ViewReader[]> {
  return viewReaders(await workspace.registryFor(request.project), request);
}
