/** Saved datasets and materialization jobs: what has been produced from the catalog. */
import type { SavedDataset } from "../datasets/index";
import type { MaterializationJobRecord } from "../materialization/registry";
import type { Workspace } from "../workspace/workspace";

/** What the console lists: the same description the CLI and SDK get. */
export type SavedDatasetSummary = SavedDataset;

export interface MaterializationJobSummary {
  id: string;
  project: string;
  mode: string;
  views: string[];
  start: Date | null;
  end: Date;
  status: string;
  rowsRead: number;
  rowsWritten: number;
  error: string | null;
  trigger: string;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export async function listMaterializationJobs(
  workspace: Workspace,
  options: { project?: string; limit: number },
): Promise<MaterializationJobSummary[]> {
  const registries = options.project
    ? [await workspace.registryFor(options.project)]
    : await workspace.openRegistries();
  const jobs: MaterializationJobSummary[] = [];
  for (const registry of registries) {
    const project = options.project ?? null;
    const rows = await registry.readJobs(project, (jobs) => jobs.listJobs(project, { take: options.limit }));
    jobs.push(...rows.map(toJobSummary));
  }
  return jobs.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime()).slice(0, options.limit);
}

export function toJobSummary(r: MaterializationJobRecord): MaterializationJobSummary {
  return {
    id: r.id,
    project: r.projectName,
    mode: r.mode,
    views: r.views,
    start: r.startTs,
    end: r.endTs,
    status: r.status,
    rowsRead: r.rowsRead,
    rowsWritten: r.rowsWritten,
    error: r.error,
    trigger: r.trigger,
    createdAt: r.createdAt,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
  };
}
