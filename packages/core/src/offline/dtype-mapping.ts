/**
 * Engine column types -> Pantry dtypes, and which source dtypes may feed a declared feature dtype.
 * Lenient where data tools are habitually loose (pandas writes int64 for every integer and
 * float64 for every float), strict across kinds (a VARCHAR column never feeds an Int64 feature).
 */
import { elementDtype, isArrayDtype } from "../definitions/dtype";
import type { Dtype, ScalarDtype } from "../definitions/types";

const DUCKDB_SCALARS: [RegExp, ScalarDtype][] = [
  [/^(BIGINT|HUGEINT|UBIGINT|UHUGEINT|UINTEGER|INT8|LONG)$/, "Int64"],
  [/^(INTEGER|INT|INT4|SMALLINT|TINYINT|USMALLINT|UTINYINT)$/, "Int32"],
  [/^(DOUBLE|FLOAT8|DECIMAL(\(.*\))?|NUMERIC(\(.*\))?)$/, "Float64"],
  [/^(FLOAT|REAL|FLOAT4)$/, "Float32"],
  [/^(VARCHAR|TEXT|STRING|UUID|CHAR|BPCHAR)$/, "String"],
  [/^(BLOB|BYTEA|VARBINARY)$/, "Bytes"],
  [/^(BOOLEAN|BOOL)$/, "Bool"],
  [/^(TIMESTAMP.*|DATE|DATETIME)$/, "UnixTimestamp"],
  [/^JSON$/, "Json"],
];

const POSTGRES_SCALARS: [RegExp, ScalarDtype][] = [
  [/^(bigint|int8)$/, "Int64"],
  [/^(integer|int4|int|smallint|int2)$/, "Int32"],
  [/^(double precision|float8|numeric(\(.*\))?|decimal(\(.*\))?)$/, "Float64"],
  [/^(real|float4)$/, "Float32"],
  [/^(text|character varying(\(.*\))?|varchar(\(.*\))?|character(\(.*\))?|char(\(.*\))?|bpchar|name|uuid)$/, "String"],
  [/^bytea$/, "Bytes"],
  [/^(boolean|bool)$/, "Bool"],
  [/^(timestamp.*|date)$/, "UnixTimestamp"],
  [/^(json|jsonb)$/, "Json"],
];

function mapType(raw: string, table: [RegExp, ScalarDtype][], arraySuffix: RegExp): Dtype | null {
  const text = raw.trim();
  const array = arraySuffix.exec(text);
  const scalarText = array ? (array[1] ?? "") : text;
  const scalar = table.find(([pattern]) => pattern.test(scalarText))?.[1] ?? null;
  if (scalar === null) return null;
  return array ? `Array(${scalar})` : scalar;
}

export function duckdbTypeToDtype(raw: string): Dtype | null {
  return mapType(raw.toUpperCase(), DUCKDB_SCALARS, /^(.*)\[\d*\]$/);
}

export function postgresTypeToDtype(raw: string): Dtype | null {
  return mapType(raw.toLowerCase(), POSTGRES_SCALARS, /^(.*)\[\]$/);
}

type Kind = "integer" | "float" | "string" | "bytes" | "bool" | "timestamp" | "json";
const KIND: Record<ScalarDtype, Kind> = {
  Int32: "integer",
  Int64: "integer",
  Float32: "float",
  Float64: "float",
  String: "string",
  Bytes: "bytes",
  Bool: "bool",
  UnixTimestamp: "timestamp",
  Json: "json",
};

function scalarCompatible(declared: ScalarDtype, actual: ScalarDtype): boolean {
  const want = KIND[declared];
  const have = KIND[actual];
  if (want === have) return true;
  if (want === "float" && have === "integer") return true;
  // JSON often lives in text columns.
  return want === "json" && have === "string";
}

/** Can a column of dtype `actual` feed a feature declared as `declared`? */
export function isCompatibleDtype(declared: Dtype, actual: Dtype): boolean {
  if (isArrayDtype(declared) !== isArrayDtype(actual)) return false;
  return scalarCompatible(elementDtype(declared), elementDtype(actual));
}

/** Do two key columns compare without a cast (numbers with numbers, strings with strings)? */
export function keysComparable(a: Dtype, b: Dtype): boolean {
  const kind = (d: Dtype) => (isArrayDtype(d) ? "array" : KIND[elementDtype(d)]);
  const numeric = (k: string) => k === "integer" || k === "float";
  return kind(a) === kind(b) || (numeric(kind(a)) && numeric(kind(b)));
}

export function isTimestampLike(dtype: Dtype | null): boolean {
  // Text is accepted: CSV readers leave timestamps with mixed offsets as text, and the join casts.
  return dtype === "UnixTimestamp" || dtype === "String";
}
