/**
 * Resolved feature requests + the entity table's columns -> a PitPlan, with every user mistake
 * caught here, before any join runs (missing timestamp column, missing join key, name clash).
 */
import type { DataSourceSpec, Dtype } from "../definitions/types";
import { didYouMean, PantryError } from "../errors";
import { isTimestampLike, keysComparable } from "./dtype-mapping";
import { ENTITY_TIMESTAMP_INPUT, type PitPlan, type SourceRelation, type ViewJoin } from "./sql/plan";
import type { FeatureRequest, SourceColumn } from "./types";
import { resolveViewRead, type ViewReadKey } from "./view-read";

const RESERVED_PREFIX = "__pantry_";

export interface EntityColumn {
  name: string;
  dtype: Dtype | null;
  rawType: string;
}

export interface BuildPlanInput {
  requests: FeatureRequest[];
  entityColumns: EntityColumn[];
  /** Name of the table the store loads the entity rows into. */
  entityTable: string;
  /** What the user called the entity table, for messages ("entities.csv", "the entity rows"). */
  entityLabel: string;
  fullFeatureNames: boolean;
  filterByCreatedTimestamp: boolean;
  rawColumnsOf(source: DataSourceSpec): SourceColumn[];
  relationOf(source: DataSourceSpec): SourceRelation;
}

export function buildPitPlan(input: BuildPlanInput): PitPlan {
  assertEntityColumns(input.entityColumns, input.entityLabel);
  const joins = input.requests.map((request) => buildViewJoin(request, input));
  assertUniqueOutputs(input.entityColumns, joins, input.requests);
  return {
    entity: { table: input.entityTable, columns: input.entityColumns.map((c) => c.name) },
    joins,
    filterByCreatedTimestamp: input.filterByCreatedTimestamp,
  };
}

export function outputName(request: FeatureRequest, feature: string, fullFeatureNames: boolean): string {
  return fullFeatureNames ? `${request.outputPrefix}__${feature}` : feature;
}

function assertEntityColumns(columns: EntityColumn[], label: string): void {
  const names = columns.map((c) => c.name);
  const ts = columns.find((c) => c.name === ENTITY_TIMESTAMP_INPUT);
  if (!ts) {
    throw new PantryError(
      "INVALID_ARGUMENT",
      `${label} has no '${ENTITY_TIMESTAMP_INPUT}' column (columns: ${names.join(", ")})${didYouMean(ENTITY_TIMESTAMP_INPUT, names)}; add the time each row's features should be read at`,
      { column: ENTITY_TIMESTAMP_INPUT },
    );
  }
  if (!isTimestampLike(ts.dtype)) {
    throw new PantryError(
      "INVALID_ARGUMENT",
      `column '${ENTITY_TIMESTAMP_INPUT}' of ${label} is ${ts.rawType}; it must hold timestamps (or ISO 8601 text)`,
      { column: ENTITY_TIMESTAMP_INPUT },
    );
  }
  // The joins add working columns named __pantry_*; an input column of that form could clash.
  const reserved = names.find((name) => name.startsWith(RESERVED_PREFIX));
  if (reserved !== undefined) {
    throw new PantryError(
      "INVALID_ARGUMENT",
      `${label} has a column '${reserved}'; names starting with '${RESERVED_PREFIX}' are reserved, rename it`,
    );
  }
}

function buildViewJoin(request: FeatureRequest, input: BuildPlanInput): ViewJoin {
  const read = resolveViewRead({
    view: request.view,
    source: request.source,
    entities: request.entities,
    features: request.features,
    rawColumns: input.rawColumnsOf(request.source),
    relation: input.relationOf(request.source),
  });
  return {
    label: request.outputPrefix,
    source: read.source,
    eventTimestampColumn: read.eventTimestampColumn,
    createdTimestampColumn: read.createdTimestampColumn,
    keys: read.keys.map((key) => keyJoin(request, key, input)),
    features: read.features.map((feature) => ({
      sourceColumn: feature.sourceColumn,
      outputName: outputName(request, feature.name, input.fullFeatureNames),
    })),
    ttlSeconds: request.view.ttlSeconds,
  };
}

function keyJoin(request: FeatureRequest, key: ViewReadKey, input: BuildPlanInput): ViewJoin["keys"][number] {
  const entityName = request.joinKeyMap[key.name] ?? key.name;
  const column = input.entityColumns.find((c) => c.name === entityName);
  if (!column) {
    const names = input.entityColumns.map((c) => c.name);
    const mapped = entityName === key.name ? "" : ` (join key '${key.name}' mapped to '${entityName}')`;
    throw new PantryError(
      "INVALID_ARGUMENT",
      `${input.entityLabel} has no column '${entityName}'${mapped}, needed to join feature view '${request.view.name}' (columns: ${names.join(", ")})${didYouMean(entityName, names)}`,
      { column: entityName, view: request.view.name },
    );
  }
  // Text keys against numeric source keys (a CSV read as text, say): cast the entity side.
  const needsCast = column.dtype !== null && key.dtype !== null && !keysComparable(column.dtype, key.dtype);
  return { sourceColumn: key.sourceColumn, entityColumn: entityName, castEntityTo: needsCast ? key.dtype : null };
}

function assertUniqueOutputs(entityColumns: EntityColumn[], joins: ViewJoin[], requests: FeatureRequest[]): void {
  const owner = new Map<string, string>(entityColumns.map((c) => [c.name, `the entity table's column '${c.name}'`]));
  joins.forEach((join, i) => {
    const request = requests[i];
    join.features.forEach((feature, f) => {
      const ref = `'${request?.view.name}:${request?.features[f]}'${request && request.outputPrefix !== request.view.name ? ` (as '${request.outputPrefix}')` : ""}`;
      const clash = owner.get(feature.outputName);
      if (clash) {
        throw new PantryError(
          "CONFLICT",
          `output column '${feature.outputName}' would come from both ${clash} and feature ${ref}; pass fullFeatureNames: true (--full-feature-names) or give the projection an alias`,
          { column: feature.outputName },
        );
      }
      owner.set(feature.outputName, `feature ${ref}`);
    });
  });
}
