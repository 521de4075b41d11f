/**
 * Loads a feature repo: feature_store.yaml plus every top-level *.ts file, collecting the
 * exported definitions (and the ones they reference) as canonical specs. `@pantry/sdk` is
 * resolved to core's own definitions entry, so a repo anywhere on disk works without a package.json.
 */
import { existsSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type * as JitiApi from "jiti";
import { loadRepoConfig, type RepoConfig } from "../config/repo-config";
import type { Definition } from "../definitions/sdk";
import type { ObjectKind, RegistryObjectSpec, RepoContents } from "../definitions/types";
import { PantryError, ValidationErrors } from "../errors";
import { inferEntityValueTypes } from "../feast-import/value-type";
import { lazyRequire } from "../lazy-require";
import { feastPythonFiles, type PythonDefinitionSource, readPythonRepo } from "./python";

export interface LoadedRepo {
  config: RepoConfig;
  contents: RepoContents;
  /** The definition files read: *.ts, or a Feast repo's *.py. */
  files: string[];
  /** "python": a Feast repo whose *.py files were read without running them. */
  language: "typescript" | "python";
  /** Python repos: `kind:name` -> the file, line and text of each definition. */
  pythonSources: Map<string, PythonDefinitionSource>;
}

/** A Python on-demand view is served by the default export of transforms/<view name>.ts. */
export const PYTHON_TRANSFORMS_DIR = "transforms";

const DEFINITION_KINDS = new Set(["entity", "dataSource", "featureView", "onDemandFeatureView", "featureService"]);

/**
 * `@pantry/sdk` in a feature repo resolves to core's own definitions entry (what
 * `@pantry/sdk/definitions` re-exports), so the engine never reaches into its consumer's folder.
 */
function sdkEntryPath(): string {
  // Set by `pantry ui` of the built package for the console's server (its chunks live elsewhere).
  if (process.env.PANTRY_SDK_ENTRY && existsSync(process.env.PANTRY_SDK_ENTRY)) return process.env.PANTRY_SDK_ENTRY;
  const here = dirname(fileURLToPath(import.meta.url));
  // The built `pantry` package: dist/definitions.js, beside (or one level above) this chunk.
  for (const built of [join(here, "definitions.js"), join(here, "..", "definitions.js")]) {
    if (existsSync(built)) return built;
  }
  return join(here, "..", "definitions", "index.ts");
}

export function definitionFiles(repoPath: string): string[] {
  return readdirSync(repoPath)
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts") && !f.endsWith(".test.ts"))
    .sort()
    .map((f) => join(repoPath, f));
}

export async function loadRepo(options: { repoPath?: string; configPath?: string }): Promise<LoadedRepo> {
  const config = loadRepoConfig(options);
  const files = definitionFiles(config.repoPath);
  if (files.length === 0) {
    const python = feastPythonFiles(config.repoPath);
    if (python.length > 0) return loadPythonRepo(config, python);
    throw new PantryError(
      "NOT_FOUND",
      `${config.repoPath} has no *.ts definition files; add one (e.g. feature_definitions.ts) that exports entities, sources and feature views from "@pantry/sdk"`,
    );
  }
  const jiti = repoJiti();
  const definitions: Definition[] = [];
  for (const file of files) {
    let module: Record<string, unknown>;
    try {
      module = (await jiti.import(file)) as Record<string, unknown>;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new PantryError("INVALID_ARGUMENT", `${file} failed to load: ${message.split("\n")[0]}`, { file });
    }
    for (const value of Object.values(module)) {
      if (isDefinition(value)) definitions.push(value);
    }
  }
  return {
    config,
    contents: collectSpecs(config, definitions),
    files,
    language: "typescript",
    pythonSources: new Map(),
  };
}

/** jiti (the TypeScript loader) is loaded by the verbs that read definition files, not by every verb. */
const jitiApi = lazyRequire<typeof JitiApi>("jiti", import.meta.url);

function repoJiti() {
  return jitiApi().createJiti(import.meta.url, {
    alias: { "@pantry/sdk/definitions": sdkEntryPath(), "@pantry/sdk": sdkEntryPath() },
    moduleCache: false,
    fsCache: false,
    interopDefault: true,
  });
}

async function loadPythonRepo(config: RepoConfig, files: string[]): Promise<LoadedRepo> {
  const transforms = await loadTransforms(config.repoPath);
  const python = await readPythonRepo(config.repoPath, files, transforms);
  const unused = [...transforms.keys()].filter(
    (name) => !python.specs.some((s) => s.kind === "onDemandFeatureView" && s.name === name),
  );
  if (unused.length > 0) {
    throw new ValidationErrors(
      unused.map(
        (name) =>
          `${PYTHON_TRANSFORMS_DIR}/${name}.ts: no @on_demand_feature_view named '${name}' in the Python files; name the file after the view it serves`,
      ),
    );
  }
  const contents = inferEntityValueTypes(contentsOf(config, python.specs));
  return { config, contents, files, language: "python", pythonSources: python.sources };
}

/**
 * transforms/<view>.ts beside a Feast repo: its default export is the row-wise TypeScript
 * function that serves the Python on-demand view of that name (the Python is never run).
 */
async function loadTransforms(repoPath: string): Promise<Map<string, string>> {
  const dir = join(repoPath, PYTHON_TRANSFORMS_DIR);
  const out = new Map<string, string>();
  if (!existsSync(dir)) return out;
  const files = readdirSync(dir).filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts") && !f.endsWith(".test.ts"));
  if (files.length === 0) return out;
  const jiti = repoJiti();
  for (const file of files.sort()) {
    const path = join(dir, file);
    let module: Record<string, unknown>;
    try {
      module = (await jiti.import(path)) as Record<string, unknown>;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new PantryError("INVALID_ARGUMENT", `${path} failed to load: ${message.split("\n")[0]}`, { file: path });
    }
    const transform = module.default;
    if (typeof transform !== "function") {
      throw new PantryError(
        "INVALID_ARGUMENT",
        `${PYTHON_TRANSFORMS_DIR}/${file} must export default a row-wise function: export default (row) => ({ feature: ... })`,
        { file: path },
      );
    }
    out.set(file.slice(0, -3), transform.toString());
  }
  return out;
}

function isDefinition(value: unknown): value is Definition {
  return (
    typeof value === "object" &&
    value !== null &&
    DEFINITION_KINDS.has((value as { pantryKind?: string }).pantryKind ?? "") &&
    typeof (value as { toSpec?: unknown }).toSpec === "function"
  );
}

/** Adds the objects that exported definitions refer to (a view's entities and source, ...). */
function withReferences(definitions: Definition[]): Definition[] {
  const seen = new Set<Definition>();
  const ordered: Definition[] = [];
  const visit = (d: Definition) => {
    if (seen.has(d)) return;
    seen.add(d);
    ordered.push(d);
    switch (d.pantryKind) {
      case "featureView":
        d.entities.forEach(visit);
        visit(d.source);
        break;
      case "dataSource":
        if ("batchSource" in d && d.batchSource) visit(d.batchSource as Definition);
        break;
      case "onDemandFeatureView":
        for (const s of d.sources) visit(s.pantryKind === "projection" ? (s.view as Definition) : s);
        break;
      case "featureService":
        for (const p of d.projections) visit(p.view as Definition);
        break;
      default:
        break;
    }
  };
  definitions.forEach(visit);
  return ordered;
}

function collectSpecs(config: RepoConfig, definitions: Definition[]): RepoContents {
  const byKey = new Map<string, RegistryObjectSpec>();
  const problems: string[] = [];
  for (const definition of withReferences(definitions)) {
    const spec = definition.toSpec();
    const key = `${spec.kind}:${spec.name}`;
    const existing = byKey.get(key);
    if (existing && JSON.stringify(existing) !== JSON.stringify(spec)) {
      problems.push(`two different ${label(spec.kind)}s are named '${spec.name}'; give each a unique name`);
      continue;
    }
    byKey.set(key, spec);
  }
  if (problems.length) throw new ValidationErrors(problems);
  return contentsOf(config, [...byKey.values()]);
}

/** Specs (each once) as a repo's contents; two different objects of one kind and name are an error. */
function contentsOf(config: RepoConfig, all: RegistryObjectSpec[]): RepoContents {
  const byKey = new Map<string, RegistryObjectSpec>();
  const problems: string[] = [];
  for (const spec of all) {
    const key = `${spec.kind}:${spec.name}`;
    const existing = byKey.get(key);
    if (existing && JSON.stringify(existing) !== JSON.stringify(spec)) {
      problems.push(`two different ${label(spec.kind)}s are named '${spec.name}'; give each a unique name`);
      continue;
    }
    byKey.set(key, spec);
  }
  if (problems.length) throw new ValidationErrors(problems);
  const specs = [...byKey.values()];
  const of = <K extends ObjectKind>(kind: K) =>
    specs.filter((s): s is Extract<RegistryObjectSpec, { kind: K }> => s.kind === kind);
  return {
    project: { name: config.project, description: "", owner: "", tags: {} },
    entities: of("entity"),
    dataSources: of("dataSource"),
    featureViews: of("featureView"),
    onDemandFeatureViews: of("onDemandFeatureView"),
    featureServices: of("featureService"),
  };
}

export function label(kind: ObjectKind): string {
  return {
    entity: "entity",
    dataSource: "data source",
    featureView: "feature view",
    onDemandFeatureView: "on-demand feature view",
    featureService: "feature service",
  }[kind];
}
