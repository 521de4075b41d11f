/**
 * Feature statistics kept in the registry: computed on demand (console, CLI), after each
 * materialization over the window it wrote, and for the file of every saved dataset (what the
 * drift check compares with). Reading them back parses the stored JSON columns.
 */
import type { FeatureStatisticsInput, FeatureStatisticsRecord } from "@pantry/db";
import type { DataSourceSpec, Dtype, FeatureViewSpec, FileSourceSpec, RepoContents } from "../definitions/types";
import { didYouMean, PantryError } from "../errors";
import type { OfflineStore } from "../offline/types";
import type { Registry } from "../registry/registry";
import { type FeatureProfile, profileColumns, statisticsKind } from "./profile";
import type { FeatureStatistics, HistogramBin, TopValue } from "./types";

export interface StatisticsDeps {
  registry: Registry;
  offlineStore: Pick<OfflineStore, "querySource">;
  project: string;
}

export interface ViewStatisticsRequest {
  view: string;
  /** Inclusive event-time window; null/absent = the whole source. */
  start?: Date | null;
  end?: Date | null;
  trigger?: "on-demand" | "materialization";
  jobId?: string | null;
  /** Only these features (default: all of the view's). */
  features?: string[];
  contents?: RepoContents;
}

/** The file column behind a view-level name: the one mapped to it, else the column of that name. */
export function sourceColumnOf(source: DataSourceSpec, name: string): string {
  return Object.entries(source.fieldMapping).find(([, to]) => to === name)?.[0] ?? name;
}

export function findFeatureView(contents: RepoContents, project: string, name: string): FeatureViewSpec {
  const view = contents.featureViews.find((v) => v.name === name);
  if (view) return view;
  const onDemand = contents.onDemandFeatureViews.some((v) => v.name === name);
  const names = contents.featureViews.map((v) => v.name);
  throw new PantryError(
    onDemand ? "FAILED_PRECONDITION" : "NOT_FOUND",
    onDemand
      ? `'${name}' is an on-demand feature view: its values are computed at request time and have no offline rows to describe`
      : `feature view '${name}' is not in project '${project}'${didYouMean(name, names)}`,
    { view: name },
  );
}

/** Computes and stores the statistics of a view's features over a window of its offline source. */
export async function computeViewStatistics(
  deps: StatisticsDeps,
  request: ViewStatisticsRequest,
): Promise<FeatureStatistics[]> {
  const contents = request.contents ?? (await deps.registry.getContents(deps.project));
  const view = findFeatureView(contents, deps.project, request.view);
  const source = contents.dataSources.find((s) => s.name === view.source);
  if (!source) {
    throw new PantryError(
      "NOT_FOUND",
      `feature view '${view.name}' reads source '${view.source}', which is not registered`,
    );
  }
  if (source.type !== "file") {
    throw new PantryError(
      "FAILED_PRECONDITION",
      `feature view '${view.name}' reads ${source.type} source '${source.name}'; statistics are computed by DuckDB over file sources only`,
      { view: view.name },
    );
  }
  const fields = request.features ? view.schema.filter((f) => request.features?.includes(f.name)) : view.schema;
  const windowStart = request.start ?? null;
  const windowEnd = request.end ?? null;
  const profiles = await profileColumns({
    store: deps.offlineStore,
    source,
    columns: fields.map((f) => ({
      view: view.name,
      feature: f.name,
      column: sourceColumnOf(source, f.name),
      dtype: f.dtype,
    })),
    timestampColumn: sourceColumnOf(source, source.timestampField),
    windowStart,
    windowEnd,
  });
  const computedAt = new Date();
  const rows = profiles.map((p) =>
    toInput(p, {
      subject: "source",
      datasetName: null,
      windowStart,
      windowEnd,
      trigger: request.trigger ?? "on-demand",
      jobId: request.jobId ?? null,
    }),
  );
  await deps.registry.statistics.save(deps.project, rows, computedAt);
  return rows.map((row) => fromRecord({ ...row, id: "", computedAt }));
}

/**
 * Statistics of the features a saved dataset holds, from its file (columns `view__feature` with
 * full names, else the feature's own name), stored with the dataset's name.
 */
export async function computeDatasetStatistics(
  deps: StatisticsDeps,
  dataset: { name: string; features: string[]; columns: string[]; location: string; format: "parquet" | "csv" },
): Promise<FeatureStatistics[]> {
  const contents = await deps.registry.getContents(deps.project);
  const dtypes = new Map<string, Dtype>();
  for (const view of [...contents.featureViews, ...contents.onDemandFeatureViews]) {
    for (const field of view.schema) dtypes.set(`${view.name}:${field.name}`, field.dtype);
  }
  const columns = new Set(dataset.columns);
  const wanted = dataset.features.flatMap((ref) => {
    const at = ref.indexOf(":");
    const view = ref.slice(0, at);
    const feature = ref.slice(at + 1);
    const column = columns.has(`${view}__${feature}`) ? `${view}__${feature}` : columns.has(feature) ? feature : null;
    const dtype = dtypes.get(ref);
    return column && dtype ? [{ view, feature, column, dtype }] : [];
  });
  const source: FileSourceSpec = {
    kind: "dataSource",
    type: "file",
    name: `saved dataset '${dataset.name}'`,
    description: "",
    owner: "",
    tags: {},
    path: dataset.location,
    format: dataset.format,
    timestampField: "event_timestamp",
    createdTimestampColumn: null,
    fieldMapping: {},
  };
  const profiles = await profileColumns({
    store: deps.offlineStore,
    source,
    columns: wanted,
    timestampColumn: columns.has("event_timestamp") ? "event_timestamp" : null,
    windowStart: null,
    windowEnd: null,
  });
  const computedAt = new Date();
  const rows = profiles.map((p) =>
    toInput(p, {
      subject: "dataset",
      datasetName: dataset.name,
      windowStart: null,
      windowEnd: null,
      trigger: "dataset",
      jobId: null,
    }),
  );
  await deps.registry.statistics.deleteForDataset(deps.project, dataset.name);
  await deps.registry.statistics.save(deps.project, rows, computedAt);
  return rows.map((row) => fromRecord({ ...row, id: "", computedAt }));
}

/** The newest statistics of every feature of the project (or of one view). */
export async function latestStatistics(
  registry: Registry,
  request: { project: string; view?: string },
): Promise<FeatureStatistics[]> {
  return (await registry.statistics.latest(request.project, request.view)).map(fromRecord);
}

/** One feature's statistics over time (oldest first): its null ratio and mean as they moved. */
export async function featureStatisticsHistory(
  registry: Registry,
  request: { project: string; view: string; feature: string; take?: number },
): Promise<FeatureStatistics[]> {
  return (await registry.statistics.history(request.project, request.view, request.feature, request.take)).map(
    fromRecord,
  );
}

export async function datasetStatistics(
  registry: Registry,
  request: { project: string; dataset: string },
): Promise<FeatureStatistics[]> {
  return (await registry.statistics.forDataset(request.project, request.dataset)).map(fromRecord);
}

type Context = Pick<
  FeatureStatisticsInput,
  "subject" | "datasetName" | "windowStart" | "windowEnd" | "trigger" | "jobId"
>;

function toInput(profile: FeatureProfile, context: Context): FeatureStatisticsInput {
  return {
    viewName: profile.view,
    featureName: profile.feature,
    dtype: profile.dtype,
    ...context,
    rowCount: profile.rowCount,
    nullCount: profile.nullCount,
    nullRatio: profile.nullRatio,
    distinctCount: profile.distinctCount,
    distinctApprox: profile.distinctApprox,
    min: profile.min,
    max: profile.max,
    mean: profile.mean,
    stddev: profile.stddev,
    histogram: JSON.stringify(profile.histogram),
    topValues: JSON.stringify(profile.topValues),
    newestEventTs: profile.newestEventTs,
  };
}

export function fromRecord(record: FeatureStatisticsRecord): FeatureStatistics {
  return {
    view: record.viewName,
    feature: record.featureName,
    dtype: record.dtype,
    kind: statisticsKind(record.dtype),
    subject: record.subject,
    dataset: record.datasetName,
    windowStart: record.windowStart,
    windowEnd: record.windowEnd,
    trigger: record.trigger,
    jobId: record.jobId,
    rowCount: record.rowCount,
    nullCount: record.nullCount,
    nullRatio: record.nullRatio,
    distinctCount: record.distinctCount,
    distinctApprox: record.distinctApprox,
    min: record.min,
    max: record.max,
    mean: record.mean,
    stddev: record.stddev,
    histogram: parseList<HistogramBin>(record.histogram),
    topValues: parseList<TopValue>(record.topValues),
    newestEventTs: record.newestEventTs,
    computedAt: record.computedAt,
  };
}

function parseList<T>(text: string): T[] {
  try {
    const parsed = JSON.parse(text) as unknown;
    return Array.isArray(parsed) ? (parsed as T[]) : [];
  } catch {
    return [];
  }
}
