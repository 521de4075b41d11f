/**
 * The three shapes of entity table a user can give, classified once with the checks that do not
 * need a database (the file exists, its extension says CSV or Parquet).
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { PantryError } from "../errors";
import { fileFormatOf, type OutputFormat } from "./atomic-file";
import { ENTITY_ROWS_LABEL } from "./entity-rows";
import type { EntityDfInput } from "./types";

export type EntityInput =
  | { kind: "rows"; rows: Record<string, unknown>[]; label: string }
  | { kind: "file"; path: string; format: OutputFormat; label: string }
  | { kind: "sql"; sql: string; label: string };

export function classifyEntityInput(input: EntityDfInput): EntityInput {
  if (Array.isArray(input)) return { kind: "rows", rows: input, label: ENTITY_ROWS_LABEL };
  if (typeof input === "string") return classifyEntityFile(input);
  if (input && typeof input === "object" && typeof input.sql === "string" && input.sql.trim() !== "") {
    return { kind: "sql", sql: input.sql, label: "the entity SQL query" };
  }
  throw new PantryError("INVALID_ARGUMENT", "entityDf must be rows, a .csv/.parquet path, or { sql }");
}

function classifyEntityFile(given: string): EntityInput {
  const path = resolve(given);
  const format = fileFormatOf(path);
  if (format === null) {
    throw new PantryError(
      "INVALID_ARGUMENT",
      `entity file ${given} is neither CSV nor Parquet; give a .csv or .parquet file`,
      { path: given },
    );
  }
  if (!existsSync(path)) {
    throw new PantryError("NOT_FOUND", `entity file ${path} does not exist`, { path });
  }
  return { kind: "file", path, format, label: `entity file ${path}` };
}
