/**
 * Resolved feature requests + the entity table's columns -> a PitPlan, with every user mistake
 * caught here, before any join runs (missing timestamp column, missing join key, name clash).
 */
import type { DataSourceSpec, Dtype } from "../definitions/types";
import { didYouMean, PantryError } from "../errors";
import { isTimestampLike, keysComparable } from "./dtype-mapping";
import { ENTITY_TIMESTAMP_INPUT, type PitPlan, type SourceRelation, type ViewJoin } from "./sql/plan";
import type { FeatureRequest, OnDemandRequest, SourceColumn } from "./types";
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
  /** On-demand views computed after the join: their outputs must not clash with the join's. */
  onDemand?: OnDemandRequest[];
}

export function buildPitPlan(input: BuildPlanInput): PitPlan {
  assertEntityColumns(input.entityColumns, input.entityLabel);
  const joins = input.requests.map((request, i) => buildViewJoin(request, i, input));
  assertUniqueOutputs(input, joins);
  return {
    entity: { table: input.entityTable, columns: input.entityColumns.map((c) => c.name) },
    joins,
    filterByCreatedTimestamp: input.filterByCreatedTimestamp,
  };
}

export function outputName(
  request: Pick<FeatureRequest, "outputPrefix">,
  feature: string,
  fullFeatureNames: boolean,
): string {
  return fullFeatureNames ? `${request.outputPrefix}__${feature}` : feature;
}

/**
 * The hidden column holding an input feature of requests[index]. The reserved prefix cannot
 * clash with an entity column (refused above) and the index keeps two joins of a view apart.
 */
export function inputColumnName(index: number, feature: string): string {
  return `${RESERVED_PREFIX}input_${index}__${feature}`;
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

function buildViewJoin(request: FeatureRequest, index: number, input: BuildPlanInput): ViewJoin {
  const inputFeatures = request.inputFeatures ?? [];
  const read = resolveViewRead({
    view: request.view,
    source: request.source,
    entities: request.entities,
    features: [...request.features, ...inputFeatures],
    rawColumns: input.rawColumnsOf(request.source),
    relation: input.relationOf(request.source),
  });
  return {
    label: request.outputPrefix,
    source: read.source,
    eventTimestampColumn: read.eventTimestampColumn,
    createdTimestampColumn: read.createdTimestampColumn,
    keys: read.keys.map((key) => keyJoin(request, key, input)),
    // The requested features first (assertUniqueOutputs counts on it), then the hidden inputs.
    features: read.features.map((feature, f) => ({
      sourceColumn: feature.sourceColumn,
      outputName:
        f < request.features.length
          ? outputName(request, feature.name, input.fullFeatureNames)
          : inputColumnName(index, feature.name),
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

function assertUniqueOutputs(input: BuildPlanInput, joins: ViewJoin[]): void {
  const owner = new Map<string, string>(
    input.entityColumns.map((c) => [c.name, `the entity table's column '${c.name}'`]),
  );
  const claim = (name: string, ref: string) => {
    const clash = owner.get(name);
    if (clash) {
      throw new PantryError(
        "CONFLICT",
        `output column '${name}' would come from both ${clash} and feature ${ref}; ${
          input.fullFeatureNames
            ? "give one of the projections an alias (with_name), which renames its columns alias__feature"
            : "pass fullFeatureNames: true (--full-feature-names), which names the columns view__feature (or alias__feature)"
        }`,
        { column: name },
      );
    }
    owner.set(name, `feature ${ref}`);
  };
  input.requests.forEach((request, i) => {
    request.features.forEach((feature, f) => {
      claim(joins[i]?.features[f]?.outputName ?? feature, featureRef(request, feature));
    });
  });
  for (const onDemand of input.onDemand ?? []) {
    for (const feature of onDemand.features) {
      claim(outputName(onDemand, feature, input.fullFeatureNames), featureRef(onDemand, feature));
    }
  }
}

/** 'view:feature', with the alias when there is one. */
function featureRef(request: { view: { name: string }; outputPrefix: string }, feature: string): string {
  const alias = request.outputPrefix !== request.view.name ? ` (as '${request.outputPrefix}')` : "";
  return `'${request.view.name}:${feature}'${alias}`;
}
