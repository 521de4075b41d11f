/**
 * Loads a feature repo: feature_store.yaml plus every top-level *.ts file, collecting the
 * exported definitions (and the ones they reference) as canonical specs. `@pantry/sdk` is
 * resolved to core's own definitions entry, so a repo anywhere on disk works without a package.json.
 */
import { existsSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createJiti } from "jiti";
import { loadRepoConfig, type RepoConfig } from "../config/repo-config";
import type { Definition } from "../definitions/sdk";
import type { ObjectKind, RegistryObjectSpec, RepoContents } from "../definitions/types";
import { PantryError, ValidationErrors } from "../errors";

export interface LoadedRepo {
  config: RepoConfig;
  contents: RepoContents;
  /** On-demand transforms as live functions, for serving straight from code. */
  files: string[];
}

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
    throw new PantryError(
      "NOT_FOUND",
      `${config.repoPath} has no *.ts definition files; add one (e.g. feature_definitions.ts) that exports entities, sources and feature views from "@pantry/sdk"`,
    );
  }
  const jiti = createJiti(import.meta.url, {
    alias: { "@pantry/sdk/definitions": sdkEntryPath(), "@pantry/sdk": sdkEntryPath() },
    moduleCache: false,
    fsCache: false,
    interopDefault: true,
  });
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
  return { config, contents: collectSpecs(config, definitions), files };
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
