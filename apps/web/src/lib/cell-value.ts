/** How a raw value from a sample row is shown in a table cell. */
export function formatCellValue(value: unknown): { text: string; kind: "null" | "number" | "text" } {
  if (value === null || value === undefined) return { text: "null", kind: "null" };
  if (value instanceof Date) return { text: value.toISOString().replace(".000Z", "Z"), kind: "text" };
  if (typeof value === "number")
    return { text: Number.isInteger(value) ? String(value) : value.toFixed(4).replace(/0+$/, ""), kind: "number" };
  if (typeof value === "bigint") return { text: value.toString(), kind: "number" };
  if (typeof value === "boolean") return { text: String(value), kind: "text" };
  if (typeof value === "object") return { text: JSON.stringify(value), kind: "text" };
  return { text: String(value), kind: "text" };
}
