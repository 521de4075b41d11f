/**
 * Finds the feature repos of a workspace: the folder itself when it holds a feature_store.yaml
 * (`pantry ui -c repo`), else each direct sub-folder that holds one (the console's default layout,
 * ./feature_store/<project>/feature_store.yaml).
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { loadRepoConfig, type RepoConfig } from "../config/repo-config";
import { isPantryError, PantryError } from "../errors";

export interface DiscoveredRepos {
  root: string;
  configs: RepoConfig[];
  /** Repos whose feature_store.yaml could not be read: shown, never fatal to the others. */
  problems: string[];
}

export function discoverRepos(root: string): DiscoveredRepos {
  const folder = resolve(root);
  if (!existsSync(folder)) {
    throw new PantryError(
      "NOT_FOUND",
      `the workspace folder ${folder} does not exist; set PANTRY_WORKSPACE to a folder of feature repos, or create one with 'pantry init <name>'`,
    );
  }
  if (existsSync(join(folder, "feature_store.yaml"))) {
    return { root: folder, configs: [loadRepoConfig({ repoPath: folder })], problems: [] };
  }
  const configs: RepoConfig[] = [];
  const problems: string[] = [];
  for (const name of readdirSync(folder).sort()) {
    const repoPath = join(folder, name);
    if (!statSync(repoPath).isDirectory() || !existsSync(join(repoPath, "feature_store.yaml"))) continue;
    try {
      configs.push(loadRepoConfig({ repoPath }));
    } catch (error) {
      if (!isPantryError(error)) throw error;
      problems.push(error.message);
    }
  }
  return { root: folder, configs, problems };
}

export { registryKey } from "../registry/registry";
