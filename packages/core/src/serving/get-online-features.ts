/**
 * Online retrieval: plan (cached) -> check the entities -> one online store read for every view
 * and key -> statuses (PRESENT, NULL_VALUE, NOT_FOUND, OUTSIDE_MAX_AGE when ttl > 0 and
 * now - event_ts > ttl) -> on-demand views computed row by row from their inputs and request data.
 */
import { PantryError } from "../errors";
import type { OnlineStore, OnlineValue } from "../online/types";
import { checkEntityInput, type OnlineEntities } from "./entity-input";
import { castOutput, runTransformation } from "../transforms/on-demand";
import { type PlanRead, planFor, type ServingPlan } from "./plan";
import { type FeatureStatus, type OnlineColumn, OnlineFeaturesResponse } from "./response";
import type { ServingIndex } from "./serving-index";

export interface OnlineRetrievalOptions {
  index: ServingIndex;
  onlineStore: OnlineStore;
  /** Feature refs ("view:feature") or the name of a feature service. */
  features: readonly string[] | string;
  entities: OnlineEntities;
  fullFeatureNames?: boolean;
  maxEntities?: number;
  now?: number;
  /**
   * Values older than their view's ttl: "value" (the default, as Feast's Go and Java servers)
   * returns them with status OUTSIDE_MAX_AGE; "null" withholds the value (the status is the same).
   */
  outsideMaxAge?: OutsideMaxAge;
}

/** `online_store.outside_max_age` in feature_store.yaml. */
export type OutsideMaxAge = "value" | "null";

export interface OnlineRetrieval {
  response: OnlineFeaturesResponse;
  plan: ServingPlan;
}

/** Statuses and values of one read for one row, after the max-age check. */
interface Cell {
  values: Record<string, unknown> | null;
  status: FeatureStatus;
  ms: number;
}

const NOT_FOUND: Cell = { values: null, status: "NOT_FOUND", ms: 0 };

export async function retrieveOnlineFeatures(options: OnlineRetrievalOptions): Promise<OnlineRetrieval> {
  const { index, entities } = options;
  const plan = planFor(index, options.features, options.fullFeatureNames ?? false);
  checkEntityInput(plan, entities, options.maxEntities ?? Number.POSITIVE_INFINITY);
  const now = options.now ?? Date.now();
  const n = entities.rowCount;

  const stored = await options.onlineStore.read(
    plan.reads.map((read) => ({
      project: index.project,
      view: read.view.spec,
      features: read.features,
      joinKeys: read.view.joinKeys.map((k) => k.name),
      entityKeys: entityKeysOf(read, entities),
    })),
  );
  const withhold = options.outsideMaxAge === "null";
  const cells = plan.reads.map((read, r) => toCells(read, stored[r] ?? [], n, now, withhold));
  const onDemand = plan.onDemand.map((_, o) => computeOnDemand(plan, o, cells, entities));

  const columns: OnlineColumn[] = [];
  for (const column of plan.entityColumns) {
    columns.push({
      name: column.name,
      values: entities.columns.get(column.name) ?? [],
      statuses: new Array<FeatureStatus>(n).fill("PRESENT"),
      eventTimestampsMs: new Array<number>(n).fill(0),
    });
  }
  for (const output of plan.outputs) {
    const values = new Array<unknown>(n);
    const statuses = new Array<FeatureStatus>(n);
    const eventTimestampsMs = new Array<number>(n);
    if (output.source.kind === "read") {
      const rows = cells[output.source.index] as Cell[];
      for (let i = 0; i < n; i++) {
        const cell = rows[i] as Cell;
        const value = cell.values === null ? null : (cell.values[output.source.feature] ?? null);
        values[i] = value;
        statuses[i] = cell.status === "PRESENT" && value === null ? "NULL_VALUE" : cell.status;
        eventTimestampsMs[i] = cell.ms;
      }
    } else {
      const computed = onDemand[output.source.index] as OnDemandResult;
      for (let i = 0; i < n; i++) {
        const value = computed.rows[i]?.[output.source.feature] ?? null;
        values[i] = value;
        statuses[i] = value === null ? "NULL_VALUE" : "PRESENT";
        // Computed now, from no stored row: the epoch, as Feast's servers say for on-demand outputs.
        eventTimestampsMs[i] = 0;
      }
    }
    columns.push({ name: output.name, values, statuses, eventTimestampsMs });
  }
  return { response: new OnlineFeaturesResponse(columns, plan.deprecations, n), plan };
}

function entityKeysOf(read: PlanRead, entities: OnlineEntities): unknown[][] {
  const sources = read.columns.map((name) => entities.columns.get(name) ?? []);
  const keys = new Array<unknown[]>(entities.rowCount);
  for (let i = 0; i < entities.rowCount; i++) keys[i] = sources.map((column) => column[i]);
  return keys;
}

function toCells(read: PlanRead, rows: (OnlineValue | null)[], n: number, now: number, withhold: boolean): Cell[] {
  const ttlMs = read.view.spec.ttlSeconds * 1000;
  const cells = new Array<Cell>(n);
  for (let i = 0; i < n; i++) {
    const row = rows[i];
    if (!row) {
      cells[i] = NOT_FOUND;
      continue;
    }
    const ms = row.eventTimestamp.getTime();
    // Stale values are served with the status, as Feast's Go and Java servers do: the client
    // decides. `outside_max_age: "null"` withholds them instead.
    cells[i] =
      ttlMs > 0 && now - ms > ttlMs
        ? { values: withhold ? null : row.values, status: "OUTSIDE_MAX_AGE", ms }
        : { values: row.values, status: "PRESENT", ms };
  }
  return cells;
}

interface OnDemandResult {
  rows: (Record<string, unknown> | null)[];
}

function computeOnDemand(plan: ServingPlan, o: number, cells: Cell[][], entities: OnlineEntities): OnDemandResult {
  const { view, inputs } = plan.onDemand[o] as ServingPlan["onDemand"][number];
  const transform = view.transform;
  if (!transform)
    throw new PantryError("FAILED_PRECONDITION", view.problem ?? `on-demand feature view '${view.name}' cannot run`);
  const n = entities.rowCount;
  const rows = new Array<Record<string, unknown> | null>(n);
  const requestColumns = view.requestFields.map((f) => [f.name, entities.columns.get(f.name) ?? []] as const);
  for (let i = 0; i < n; i++) {
    const row: Record<string, unknown> = {};
    for (const input of inputs) {
      const cell = (cells[input.read] as Cell[])[i] as Cell;
      for (const feature of input.features) {
        const value = cell.values?.[feature] ?? null;
        row[`${input.view}__${feature}`] = value;
        if (!(feature in row)) row[feature] = value;
      }
    }
    for (const [name, column] of requestColumns) row[name] = column[i] ?? null;
    // The same run and casts as historical retrieval: training and serving see the same values.
    const where = `entity row ${i}`;
    const out = runTransformation(view.name, transform, row, where);
    if (out === null) {
      rows[i] = null;
    } else {
      const cast: Record<string, unknown> = {};
      for (const field of view.spec.schema) cast[field.name] = castOutput(view.name, field, out[field.name], where);
      rows[i] = cast;
    }
  }
  return { rows };
}
