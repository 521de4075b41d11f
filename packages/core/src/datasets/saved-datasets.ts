/**
 * Saved datasets (Feast's `create_saved_dataset`): a retrieval written to a Parquet/CSV file and
 * registered by name with its features, columns, row count and entity-time range. The registry
 * holds the description only; deleting a dataset keeps its file.
 */
import { resolve } from "node:path";
import type { SavedDatasetInput, SavedDatasetRecord } from "@pantry/db";
import type { Tags } from "../definitions/types";
import { didYouMean, PantryError } from "../errors";
import type { EntityDfInput } from "../offline/types";
import type { Registry } from "../registry/registry";
import { OBJECT_NAME } from "../repo/validate";
import { datasetFileOf, measureDatasetFile, writeDatasetFile } from "./dataset-file";
import type { CreateSavedDatasetOptions, SavedDataset, SavedDatasetResult } from "./types";

interface Target {
  project: string;
  name: string;
}

/** Writes the job's result to the file, measures it, and registers it under `name`. */
export async function saveDataset(
  registry: Registry,
  options: CreateSavedDatasetOptions & { project: string; actor: string },
): Promise<SavedDatasetResult> {
  const { project, name } = options;
  checkDatasetName(name);
  const file = datasetFileOf(name, options.path);
  await registry.getProjectOrThrow(project);
  // Refuse before the job runs: a clash found after writing would have replaced the file for nothing.
  if (!options.overwrite && (await findDataset(registry, options))) throw alreadyExists(options);
  const selection = await featureSelection(registry, project, options.features);
  await writeDatasetFile(options.job, file);
  const stats = await measureDatasetFile(file, options.job.columns);
  const input: SavedDatasetInput = {
    name,
    features: JSON.stringify(selection.features),
    featureService: selection.featureService,
    columns: JSON.stringify(options.job.columns),
    rowCount: stats.rows,
    minTs: stats.minTs,
    maxTs: stats.maxTs,
    location: file.location,
    format: file.format,
    entitySource: describeEntitySource(options.entityDf),
    tags: JSON.stringify(options.tags ?? {}),
  };
  const outcome = await registry.datasets.save(project, input, {
    actor: options.actor,
    replace: options.overwrite ?? false,
  });
  // Only a concurrent save of the same name gets here: the check above passed, the insert lost.
  if (outcome.status === "exists") throw alreadyExists(options);
  return { ...toSavedDataset(outcome.record), replaced: outcome.status === "replaced" };
}

/** Every saved dataset of the project, newest first. */
export async function listDatasets(registry: Registry, project: string): Promise<SavedDataset[]> {
  const rows = await registry.datasets.list(project);
  return rows.map(toSavedDataset);
}

export async function getDatasetOrThrow(registry: Registry, target: Target): Promise<SavedDataset> {
  const record = await findDataset(registry, target);
  if (!record) throw await notFound(registry, target);
  return toSavedDataset(record);
}

/** Removes the registry entry (the file stays where it is) and returns what it described. */
export async function deleteDataset(registry: Registry, target: Target & { actor: string }): Promise<SavedDataset> {
  await registry.getProjectOrThrow(target.project);
  const removed = await registry.datasets.delete(target.project, target.name, target.actor);
  if (!removed) throw await notFound(registry, target);
  return toSavedDataset(removed);
}

export function toSavedDataset(record: SavedDatasetRecord): SavedDataset {
  return {
    id: record.id,
    project: record.projectName,
    name: record.name,
    features: parseList(record.features),
    featureService: record.featureService,
    columns: parseList(record.columns),
    rows: record.rowCount,
    minTs: record.minTs,
    maxTs: record.maxTs,
    location: record.location,
    format: record.format === "csv" ? "csv" : "parquet",
    entitySource: record.entitySource,
    tags: parseTags(record.tags),
    createdAt: record.createdAt,
  };
}

function checkDatasetName(name: string): void {
  if (!OBJECT_NAME.test(name)) {
    throw new PantryError(
      "INVALID_ARGUMENT",
      `saved dataset name '${name}' is not valid: names may contain letters, digits and '_' and must not start with a digit (like driver_training_2026)`,
      { field: "name" },
    );
  }
}

function findDataset(registry: Registry, { project, name }: Target): Promise<SavedDatasetRecord | null> {
  return registry.datasets.find(project, name);
}

function alreadyExists({ project, name }: Target): PantryError {
  return new PantryError(
    "CONFLICT",
    `saved dataset '${name}' already exists in project '${project}'; choose another name or pass --overwrite`,
    { field: "name" },
  );
}

async function notFound(registry: Registry, { project, name }: Target): Promise<PantryError> {
  await registry.getProjectOrThrow(project);
  const names = (await listDatasets(registry, project)).map((d) => d.name);
  const hint = didYouMean(name, names) || (names.length ? "" : "; it has none yet");
  return new PantryError(
    "NOT_FOUND",
    `saved dataset '${name}' is not in project '${project}'${hint}. List them with 'pantry saved-datasets list'`,
  );
}

/**
 * The feature refs a selection stands for: refs as given, or a service's projections as
 * "view:feature" (the view's name, not the alias, so the refs point at catalog features).
 */
async function featureSelection(
  registry: Registry,
  project: string,
  features: string[] | string,
): Promise<{ features: string[]; featureService: string | null }> {
  if (typeof features !== "string") return { features: [...new Set(features)], featureService: null };
  const stored = await registry.getStored(project, "featureService", features);
  const spec = stored?.spec;
  if (spec?.kind !== "featureService") {
    throw new PantryError("NOT_FOUND", `feature service '${features}' does not exist in project '${project}'`);
  }
  const refs = spec.projections.flatMap((p) => p.features.map((feature) => `${p.view}:${feature}`));
  return { features: [...new Set(refs)], featureService: features };
}

function describeEntitySource(entityDf: EntityDfInput | undefined): string {
  if (entityDf === undefined) return "";
  if (typeof entityDf === "string") return resolve(entityDf);
  if (Array.isArray(entityDf)) return `${entityDf.length.toLocaleString("en-US")} entity rows passed in memory`;
  return entityDf.sql;
}

/** JSON lists; older rows may hold comma-separated text. */
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

function parseTags(text: string): Tags {
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Tags) : {};
  } catch {
    return {};
  }
}
