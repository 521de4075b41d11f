/**
 * Finds the feature repos of a workspace: the folder itself when it holds a feature_store.yaml
 * (`pantry ui -c repo`), else each direct sub-folder that holds one (the console's default layout,
 * ./feature_store/<project>/feature_store.yaml).
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { loadRepoConfig, type RepoConfig } from "../config/repo-config";
import { isPantryError, PantryError } from "../errors";

export interface DiscoveredRepos {
  root: string;
  configs: RepoConfig[];
  /** Repos whose feature_store.yaml could not be read: shown, never fatal to the others... */
  problems: string[];
  /**
   * ...except when such a file declares `auth:`: its repo may have meant token auth, so the
   * workspace refuses to serve (Workspace.accessPolicy throws) rather than fall back to no_auth.
   */
  authProblems: string[];
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
    return { root: folder, configs: [loadRepoConfig({ repoPath: folder })], problems: [], authProblems: [] };
  }
  const configs: RepoConfig[] = [];
  const problems: string[] = [];
  const authProblems: string[] = [];
  for (const name of readdirSync(folder).sort()) {
    const repoPath = join(folder, name);
    if (!statSync(repoPath).isDirectory() || !existsSync(join(repoPath, "feature_store.yaml"))) continue;
    try {
      configs.push(loadRepoConfig({ repoPath }));
    } catch (error) {
      if (!isPantryError(error)) throw error;
      problems.push(error.message);
      if (declaresAuth(join(repoPath, "feature_store.yaml"))) authProblems.push(error.message);
    }
  }
  return { root: folder, configs, problems, authProblems };
}

/**
 * A cheap fingerprint of the workspace's feature_store.yaml files (names, sizes, change times):
 * when it moves, the access policy is read again, so turning token auth on (or breaking it)
 * takes effect on the next request, without a refresh or a restart.
 */
export function configStamp(root: string): string {
  const folder = resolve(root);
  const stampOf = (file: string) => {
    const stat = statSync(file, { throwIfNoEntry: false });
    return stat ? `${file}:${stat.ino}:${stat.size}:${stat.mtimeMs}:${stat.ctimeMs}` : `${file}:-`;
  };
  const own = join(folder, "feature_store.yaml");
  if (existsSync(own)) return stampOf(own);
  if (!existsSync(folder)) return "-";
  return readdirSync(folder)
    .sort()
    .map((name) => join(folder, name, "feature_store.yaml"))
    .filter((file) => existsSync(file))
    .map(stampOf)
    .join("|");
}

/** A top-level `auth:` key (read as text: the file may not even be valid YAML). */
function declaresAuth(configPath: string): boolean {
  try {
    return /^auth\s*:/m.test(readFileSync(configPath, "utf8"));
  } catch {
    return true;
  }
}

export { registryKey } from "../registry/registry";
