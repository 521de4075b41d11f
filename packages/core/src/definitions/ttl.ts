import { PantryError } from "../errors";

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

/** "90s" "15m" "2h" "30d" "1w", "1d12h", a number of seconds, or 0 = unlimited. Returns seconds. */
export function parseTtl(input: string | number, owner = "ttl"): number {
  if (typeof input === "number") {
    if (Number.isFinite(input) && input >= 0) return Math.floor(input);
    throw badTtl(String(input), owner);
  }
  const text = input.trim().toLowerCase();
  if (/^\d+$/.test(text)) return Number(text);
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)\s*([smhdw])/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join("") !== text.replace(/\s+/g, "")) throw badTtl(input, owner);
  return Math.round(parts.reduce((total, p) => total + Number(p[1]) * (UNIT_SECONDS[p[2] ?? "s"] ?? 1), 0));
}

function badTtl(input: string, owner: string): PantryError {
  return new PantryError(
    "INVALID_ARGUMENT",
    `${owner}: '${input}' is not a duration; write "90s", "15m", "2h", "30d", "1w", a number of seconds, or 0 for no limit`,
  );
}

/** 7200 -> "2h", 0 -> "0 (unlimited)". */
export function formatTtl(seconds: number): string {
  if (seconds === 0) return "0 (unlimited)";
  for (const [unit, size] of [
    ["w", 604800],
    ["d", 86400],
    ["h", 3600],
    ["m", 60],
  ] as const) {
    if (seconds % size === 0) return `${seconds / size}${unit}`;
  }
  return `${seconds}s`;
}
