/** DuckDB values <-> plain JS, the same on both stores (PostgreSQL results come back through DuckDB). */
import {
  BIGINT,
  BLOB,
  blobValue,
  BOOLEAN,
  DOUBLE,
  type DuckDBType,
  type DuckDBValue,
  FLOAT,
  INTEGER,
  LIST,
  listValue,
  TIMESTAMPTZ,
  timestampTZValue,
  VARCHAR,
} from "@duckdb/node-api";
import { elementDtype, isArrayDtype } from "../../definitions/dtype";
import type { Dtype, ScalarDtype } from "../../definitions/types";

/**
 * Integers as numbers while exact (what JSON and most callers want), bigint beyond 2^53;
 * timestamps as Date; lists and structs recursively.
 */
export function toPlainValue(value: unknown): unknown {
  if (typeof value === "bigint") {
    return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
  }
  if (Array.isArray(value)) return value.map(toPlainValue);
  if (value !== null && typeof value === "object" && !(value instanceof Date) && !(value instanceof Uint8Array)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toPlainValue(v)]));
  }
  return value;
}

export function toPlainRow(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(row)) out[key] = toPlainValue(row[key]);
  return out;
}

const SCALAR_TYPES: Record<ScalarDtype, DuckDBType> = {
  Int32: INTEGER,
  Int64: BIGINT,
  Float32: FLOAT,
  Float64: DOUBLE,
  String: VARCHAR,
  Bytes: BLOB,
  Bool: BOOLEAN,
  UnixTimestamp: TIMESTAMPTZ,
  Json: VARCHAR,
};

export function duckTypeFor(dtype: Dtype): DuckDBType {
  const inner = SCALAR_TYPES[elementDtype(dtype)];
  return isArrayDtype(dtype) ? LIST(inner) : inner;
}

export function dateToTimestampTZ(date: Date): DuckDBValue {
  return timestampTZValue(BigInt(date.getTime()) * 1000n);
}

function scalarToDuck(value: unknown, dtype: ScalarDtype): DuckDBValue {
  switch (dtype) {
    case "Int32":
      return Number(value);
    case "Int64":
      return typeof value === "bigint" ? value : BigInt(Math.trunc(Number(value)));
    case "Float32":
    case "Float64":
      return Number(value);
    case "Bool":
      return Boolean(value);
    case "Bytes":
      return blobValue(value instanceof Uint8Array ? value : new TextEncoder().encode(String(value)));
    case "UnixTimestamp":
      return value instanceof Date ? dateToTimestampTZ(value) : dateToTimestampTZ(new Date(String(value)));
    case "Json":
      return typeof value === "string" ? value : JSON.stringify(value);
    case "String":
      if (typeof value === "string") return value;
      if (value instanceof Date) return value.toISOString();
      return typeof value === "object" ? JSON.stringify(value) : String(value);
  }
}

/** A JS value as the DuckDB value of the column's dtype (null stays null). */
export function toDuckValue(value: unknown, dtype: Dtype): DuckDBValue {
  if (value === null || value === undefined) return null;
  if (isArrayDtype(dtype)) {
    const inner = elementDtype(dtype);
    return listValue((Array.isArray(value) ? value : [value]).map((item) => (item == null ? null : scalarToDuck(item, inner))));
  }
  return scalarToDuck(value, elementDtype(dtype));
}
