/** Saved datasets and materialization jobs: what has been produced from the catalog. */
import { asPantryError, type Registry } from "../registry/registry";
import type { Workspace } from "../workspace/workspace";

export interface SavedDatasetSummary {
  id: string;
  project: string;
  name: string;
  features: string[];
  rowCount: number;
  minTs: Date | null;
  maxTs: Date | null;
  location: string;
  createdAt: Date;
}

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

async function guarded<T>(registry: Registry, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    throw asPantryError(error, registry.location);
  }
}

export async function listSavedDatasets(
  workspace: Workspace,
  options: { project: string },
): Promise<SavedDatasetSummary[]> {
  const registry = await workspace.registryFor(options.project);
  const rows = await guarded(registry, () => registry.db.catalog.listSavedDatasets(options.project));
  return rows.map((r) => ({
    id: r.id,
    project: r.projectName,
    name: r.name,
    features: parseList(r.features),
    rowCount: r.rowCount,
    minTs: r.minTs,
    maxTs: r.maxTs,
    location: r.location,
    createdAt: r.createdAt,
  }));
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
    const rows = await guarded(registry, () =>
      registry.db.materialization.listJobs(options.project ?? null, { take: options.limit }),
    );
    for (const r of rows) {
      jobs.push({
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
      });
    }
  }
  return jobs.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime()).slice(0, options.limit);
}

/** Saved datasets store their feature refs as JSON (a list) or a comma-separated text. */
function parseList(text: string): string[] {
  try {
    const parsed: unknown = JSON.parse(text);
    if (Array.isArray(parsed)) return parsed.map(String);
  } catch {
    // not JSON: fall through to the comma-separated form
  }
  return text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}
