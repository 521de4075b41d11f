/** How the CLI prints: aligned tables for people, JSON for programs. */
export function printTable(headers: string[], rows: string[][]): void {
  if (rows.length === 0) {
    process.stdout.write(`${headers.join("  ")}\n(none)\n`);
    return;
  }
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  process.stdout.write(`${[line(headers), ...rows.map(line)].join("\n")}\n`);
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function formatTags(tags: Record<string, string>): string {
  const entries = Object.entries(tags);
  return entries.length ? entries.map(([k, v]) => `${k}=${v}`).join(",") : "";
}

const colorsOn = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code: number) => (text: string) => (colorsOn ? `\u001b[${code}m${text}\u001b[0m` : text);
export const color = { green: paint(32), yellow: paint(33), red: paint(31), bold: paint(1), dim: paint(2) };
