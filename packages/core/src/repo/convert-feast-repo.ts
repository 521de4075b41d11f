/**
 * `pantry convert-feast-repo`: a Feast repo's Python definitions written as one TypeScript
 * feature_definitions.ts with the same objects, so `plan` on the result shows no change against
 * the registry the Python repo produced. Python on-demand transforms become stubs that keep the
 * Python text and throw "port this transform" (transforms/<view>.ts, when given, is imported).
 */
import { copyFileSync, cpSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { basename, join, relative, resolve } from "node:path";
import { renderRepoAsTypeScript } from "../catalog/render-definition";
import { PantryError } from "../errors";
import { loadRepo, PYTHON_TRANSFORMS_DIR } from "./load-repo";

export interface ConvertFeastRepoResult {
  /** The feature_definitions.ts written. */
  file: string;
  objects: number;
  /** On-demand views whose Python transform still has to be ported. */
  toPort: string[];
}

export const CONVERTED_FILE = "feature_definitions.ts";

export async function convertFeastRepo(options: {
  repoPath?: string;
  configPath?: string;
  /** Folder to write into; the repo itself by default (its *.ts then wins over the *.py). */
  out?: string;
}): Promise<ConvertFeastRepoResult> {
  const repo = await loadRepo({ repoPath: options.repoPath, configPath: options.configPath });
  if (repo.language !== "python") {
    throw new PantryError(
      "FAILED_PRECONDITION",
      `${repo.config.repoPath} is already a TypeScript repo (${repo.files.map((f) => basename(f)).join(", ")}); there is nothing to convert`,
    );
  }
  const out = resolve(options.out ?? repo.config.repoPath);
  const file = join(out, CONVERTED_FILE);
  if (existsSync(file)) {
    throw new PantryError("CONFLICT", `${file} exists already; remove it or pass --out <another folder>`, { file });
  }
  const modules = new Map<string, string>();
  for (const view of repo.contents.onDemandFeatureViews) {
    if (view.transformation?.language === "typescript") modules.set(view.name, `./${PYTHON_TRANSFORMS_DIR}/${view.name}`);
  }
  const sources = repo.files.map((f) => relative(repo.config.repoPath, f)).join(", ");
  const text = renderRepoAsTypeScript(repo.contents, {
    header: [
      `${repo.config.project}: converted from ${sources} by \`pantry convert-feast-repo\`.`,
      "Pantry reads this file instead of the Python ones from now on (a repo's *.ts win over its *.py).",
    ].join("\n"),
    transformModules: modules,
  });
  mkdirSync(out, { recursive: true });
  if (out !== resolve(repo.config.repoPath)) {
    // A repo elsewhere needs its feature_store.yaml and the TypeScript transforms it imports.
    if (!existsSync(join(out, "feature_store.yaml"))) copyFileSync(repo.config.configPath, join(out, "feature_store.yaml"));
    const transforms = join(repo.config.repoPath, PYTHON_TRANSFORMS_DIR);
    if (modules.size > 0 && existsSync(transforms)) cpSync(transforms, join(out, PYTHON_TRANSFORMS_DIR), { recursive: true });
  }
  writeFileSync(file, text);
  return {
    file,
    objects:
      repo.contents.entities.length +
      repo.contents.dataSources.length +
      repo.contents.featureViews.length +
      repo.contents.onDemandFeatureViews.length +
      repo.contents.featureServices.length,
    toPort: repo.contents.onDemandFeatureViews
      .filter((v) => v.transformation?.language === "python")
      .map((v) => v.name),
  };
}
