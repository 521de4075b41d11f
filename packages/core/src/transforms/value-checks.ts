/**
 * Does a value from a request (JSON or the SDK) fit a dtype? Strict across kinds: the string
 * "1001" is not an Int64 (it would silently miss every stored key), an integer is a valid float.
 */
import { elementDtype, isArrayDtype } from "../definitions/dtype";
import type { Dtype, ScalarDtype } from "../definitions/types";

const SCALAR_CHECKS: Record<ScalarDtype, (value: unknown) => boolean> = {
  Int32: (v) => (typeof v === "number" && Number.isInteger(v) && Math.abs(v) <= 2 ** 31) || typeof v === "bigint",
  Int64: (v) => (typeof v === "number" && Number.isInteger(v)) || typeof v === "bigint",
  Float32: (v) =>
    typeof v === "number" || typeof v === "bigint" || v === "NaN" || v === "Infinity" || v === "-Infinity",
  Float64: (v) =>
    typeof v === "number" || typeof v === "bigint" || v === "NaN" || v === "Infinity" || v === "-Infinity",
  String: (v) => typeof v === "string",
  Bytes: (v) => typeof v === "string" || v instanceof Uint8Array,
  Bool: (v) => typeof v === "boolean",
  UnixTimestamp: (v) =>
    v instanceof Date || typeof v === "number" || (typeof v === "string" && !Number.isNaN(Date.parse(v))),
  Json: () => true,
};

/** True when `value` (non-null) fits `dtype`; a null dtype (unknown) accepts numbers, strings, booleans. */
export function fitsDtype(dtype: Dtype | null, value: unknown): boolean {
  if (dtype === null)
    return (
      typeof value === "number" || typeof value === "string" || typeof value === "boolean" || typeof value === "bigint"
    );
  const check = SCALAR_CHECKS[elementDtype(dtype)];
  if (!isArrayDtype(dtype)) return check(value);
  return Array.isArray(value) && value.every((v) => v === null || check(v));
}

export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value === "string")
    return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value)}`;
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  return `${typeof value} ${String(value)}`;
}

/** "an integer" / "a string" for messages. */
export function dtypeWord(dtype: Dtype | null): string {
  if (dtype === null) return "a number, string or boolean";
  if (isArrayDtype(dtype)) return `an array of ${dtypeWord(elementDtype(dtype))}`;
  switch (elementDtype(dtype)) {
    case "Int32":
    case "Int64":
      return `an integer (${dtype})`;
    case "Float32":
    case "Float64":
      return `a number (${dtype})`;
    case "String":
      return "a string";
    case "Bool":
      return "a boolean";
    case "Bytes":
      return "base64 text (Bytes)";
    case "UnixTimestamp":
      return "a timestamp";
    default:
      return "JSON";
  }
}
