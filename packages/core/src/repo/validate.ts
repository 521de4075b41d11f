/**
 * Validates a project's objects as a whole before anything is written: references, names,
 * and each feature view's fields against its source's real columns and types.
 * Collects every problem, so one apply reports them all.
 */
import type { DataSourceSpec, FeatureViewSpec, RepoContents } from "../definitions/types";
import { didYouMean, isPantryError, ValidationErrors } from "../errors";
import { isCompatibleDtype } from "../offline/dtype-mapping";
import type { SourceColumn } from "../offline/types";

export type DescribeSource = (source: DataSourceSpec) => Promise<SourceColumn[]>;

/** What every registry name must look like (objects, saved datasets). */
export const OBJECT_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** What later checks need of each view: its feature names and its entities' join keys. */
type ViewShapes = Map<string, { features: string[]; joinKeys: string[] }>;

export async function validateContents(contents: RepoContents, describeSource: DescribeSource | null): Promise<void> {
  const sources = new Map(contents.dataSources.map((s) => [s.name, s]));
  const views: ViewShapes = new Map();
  const problems = [
    ...checkNames(contents),
    ...checkEntities(contents),
    ...checkViews(contents, sources, views),
    ...checkOnDemandViews(contents, sources, views),
    ...checkServices(contents, views),
  ];
  if (describeSource && problems.length === 0) {
    for (const view of contents.featureViews) {
      const source = sources.get(view.source);
      if (!source || source.type === "request") continue;
      const batch = source.type === "push" && source.batchSource ? sources.get(source.batchSource) : source;
      if (!batch || batch.type === "push" || batch.type === "request") continue;
      problems.push(...(await checkViewAgainstSource(view, batch, contents, describeSource)));
    }
  }
  if (problems.length) throw new ValidationErrors(problems);
}

function checkNames(contents: RepoContents): string[] {
  const problems: string[] = [];
  for (const [kind, list] of [
    ["entity", contents.entities],
    ["data source", contents.dataSources],
    ["feature view", contents.featureViews],
    ["on-demand feature view", contents.onDemandFeatureViews],
    ["feature service", contents.featureServices],
  ] as const) {
    for (const object of list) {
      if (!OBJECT_NAME.test(object.name)) {
        problems.push(`${kind} '${object.name}': names may contain letters, digits and '_' and must not start with a digit`);
      }
    }
  }
  return problems;
}

function checkEntities(contents: RepoContents): string[] {
  return contents.entities
    .filter((entity) => entity.joinKeys.length === 0)
    .map((entity) => `entity '${entity.name}' has no join key; set joinKeys: ["${entity.name}_id"]`);
}

/** Feature views: references, ttl, fields. Records each view's shape in `views`. */
function checkViews(contents: RepoContents, sources: Map<string, DataSourceSpec>, views: ViewShapes): string[] {
  const problems: string[] = [];
  const entities = new Map(contents.entities.map((e) => [e.name, e]));
  const odfvNames = new Set(contents.onDemandFeatureViews.map((v) => v.name));
  for (const view of contents.featureViews) {
    if (odfvNames.has(view.name)) {
      problems.push(`'${view.name}' is both a feature view and an on-demand feature view; feature refs need one name each`);
    }
    const joinKeys: string[] = [];
    for (const name of view.entities) {
      const entity = entities.get(name);
      if (!entity) problems.push(`feature view '${view.name}' refers to entity '${name}', which does not exist${didYouMean(name, entities.keys())}`);
      else joinKeys.push(...entity.joinKeys);
    }
    if (!sources.has(view.source)) {
      problems.push(`feature view '${view.name}' reads data source '${view.source}', which does not exist${didYouMean(view.source, sources.keys())}`);
    }
    if (view.ttlSeconds < 0) problems.push(`feature view '${view.name}': ttl must be 0 (no limit) or positive`);
    const seen = new Set<string>();
    for (const field of view.schema) {
      if (seen.has(field.name)) problems.push(`feature view '${view.name}' declares feature '${field.name}' twice`);
      seen.add(field.name);
    }
    if (view.schema.length === 0) problems.push(`feature view '${view.name}' has no features; add fields to its schema`);
    views.set(view.name, { features: view.schema.map((f) => f.name), joinKeys });
  }
  return problems;
}

/** On-demand views: their request sources and input views exist. Records each one's shape in `views`. */
function checkOnDemandViews(contents: RepoContents, sources: Map<string, DataSourceSpec>, views: ViewShapes): string[] {
  const problems: string[] = [];
  for (const odfv of contents.onDemandFeatureViews) {
    for (const source of odfv.sources) {
      if (source.type === "request") {
        const s = sources.get(source.name);
        if (!s || s.type !== "request") {
          problems.push(`on-demand feature view '${odfv.name}' uses request source '${source.name}', which does not exist`);
        }
      } else if (!views.has(source.name)) {
        problems.push(`on-demand feature view '${odfv.name}' uses feature view '${source.name}', which does not exist${didYouMean(source.name, views.keys())}`);
      }
    }
    views.set(odfv.name, { features: odfv.schema.map((f) => f.name), joinKeys: [] });
  }
  return problems;
}

/** Feature services: every projection names a view, its features and its join keys. */
function checkServices(contents: RepoContents, views: ViewShapes): string[] {
  const problems: string[] = [];
  for (const service of contents.featureServices) {
    if (service.projections.length === 0) problems.push(`feature service '${service.name}' has no features`);
    for (const projection of service.projections) {
      const view = views.get(projection.view);
      if (!view) {
        problems.push(`feature service '${service.name}' uses view '${projection.view}', which does not exist${didYouMean(projection.view, views.keys())}`);
        continue;
      }
      for (const feature of projection.features) {
        if (!view.features.includes(feature)) {
          problems.push(`feature service '${service.name}' asks for '${projection.view}:${feature}', which the view does not have${didYouMean(feature, view.features)}`);
        }
      }
      for (const key of Object.keys(projection.joinKeyMap)) {
        if (!view.joinKeys.includes(key)) {
          problems.push(`feature service '${service.name}' maps join key '${key}' of '${projection.view}', whose join keys are ${view.joinKeys.join(", ") || "(none)"}`);
        }
      }
    }
  }
  return problems;
}

async function checkViewAgainstSource(
  view: FeatureViewSpec,
  source: DataSourceSpec,
  contents: RepoContents,
  describeSource: DescribeSource,
): Promise<string[]> {
  let columns: SourceColumn[];
  try {
    columns = await describeSource(source);
  } catch (error) {
    if (isPantryError(error)) return [`data source '${source.name}' (used by feature view '${view.name}'): ${error.message}`];
    throw error;
  }
  const byName = new Map(columns.map((c) => [c.name, c]));
  const problems: string[] = [];
  const where = `data source '${source.name}'${"path" in source ? ` (${source.path})` : ""}`;
  const available = columns.map((c) => c.name);
  const need = (column: string, role: string) => {
    if (!byName.has(column)) problems.push(`feature view '${view.name}': ${role} '${column}' is not a column of ${where}${didYouMean(column, available)}; its columns are ${available.join(", ")}`);
  };
  need(source.timestampField, "timestamp field");
  if (source.createdTimestampColumn) need(source.createdTimestampColumn, "created timestamp column");
  for (const entityName of view.entities) {
    for (const key of contents.entities.find((e) => e.name === entityName)?.joinKeys ?? []) need(key, "join key");
  }
  for (const field of view.schema) {
    const column = byName.get(field.name);
    if (!column) {
      need(field.name, "feature");
      continue;
    }
    if (column.dtype && !isCompatibleDtype(field.dtype, column.dtype)) {
      problems.push(
        `feature view '${view.name}': feature '${field.name}' is declared ${field.dtype} but column '${field.name}' of ${where} is ${column.rawType}; declare it as ${column.dtype} or fix the data`,
      );
    } else if (!column.dtype) {
      problems.push(`feature view '${view.name}': column '${field.name}' of ${where} has type ${column.rawType}, which no feature dtype can hold`);
    }
  }
  return problems;
}

