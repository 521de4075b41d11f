/**
 * What a retrieval does after the point-in-time join when it asks for on-demand views: which
 * columns of the joined rows each transformation reads (under which row keys), what it writes,
 * and the output columns in the order they were asked for. No database here: both stores run
 * the step on DuckDB (offline/duckdb/on-demand-step.ts).
 */
import type { Dtype, FieldSpec } from "../definitions/types";
import { didYouMean, PantryError } from "../errors";
import type { RowTransform } from "../transforms/on-demand";
import { type BuildPlanInput, buildPitPlan, inputColumnName, outputName } from "./build-plan";
import { outputColumns, type PitPlan } from "./sql/plan";
import type { FeatureRequest, OnDemandRequest } from "./types";

/** A column of the joined rows read for the transformations; request fields are cast to their dtype. */
export interface StepRead {
  column: string;
  castTo: Dtype | null;
}

export interface StepView {
  name: string;
  transform: RowTransform;
  /** The row the transformation sees: key -> index into OnDemandStep.reads. */
  rowKeys: { key: string; read: number }[];
  /** Requested outputs: the output column each fills, and its index in OnDemandStep.computed. */
  outputs: { field: FieldSpec; column: string; slot: number }[];
}

export interface OnDemandStep {
  /** For error messages: "row 3 of entity file /data/entities.csv". */
  entityLabel: string;
  reads: StepRead[];
  views: StepView[];
  /** The output, in order: columns of the joined rows, or computed by a view. */
  output: { name: string; computed: boolean }[];
  /** The computed columns with their dtypes, in output order. */
  computed: { name: string; dtype: Dtype }[];
}

export interface RetrievalPlan {
  pit: PitPlan;
  /** null when no on-demand view is asked for: the join's result is the output. */
  onDemand: OnDemandStep | null;
  columns: string[];
  views: string[];
}

/** The join plan, plus the on-demand step when there is one; every user mistake is caught here. */
export function buildRetrievalPlan(input: BuildPlanInput): RetrievalPlan {
  const pit = buildPitPlan(input);
  const onDemand = input.onDemand ?? [];
  const views = outputViews(input.requests, onDemand);
  if (onDemand.length === 0) return { pit, onDemand: null, columns: outputColumns(pit), views };
  const step = buildOnDemandStep(input, onDemand);
  return { pit, onDemand: step, columns: step.output.map((c) => c.name), views };
}

function outputViews(requests: FeatureRequest[], onDemand: OnDemandRequest[]): string[] {
  const prefixes = slotted(
    requests,
    onDemand,
    (request) => (request.features.length > 0 ? [request.outputPrefix] : []),
    (view) => [view.outputPrefix],
  );
  return [...new Set(prefixes)];
}

/** Items of each request, with each on-demand view's items slotted in at its position. */
function slotted<T>(
  requests: FeatureRequest[],
  onDemand: OnDemandRequest[],
  ofRequest: (request: FeatureRequest) => T[],
  ofOnDemand: (view: OnDemandRequest) => T[],
): T[] {
  const items: T[] = [];
  for (let slot = 0; slot <= requests.length; slot++) {
    for (const view of onDemand) if (view.position === slot) items.push(...ofOnDemand(view));
    const request = requests[slot];
    if (request) items.push(...ofRequest(request));
  }
  return items;
}

function buildOnDemandStep(input: BuildPlanInput, onDemand: OnDemandRequest[]): OnDemandStep {
  const reads: StepRead[] = [];
  const readIndex = (column: string, castTo: Dtype | null) => {
    const known = reads.findIndex((read) => read.column === column);
    if (known >= 0) return known;
    reads.push({ column, castTo });
    return reads.length - 1;
  };
  const views = onDemand.map((view): StepView => {
    for (const field of view.requestFields) assertRequestColumn(input, view, field.name);
    return {
      name: view.view.name,
      transform: view.transform,
      rowKeys: rowKeys(view, input, readIndex),
      outputs: view.features.map((feature) => ({
        field: fieldOf(view, feature),
        column: outputName(view, feature, input.fullFeatureNames),
        slot: -1,
      })),
    };
  });
  const output = [
    ...input.entityColumns.map((column) => ({ name: column.name, computed: false })),
    ...slotted(
      input.requests,
      onDemand,
      (request) =>
        request.features.map((f) => ({ name: outputName(request, f, input.fullFeatureNames), computed: false })),
      (view) => view.features.map((f) => ({ name: outputName(view, f, input.fullFeatureNames), computed: true })),
    ),
  ];
  // Output names are unique (buildPitPlan checked), so a computed column is found by its name.
  const computedNames = output.filter((column) => column.computed).map((column) => column.name);
  const computed: OnDemandStep["computed"] = [];
  for (const view of views) {
    for (const out of view.outputs) {
      out.slot = computedNames.indexOf(out.column);
      computed[out.slot] = { name: out.column, dtype: out.field.dtype };
    }
  }
  return { entityLabel: input.entityLabel, reads, views, output, computed };
}

/**
 * The keys of the row a transformation sees, exactly as online serving builds it: each input
 * feature as `view__feature` and as `feature` (the first input of that name wins), then the
 * request fields (which win over everything).
 */
function rowKeys(
  view: OnDemandRequest,
  input: BuildPlanInput,
  readIndex: (column: string, castTo: Dtype | null) => number,
): StepView["rowKeys"] {
  const keys = new Map<string, number>();
  for (const { request, view: source, feature } of view.inputs) {
    const read = readIndex(joinedColumn(input, request, feature), null);
    keys.set(`${source}__${feature}`, read);
    if (!keys.has(feature)) keys.set(feature, read);
  }
  for (const field of view.requestFields) keys.set(field.name, readIndex(field.name, field.dtype));
  return [...keys].map(([key, read]) => ({ key, read }));
}

/** The joined column holding a feature of requests[index]: its output column, or a hidden one. */
function joinedColumn(input: BuildPlanInput, index: number, feature: string): string {
  const request = input.requests[index];
  if (request?.features.includes(feature)) return outputName(request, feature, input.fullFeatureNames);
  if (request?.inputFeatures?.includes(feature)) return inputColumnName(index, feature);
  throw new PantryError("INTERNAL", `no joined column holds '${feature}' of request ${index}`);
}

function fieldOf(view: OnDemandRequest, feature: string): FieldSpec {
  const field = view.view.schema.find((f) => f.name === feature);
  if (field) return field;
  const names = view.view.schema.map((f) => f.name);
  throw new PantryError(
    "NOT_FOUND",
    `on-demand feature view '${view.view.name}' has no feature '${feature}' (features: ${names.join(", ")})${didYouMean(feature, names)}`,
    { view: view.view.name, feature },
  );
}

function assertRequestColumn(input: BuildPlanInput, view: OnDemandRequest, field: string): void {
  if (input.entityColumns.some((column) => column.name === field)) return;
  const names = input.entityColumns.map((column) => column.name);
  throw new PantryError(
    "INVALID_ARGUMENT",
    `${input.entityLabel} has no column '${field}', a request field of on-demand feature view '${view.view.name}' (columns: ${names.join(", ")})${didYouMean(field, names)}; add the column to the entity table`,
    { column: field, view: view.view.name },
  );
}
