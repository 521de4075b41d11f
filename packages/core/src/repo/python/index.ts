/**
 * Feast repos written in Python, read without running them: the top-level *.py files that import
 * feast are parsed (./parse) and evaluated over the declarative subset (./evaluate).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import type { RegistryObjectSpec } from "../../definitions/types";
import { ValidationErrors } from "../../errors";
import { evaluatePythonRepo, type PythonDefinitionSource, type PythonFile } from "./evaluate";
import { parsePython } from "./parse";

export type { PythonDefinitionSource } from "./evaluate";

const IMPORTS_FEAST = /^[ \t]*(?:from[ \t]+feast(?:\.[\w.]+)?[ \t]+import\b|import[ \t]+feast\b)/m;

/** The top-level *.py files that import feast, minus those .feastignore names. */
export function feastPythonFiles(repoPath: string): string[] {
  const ignored = feastIgnore(repoPath);
  return readdirSync(repoPath)
    .filter((f) => f.endsWith(".py") && !ignored(f))
    .sort()
    .filter((f) => IMPORTS_FEAST.test(readFileSync(join(repoPath, f), "utf8")))
    .map((f) => join(repoPath, f));
}

/** Feast's .feastignore: one path or glob per line (only top-level files matter here). */
function feastIgnore(repoPath: string): (file: string) => boolean {
  const file = join(repoPath, ".feastignore");
  if (!existsSync(file)) return () => false;
  const patterns = readFileSync(file, "utf8")
    .split("\n")
    .map((l) => l.replace(/#.*/, "").trim().replace(/^\.\//, "").replace(/\/$/, ""))
    .filter(Boolean)
    .map((p) => new RegExp(`^${p.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*\*?/g, ".*").replace(/\?/g, ".")}$`));
  return (name) => patterns.some((p) => p.test(name));
}

export interface LoadedPythonRepo {
  specs: RegistryObjectSpec[];
  /** `kind:name` -> where the object is written in Python. */
  sources: Map<string, PythonDefinitionSource>;
}

/**
 * Reads the Python files; `transforms` maps an on-demand view's name to the TypeScript transform
 * given beside it (transforms/<view>.ts). Every problem of every file is reported at once, and
 * then nothing is returned (no partial apply).
 */
export async function readPythonRepo(
  repoPath: string,
  files: string[],
  transforms: Map<string, string>,
): Promise<LoadedPythonRepo> {
  const parsed: PythonFile[] = [];
  for (const path of files) {
    const text = readFileSync(path, "utf8");
    parsed.push({ file: basename(path), text, root: await parsePython(text, basename(path)) });
  }
  const result = evaluatePythonRepo(repoPath, parsed, transforms);
  if (result.problems.length > 0) {
    throw new ValidationErrors(result.problems, "The Feast repo uses Python Pantry does not read; nothing was changed");
  }
  const sources = new Map<string, PythonDefinitionSource>();
  for (const object of result.objects) {
    const key = `${object.spec.kind}:${object.spec.name}`;
    if (!sources.has(key) && object.source.file) sources.set(key, object.source);
  }
  return { specs: result.objects.map((o) => o.spec), sources };
}
