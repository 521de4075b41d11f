/**
 * Entity rows as columns, checked against a plan: every needed join key and request field is
 * present in every row, with a value of the right type, and there are not too many rows.
 * Errors name the column, the row and the views that need it (HTTP 400 / 413).
 */
import { PantryError } from "../errors";
import type { ServingPlan } from "./plan";
import { describeValue, dtypeWord, fitsDtype } from "../transforms/value-checks";

export interface OnlineEntities {
  rowCount: number;
  columns: Map<string, unknown[]>;
}

/** The SDK's row-major entityRows. */
export function entityInputFromRows(rows: readonly Record<string, unknown>[]): OnlineEntities {
  if (!Array.isArray(rows))
    throw new PantryError("INVALID_ARGUMENT", "entityRows must be an array of objects like { driver_id: 1001 }");
  const columns = new Map<string, unknown[]>();
  rows.forEach((row, i) => {
    if (row === null || typeof row !== "object" || Array.isArray(row)) {
      throw new PantryError(
        "INVALID_ARGUMENT",
        `entity row ${i} is ${describeValue(row)}; each entity row is an object like { driver_id: 1001 }`,
      );
    }
    for (const [name, value] of Object.entries(row)) {
      let column = columns.get(name);
      if (!column) {
        column = new Array<unknown>(rows.length).fill(undefined);
        columns.set(name, column);
      }
      column[i] = value;
    }
  });
  return { rowCount: rows.length, columns };
}

/** Feast's column-major `entities: {driver_id: [1001, 1002]}`. */
export function entityInputFromColumns(entities: unknown): OnlineEntities {
  if (entities === null || typeof entities !== "object" || Array.isArray(entities)) {
    throw new PantryError(
      "INVALID_ARGUMENT",
      `'entities' must be an object of columns like {"driver_id": [1001, 1002]}`,
    );
  }
  const columns = new Map<string, unknown[]>();
  let rowCount: number | null = null;
  for (const [name, column] of Object.entries(entities as Record<string, unknown>)) {
    if (!Array.isArray(column)) {
      throw new PantryError(
        "INVALID_ARGUMENT",
        `entities.${name} must be an array of values (one per entity row), got ${describeValue(column)}`,
        {
          column: name,
        },
      );
    }
    if (rowCount !== null && column.length !== rowCount) {
      throw new PantryError(
        "INVALID_ARGUMENT",
        `entity columns differ in length: '${name}' has ${column.length} values, others have ${rowCount}`,
        {
          column: name,
        },
      );
    }
    rowCount = column.length;
    columns.set(name, column);
  }
  return { rowCount: rowCount ?? 0, columns };
}

export function checkEntityInput(plan: ServingPlan, input: OnlineEntities, maxEntities: number): void {
  if (input.rowCount > maxEntities) {
    throw new PantryError(
      "PAYLOAD_TOO_LARGE",
      `${input.rowCount} entity rows requested; this server answers at most ${maxEntities} per request (feature_server.max_entities)`,
      { limit: maxEntities, requested: input.rowCount },
    );
  }
  for (const needed of plan.entityColumns) {
    const column = input.columns.get(needed.name);
    const who = `needed by ${needed.views.map((v) => `'${v}'`).join(", ")}`;
    if (!column) {
      const given = [...input.columns.keys()];
      throw new PantryError(
        "INVALID_ARGUMENT",
        `missing join key '${needed.name}' (${who}); the entities given are: ${given.length ? given.join(", ") : "none"}`,
        { joinKey: needed.name },
      );
    }
    for (let i = 0; i < input.rowCount; i++) {
      const value = column[i];
      if (value === null || value === undefined) {
        throw new PantryError(
          "INVALID_ARGUMENT",
          `entity row ${i} has no value for join key '${needed.name}' (${who})`,
          { joinKey: needed.name, row: i },
        );
      }
      if (!fitsDtype(needed.dtype, value)) {
        throw new PantryError(
          "INVALID_ARGUMENT",
          `join key '${needed.name}' must be ${dtypeWord(needed.dtype)}, but entity row ${i} has ${describeValue(value)}`,
          { joinKey: needed.name, row: i, expected: needed.dtype },
        );
      }
    }
  }
  for (const field of plan.requestFields) {
    const column = input.columns.get(field.name);
    if (!column) {
      throw new PantryError(
        "INVALID_ARGUMENT",
        `missing request data '${field.name}' needed by on-demand feature view '${field.view}'; pass it with the entities`,
        { requestField: field.name },
      );
    }
    for (let i = 0; i < input.rowCount; i++) {
      const value = column[i];
      if (value !== null && value !== undefined && !fitsDtype(field.dtype, value)) {
        throw new PantryError(
          "INVALID_ARGUMENT",
          `request data '${field.name}' must be ${dtypeWord(field.dtype)}, but entity row ${i} has ${describeValue(value)}`,
          { requestField: field.name, row: i },
        );
      }
    }
  }
}
