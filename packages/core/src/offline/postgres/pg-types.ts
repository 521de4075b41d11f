/** PostgreSQL type OIDs -> Pantry dtypes (what the landing table in DuckDB and describe use). */
import type { Dtype } from "../../definitions/types";

const OID_DTYPES: Record<number, Dtype> = {
  16: "Bool",
  17: "Bytes",
  18: "String",
  19: "String",
  20: "Int64",
  21: "Int32",
  23: "Int32",
  25: "String",
  114: "Json",
  700: "Float32",
  701: "Float64",
  1042: "String",
  1043: "String",
  1082: "UnixTimestamp",
  1114: "UnixTimestamp",
  1184: "UnixTimestamp",
  1700: "Float64",
  2950: "String",
  3802: "Json",
  1000: "Array(Bool)",
  1005: "Array(Int32)",
  1007: "Array(Int32)",
  1009: "Array(String)",
  1015: "Array(String)",
  1016: "Array(Int64)",
  1021: "Array(Float32)",
  1022: "Array(Float64)",
  1185: "Array(UnixTimestamp)",
};

/** null: a type Pantry has no dtype for (it lands as text). */
export function dtypeOfOid(oid: number): Dtype | null {
  return OID_DTYPES[oid] ?? null;
}

const INT8 = 20;
const INT8_ARRAY = 1016;
const TIMESTAMP_OIDS = new Set([1082, 1114, 1184]);

/** A value as pg-client returned it (int8 and timestamps as text) -> the plain JS the API promises. */
export function plainPgValue(value: unknown, oid: number, toDate: (text: string) => Date | null): unknown {
  if (value === null || value === undefined) return null;
  if (oid === INT8 && typeof value === "string") return safeInteger(value);
  if (oid === INT8_ARRAY && Array.isArray(value)) return value.map((v) => (typeof v === "string" ? safeInteger(v) : v));
  if (TIMESTAMP_OIDS.has(oid) && typeof value === "string") return toDate(value);
  return value;
}

function safeInteger(text: string): number | bigint {
  const big = BigInt(text);
  return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
}
