/**
 * Entity rows given as JS objects: their columns (in order of first appearance) and a dtype per
 * column inferred from the values, so both stores create the same typed table.
 */
import type { Dtype, ScalarDtype } from "../definitions/types";
import { PantryError } from "../errors";
import type { EntityColumn } from "./build-plan";

export const ENTITY_ROWS_LABEL = "the entity rows";

export function entityRowColumns(rows: Record<string, unknown>[]): EntityColumn[] {
  if (rows.length === 0) {
    throw new PantryError(
      "INVALID_ARGUMENT",
      "the entity rows are empty; give at least one row with join keys and event_timestamp",
    );
  }
  const names: string[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    for (const name of Object.keys(row)) {
      if (!seen.has(name)) {
        seen.add(name);
        names.push(name);
      }
    }
  }
  return names.map((name) => {
    const dtype = inferColumnDtype(rows.map((row) => row[name]));
    return { name, dtype, rawType: dtype };
  });
}

function scalarDtypeOf(value: unknown): ScalarDtype | "Integer" {
  if (value instanceof Date) return "UnixTimestamp";
  if (value instanceof Uint8Array) return "Bytes";
  switch (typeof value) {
    case "boolean":
      return "Bool";
    case "bigint":
      return "Integer";
    case "number":
      return Number.isSafeInteger(value) ? "Integer" : "Float64";
    case "string":
      return "String";
    default:
      return "Json";
  }
}

/** One dtype for a column: integers widen to Float64 next to floats; anything else mixed is text. */
export function inferColumnDtype(values: unknown[]): Dtype {
  const kinds = new Set<string>();
  let arrayValues: unknown[] | null = null;
  for (const value of values) {
    if (value === null || value === undefined) continue;
    if (Array.isArray(value)) {
      arrayValues = [...(arrayValues ?? []), ...value];
      kinds.add("Array");
    } else {
      kinds.add(scalarDtypeOf(value));
    }
  }
  if (kinds.size === 1 && kinds.has("Array") && arrayValues) {
    const inner = inferColumnDtype(arrayValues);
    return inner.startsWith("Array(") ? "Json" : `Array(${inner as ScalarDtype})`;
  }
  const only = [...kinds];
  if (only.length === 0) return "String";
  if (only.length === 1) return only[0] === "Integer" ? "Int64" : (only[0] as Dtype);
  if (only.every((kind) => kind === "Integer" || kind === "Float64")) return "Float64";
  return "String";
}
