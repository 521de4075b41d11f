/**
 * Materialization's values, written by DuckDB as the online stores' stored text (value-codec.ts):
 * `{"feature": value, ...}` in schema order, with the codec's fix-ups (non-finite floats as the
 * strings "NaN"/"Infinity"/"-Infinity", Int64 beyond 2^53 as a decimal string). DuckDB formats the
 * numbers on its own threads, so the JavaScript thread neither converts ten feature columns nor
 * stringifies a row object per entity (most of its work at a million rows).
 *
 * Only where the result is certain to parse to the values the codec would have stored: each
 * feature's dtype against its source column's DuckDB type, from a fixed table. Anything else
 * (timestamps, bytes, JSON, arrays, decimals, a dtype that differs from its column) returns null
 * and the view is read as values, encoded by the store as before.
 */
import type { Dtype, FeatureViewSpec } from "../../definitions/types";
import type { SourceColumn } from "../types";
import type { ViewRead } from "../view-read";
import { duckdbDialect } from "../sql/dialects/duckdb";
import { sourceFeatureColumn } from "../sql/render-source";

export { ENCODED_VALUES_COLUMN } from "../latest-batches";

const SMALL_INTEGERS = new Set(["TINYINT", "SMALLINT", "INTEGER", "UTINYINT", "USMALLINT"]);
const INTEGERS = new Set([...SMALL_INTEGERS, "UINTEGER", "BIGINT"]);
const FLOATS = new Set(["DOUBLE", "FLOAT"]);
const MAX_SAFE = "9007199254740991";

/** `json_object(...)::VARCHAR` over the read's internal feature columns, or null when not certain. */
export function renderEncodedValues(
  read: ViewRead,
  view: FeatureViewSpec,
  rawColumns: readonly SourceColumn[],
): string | null {
  if (read.features.length === 0) return null;
  const dtypes = new Map(view.schema.map((field) => [field.name, field.dtype]));
  const types = new Map(rawColumns.map((column) => [column.name, column.rawType.toUpperCase()]));
  const pairs: string[] = [];
  for (const [f, feature] of read.features.entries()) {
    const dtype = dtypes.get(feature.name);
    const rawType = types.get(feature.sourceColumn);
    if (!dtype || !rawType) return null;
    const value = encodeExpression(duckdbDialect.quoteIdentifier(sourceFeatureColumn(f)), dtype, rawType);
    if (!value) return null;
    pairs.push(`${stringLiteral(feature.name)}, ${value}`);
  }
  return `json_object(${pairs.join(", ")})::VARCHAR`;
}

function encodeExpression(column: string, dtype: Dtype, rawType: string): string | null {
  switch (dtype) {
    case "Float64":
    case "Float32": {
      if (!FLOATS.has(rawType) && !INTEGERS.has(rawType)) return null;
      const x = `${column}::DOUBLE`;
      return [
        `CASE WHEN ${column} IS NULL THEN NULL`,
        `WHEN isfinite(${x}) THEN to_json(${x})`,
        `WHEN isnan(${x}) THEN to_json('NaN')`,
        `WHEN ${x} > 0 THEN to_json('Infinity')`,
        `ELSE to_json('-Infinity') END`,
      ].join(" ");
    }
    case "Int32":
      return SMALL_INTEGERS.has(rawType) ? `to_json(${column})` : null;
    case "Int64":
      if (rawType === "BIGINT") {
        return `CASE WHEN ${column} BETWEEN -${MAX_SAFE} AND ${MAX_SAFE} THEN to_json(${column}) ELSE to_json(${column}::VARCHAR) END`;
      }
      return INTEGERS.has(rawType) ? `to_json(${column})` : null;
    case "String":
      return rawType === "VARCHAR" ? `to_json(${column})` : null;
    case "Bool":
      return rawType === "BOOLEAN" ? `to_json(${column})` : null;
    default:
      return null;
  }
}

function stringLiteral(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}
