/**
 * Which source columns a view needs (join keys, timestamps, features), found through the field
 * mapping and checked against the view's dtypes. Shared by retrieval and materialization.
 */
import type { DataSourceSpec, Dtype, EntitySpec, FeatureViewSpec } from "../definitions/types";
import { didYouMean, PantryError } from "../errors";
import { isCompatibleDtype, isTimestampLike } from "./dtype-mapping";
import { rawColumnFor, sourceLocation } from "./source-columns";
import type { SourceRelation } from "./sql/plan";
import type { SourceRead } from "./sql/render-source";
import type { SourceColumn } from "./types";

export interface ViewReadKey {
  /** The view's join key name (after field mapping). */
  name: string;
  sourceColumn: string;
  dtype: Dtype | null;
}

export interface ViewRead extends SourceRead {
  keys: ViewReadKey[];
  features: { name: string; sourceColumn: string }[];
}

export interface ViewReadInput {
  view: FeatureViewSpec;
  source: DataSourceSpec;
  entities: EntitySpec[];
  /** Requested features; all of the view's when omitted. */
  features?: string[];
  rawColumns: SourceColumn[];
  relation: SourceRelation;
}

/** Join keys of a view, in the order of its entities. */
export function viewJoinKeys(view: FeatureViewSpec, entities: EntitySpec[]): string[] {
  const byName = new Map(entities.map((entity) => [entity.name, entity]));
  return view.entities.flatMap((name) => {
    const entity = byName.get(name);
    if (!entity) {
      throw new PantryError(
        "NOT_FOUND",
        `feature view '${view.name}' uses entity '${name}', which was not given; apply the repo first`,
      );
    }
    return entity.joinKeys;
  });
}

export function resolveViewRead(input: ViewReadInput): ViewRead {
  const { view, source, rawColumns } = input;
  assertOfflineSource(view, source);
  const eventTs = rawColumnFor(source, source.timestampField, rawColumns, `timestamp field of view '${view.name}'`);
  assertTimestamp(view, source, eventTs);
  const created = source.createdTimestampColumn
    ? rawColumnFor(source, source.createdTimestampColumn, rawColumns, `created timestamp column of view '${view.name}'`)
    : null;
  if (created) assertTimestamp(view, source, created);
  const keys = viewJoinKeys(view, input.entities).map((name) => {
    const column = rawColumnFor(source, name, rawColumns, `join key of view '${view.name}'`);
    return { name, sourceColumn: column.name, dtype: column.dtype };
  });
  const features = (input.features ?? view.schema.map((field) => field.name)).map((name) => {
    const column = rawColumnFor(source, checkFeatureDeclared(view, name), rawColumns, `feature '${view.name}:${name}'`);
    assertFeatureType(view, source, name, column);
    return { name, sourceColumn: column.name };
  });
  return {
    source: input.relation,
    eventTimestampColumn: eventTs.name,
    createdTimestampColumn: created?.name ?? null,
    keys,
    features,
  };
}

function assertOfflineSource(view: FeatureViewSpec, source: DataSourceSpec): void {
  if (source.type === "file" || source.type === "postgres") return;
  throw new PantryError(
    "FAILED_PRECONDITION",
    `feature view '${view.name}' reads ${source.type} source '${source.name}', which has no offline rows; give it a batch source (file or postgres)`,
  );
}

function checkFeatureDeclared(view: FeatureViewSpec, name: string): string {
  if (view.schema.some((field) => field.name === name)) return name;
  const names = view.schema.map((field) => field.name);
  throw new PantryError(
    "NOT_FOUND",
    `feature view '${view.name}' has no feature '${name}' (features: ${names.join(", ")})${didYouMean(name, names)}`,
    { view: view.name, feature: name },
  );
}

function assertTimestamp(view: FeatureViewSpec, source: DataSourceSpec, column: SourceColumn): void {
  if (isTimestampLike(column.dtype)) return;
  throw new PantryError(
    "INVALID_ARGUMENT",
    `column '${column.name}' of ${sourceLocation(source)} (view '${view.name}') is ${column.rawType}, but a timestamp is needed; fix the source's timestamp_field or the data`,
    { source: source.name, column: column.name },
  );
}

function assertFeatureType(view: FeatureViewSpec, source: DataSourceSpec, feature: string, column: SourceColumn): void {
  const declared = view.schema.find((field) => field.name === feature)?.dtype;
  // A column type Pantry cannot name (an engine extension type) is passed through unchecked.
  if (!declared || column.dtype === null || isCompatibleDtype(declared, column.dtype)) return;
  throw new PantryError(
    "INVALID_ARGUMENT",
    `feature '${view.name}:${feature}' is declared ${declared}, but column '${column.name}' of ${sourceLocation(source)} is ${column.rawType} (${column.dtype}); fix the dtype in the view's schema or the data`,
    { view: view.name, feature, column: column.name, declared, actual: column.dtype },
  );
}
