/** The overview of each project: counts, owners, recent changes. */
import { asPantryError } from "../registry/registry";
import type { Workspace, WorkspaceProject } from "../workspace/workspace";
import { type CatalogIndex, catalogIndexFor } from "../catalog/catalog-index";
import { type AuditEntry, toAuditEntry } from "./audit";

export interface ProjectCounts {
  entities: number;
  dataSources: number;
  featureViews: number;
  onDemandFeatureViews: number;
  features: number;
  featureServices: number;
}

export interface ProjectSummary extends WorkspaceProject {
  counts: ProjectCounts;
  /** Owners of the project's objects, most objects first. */
  owners: { owner: string; objects: number }[];
  /** Consumers (models) named by the project's services. */
  consumers: string[];
  /** When anything in the project last changed. */
  updatedAt: Date | null;
}

export interface ProjectOverview extends ProjectSummary {
  recentChanges: AuditEntry[];
  /** Saved datasets (training sets registered with --save-as). */
  savedDatasets: number;
}

export async function listProjectSummaries(workspace: Workspace): Promise<ProjectSummary[]> {
  const projects = await workspace.listProjects();
  const summaries: ProjectSummary[] = [];
  for (const project of projects) {
    // A repo never applied has no registry file yet; do not create one just to count nothing.
    const index = project.applied ? await catalogIndexFor(await workspace.registryFor(project.name)) : null;
    summaries.push(summarizeProject(project, index));
  }
  return summaries;
}

export async function getProjectOverview(
  workspace: Workspace,
  options: { project: string; recentChanges?: number },
): Promise<ProjectOverview> {
  const project = await workspace.getProjectOrThrow(options.project);
  if (!project.applied) return { ...summarizeProject(project, null), recentChanges: [], savedDatasets: 0 };
  const registry = await workspace.registryFor(options.project);
  const index = await catalogIndexFor(registry);
  let recent: AuditEntry[];
  let savedDatasets: number;
  try {
    const [rows, datasets] = await Promise.all([
      registry.catalog.listAuditPage({ projectName: options.project, take: options.recentChanges ?? 10 }),
      registry.datasets.count(options.project),
    ]);
    recent = rows.map(toAuditEntry);
    savedDatasets = datasets;
  } catch (error) {
    throw asPantryError(error, registry.location);
  }
  return { ...summarizeProject(project, index), recentChanges: recent, savedDatasets };
}

function summarizeProject(project: WorkspaceProject, index: CatalogIndex | null): ProjectSummary {
  const counts: ProjectCounts = {
    entities: 0,
    dataSources: 0,
    featureViews: 0,
    onDemandFeatureViews: 0,
    features: 0,
    featureServices: 0,
  };
  const owners = new Map<string, number>();
  const consumers = new Set<string>();
  let updatedAt: Date | null = null;
  for (const { summary } of index?.objects ?? []) {
    if (summary.project !== project.name) continue;
    if (summary.owner) owners.set(summary.owner, (owners.get(summary.owner) ?? 0) + 1);
    if (!updatedAt || summary.updatedAt > updatedAt) updatedAt = summary.updatedAt;
    switch (summary.kind) {
      case "entity":
        counts.entities++;
        break;
      case "dataSource":
        counts.dataSources++;
        break;
      case "featureView":
        counts.featureViews++;
        counts.features += summary.featureCount;
        break;
      case "onDemandFeatureView":
        counts.onDemandFeatureViews++;
        counts.features += summary.featureCount;
        break;
      case "featureService":
        counts.featureServices++;
        for (const c of summary.consumers) consumers.add(c);
        break;
    }
  }
  return {
    ...project,
    counts,
    owners: [...owners]
      .map(([owner, objects]) => ({ owner, objects }))
      .sort((a, b) => b.objects - a.objects || a.owner.localeCompare(b.owner)),
    consumers: [...consumers].sort(),
    updatedAt,
  };
}
