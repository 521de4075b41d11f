import { PantryError } from "../errors";
import { type Dtype, SCALAR_DTYPES, type ScalarDtype } from "./types";

const SCALARS = new Set<string>(SCALAR_DTYPES);
const ALIASES: Record<string, ScalarDtype> = {
  int32: "Int32",
  int64: "Int64",
  float32: "Float32",
  float: "Float32",
  float64: "Float64",
  double: "Float64",
  string: "String",
  str: "String",
  bytes: "Bytes",
  bool: "Bool",
  boolean: "Bool",
  unixtimestamp: "UnixTimestamp",
  timestamp: "UnixTimestamp",
  json: "Json",
};

/** Accepts "Int64", "int64", "Array(Float32)", "Array<Float32>", "[Float32]". */
export function parseDtype(input: string): Dtype {
  const text = input.trim();
  const array = /^(?:Array\s*[(<]\s*(\w+)\s*[)>]|\[\s*(\w+)\s*\])$/i.exec(text);
  if (array) {
    const inner = normalizeScalar(array[1] ?? array[2] ?? "");
    if (inner) return `Array(${inner})`;
  } else {
    const scalar = normalizeScalar(text);
    if (scalar) return scalar;
  }
  throw new PantryError(
    "INVALID_ARGUMENT",
    `'${input}' is not a dtype; use one of ${SCALAR_DTYPES.join(", ")} or Array(<one of them>)`,
  );
}

function normalizeScalar(text: string): ScalarDtype | null {
  if (SCALARS.has(text)) return text as ScalarDtype;
  return ALIASES[text.toLowerCase()] ?? null;
}

export function isArrayDtype(dtype: Dtype): boolean {
  return dtype.startsWith("Array(");
}

export function elementDtype(dtype: Dtype): ScalarDtype {
  return (isArrayDtype(dtype) ? dtype.slice(6, -1) : dtype) as ScalarDtype;
}
