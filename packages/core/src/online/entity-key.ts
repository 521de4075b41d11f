/**
 * Deterministic entity key text: join key names sorted, each value tagged with its kind, so
 * `{driver_id: 1001}` read from JSON and the BIGINT 1001n read from Parquet land on the same key,
 * while the string "1001" does not. Strings are JSON-quoted, which makes the encoding prefix-free:
 * (1, 12) and (11, 2) can never collide (the bug docs/DOMAIN.md warns about for CONCAT-ed keys).
 */
import { PantryError } from "../errors";

export function serializeEntityKey(joinKeys: readonly string[], values: readonly unknown[]): string {
  if (joinKeys.length === 1) return `${joinKeys[0]}=${encodeKeyValue(values[0], joinKeys[0] ?? "")}`;
  if (joinKeys.length === 0) return "";
  const order = joinKeys.map((_, i) => i).sort((a, b) => compare(joinKeys[a] ?? "", joinKeys[b] ?? ""));
  let text = "";
  for (const i of order) {
    if (text !== "") text += "&";
    text += `${joinKeys[i]}=${encodeKeyValue(values[i], joinKeys[i] ?? "")}`;
  }
  return text;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function encodeKeyValue(value: unknown, joinKey: string): string {
  switch (typeof value) {
    case "number":
      if (Number.isInteger(value)) return `i${value}`;
      if (Number.isFinite(value)) return `f${value}`;
      break;
    case "bigint":
      return `i${value}`;
    case "string":
      return `s${JSON.stringify(value)}`;
    case "boolean":
      return value ? "b1" : "b0";
  }
  throw new PantryError(
    "INVALID_ARGUMENT",
    `join key '${joinKey}' has value ${describe(value)}; entity key values must be integers, strings or booleans`,
    { joinKey },
  );
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  try {
    return `${JSON.stringify(value)} (${typeof value})`;
  } catch {
    return typeof value;
  }
}
