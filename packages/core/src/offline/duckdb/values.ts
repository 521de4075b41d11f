/** DuckDB values <-> plain JS, the same on both stores (PostgreSQL results come back through DuckDB). */
import type { DuckDBType, DuckDBValue } from "@duckdb/node-api";
import { duckdb } from "./api";
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

const scalarType = (dtype: ScalarDtype): DuckDBType => {
  const { BIGINT, BLOB, BOOLEAN, DOUBLE, FLOAT, INTEGER, TIMESTAMPTZ, VARCHAR } = duckdb();
  const types: Record<ScalarDtype, DuckDBType> = {
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
  return types[dtype];
};

export function duckTypeFor(dtype: Dtype): DuckDBType {
  const inner = scalarType(elementDtype(dtype));
  return isArrayDtype(dtype) ? duckdb().LIST(inner) : inner;
}

export function dateToTimestampTZ(date: Date): DuckDBValue {
  return duckdb().timestampTZValue(BigInt(date.getTime()) * 1000n);
}

function scalarToDuck(value: unknown, dtype: ScalarDtype): DuckDBValue {
  switch (dtype) {
    case "Int32":
      return Number(value);
    case "Int64":
      if (typeof value === "bigint") return value;
      // PostgreSQL's int8 arrives as text: BigInt keeps all 64 bits.
      return typeof value === "string" ? BigInt(value) : BigInt(Math.trunc(Number(value)));
    case "Float32":
    case "Float64":
      return Number(value);
    case "Bool":
      return Boolean(value);
    case "Bytes":
      return duckdb().blobValue(value instanceof Uint8Array ? value : new TextEncoder().encode(String(value)));
    case "UnixTimestamp":
      if (value instanceof Date) return dateToTimestampTZ(value);
      return timestampTZFromText(String(value));
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
    return duckdb().listValue(
      (Array.isArray(value) ? value : [value]).map((item) => (item == null ? null : scalarToDuck(item, inner))),
    );
  }
  return scalarToDuck(value, elementDtype(dtype));
}

const TIMESTAMP_TEXT =
  /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * Microseconds since the epoch from ISO 8601 / PostgreSQL timestamp text. JS Dates stop at
 * milliseconds; training data must keep microseconds. Naive text is UTC. null when not a timestamp.
 */
export function parseTimestampMicros(text: string): bigint | null {
  const match = TIMESTAMP_TEXT.exec(text.trim());
  if (!match) return null;
  const [, y, mo, d, h = "0", mi = "0", s = "0", fraction = "", zone] = match;
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  const micros = BigInt(ms) * 1000n + BigInt(fraction.padEnd(6, "0").slice(0, 6));
  return micros - BigInt(zoneOffsetMinutes(zone)) * 60_000_000n;
}

function zoneOffsetMinutes(zone: string | undefined): number {
  if (!zone || zone.toUpperCase() === "Z") return 0;
  const sign = zone.startsWith("-") ? -1 : 1;
  const digits = zone.slice(1).replace(":", "");
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || "0"));
}

function timestampTZFromText(text: string): DuckDBValue {
  const micros = parseTimestampMicros(text);
  if (micros !== null) return duckdb().timestampTZValue(micros);
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? null : dateToTimestampTZ(date);
}

/** A Date (milliseconds) from timestamp text, for callers that want JS dates. */
export function dateFromText(text: string): Date | null {
  const micros = parseTimestampMicros(text);
  if (micros !== null) return new Date(Number(micros / 1000n));
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? null : date;
}
