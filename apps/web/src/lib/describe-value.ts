/** A spec value as a person reads it in a diff: fields as "name: dtype", lists joined, the rest as compact JSON. */
export function describeValue(value: unknown): string {
  if (value === undefined) return "(none)";
  if (value === null) return "null";
  if (typeof value === "string") return value === "" ? '""' : value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return value.length === 0 ? "[]" : value.map(describeValue).join(", ");
  if (typeof value === "object") {
    const record = value as Record<string, unknown>;
    if (typeof record.name === "string" && typeof record.dtype === "string") {
      return `${record.name}: ${record.dtype}${typeof record.description === "string" && record.description ? ` (${record.description})` : ""}`;
    }
    if (typeof record.view === "string" && Array.isArray(record.features)) {
      return `${record.view}${typeof record.alias === "string" && record.alias ? ` as ${record.alias}` : ""}: ${record.features.map(String).join(", ")}`;
    }
    const entries = Object.entries(record);
    return entries.length === 0 ? "{}" : entries.map(([key, inner]) => `${key}=${describeValue(inner)}`).join(", ");
  }
  return String(value);
}
