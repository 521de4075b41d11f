/**
 * Writes go to a hidden temp file beside the target and are renamed into place only when
 * complete, so a failed or interrupted export never leaves a half-written file at the output path.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from "node:fs";
import { basename, dirname, extname, join, resolve } from "node:path";
import { PantryError } from "../errors";

export type OutputFormat = "parquet" | "csv";

export async function writeAtomically<T>(target: string, write: (tempPath: string) => Promise<T>): Promise<T> {
  const path = resolve(target);
  const folder = dirname(path);
  if (!existsSync(folder)) mkdirSync(folder, { recursive: true });
  if (existsSync(path) && statSync(path).isDirectory()) {
    throw new PantryError("INVALID_ARGUMENT", `output path ${path} is a folder; give a file name`);
  }
  // Same folder, so the rename is atomic (same file system); same extension for engines that care.
  const temp = join(folder, `.${basename(path)}.${randomBytes(6).toString("hex")}.tmp${extname(path)}`);
  try {
    const result = await write(temp);
    renameSync(temp, path);
    return result;
  } finally {
    rmSync(temp, { force: true });
  }
}

/** Format of an entity or output file, from its extension. */
export function fileFormatOf(path: string): OutputFormat | null {
  const ext = extname(path).toLowerCase();
  if (ext === ".parquet" || ext === ".pq") return "parquet";
  if (ext === ".csv") return "csv";
  return null;
}
