/**
 * Field mapping (source column -> feature/entity name) applied to the names a view uses.
 * Every lookup failure is a PantryError naming the column, the source and the fix.
 */
import type { DataSourceSpec } from "../definitions/types";
import { didYouMean, PantryError } from "../errors";
import type { SourceColumn } from "./types";

/** Human name of where a source's rows live. */
export function sourceLocation(source: DataSourceSpec): string {
  switch (source.type) {
    case "file":
      return `file ${source.path}`;
    case "postgres":
      return source.table ? `table ${source.table}` : `query of source '${source.name}'`;
    default:
      return `source '${source.name}'`;
  }
}

/** Raw column names after field mapping, in source order. */
export function mapColumns(source: DataSourceSpec, raw: SourceColumn[]): SourceColumn[] {
  return raw.map((column) => ({ ...column, name: source.fieldMapping[column.name] ?? column.name }));
}

/**
 * The raw source column behind a view-level name: the column mapped to it, else the column of that
 * name (timestamp fields are often given by their raw name).
 */
export function rawColumnFor(source: DataSourceSpec, name: string, raw: SourceColumn[], role: string): SourceColumn {
  const mappedFrom = Object.entries(source.fieldMapping).find(([, to]) => to === name)?.[0];
  const found = raw.find((c) => c.name === mappedFrom) ?? raw.find((c) => c.name === name);
  if (found) return found;
  const names = mapColumns(source, raw).map((c) => c.name);
  throw new PantryError(
    "NOT_FOUND",
    `${role} '${name}' is not a column of ${sourceLocation(source)} (columns: ${names.join(", ")})${didYouMean(name, names)}; fix the view's schema, the source's field_mapping, or the data`,
    { source: source.name, column: name },
  );
}
