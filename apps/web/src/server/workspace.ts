/**
 * Which folder the console serves. `pantry ui -c <repo>` sets PANTRY_REPO (one repo); otherwise
 * PANTRY_WORKSPACE, default ./feature_store. Relative paths are taken from the monorepo root, not
 * from apps/web, where `next start` runs.
 */
import { existsSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";

function findMonorepoRoot(from: string): string {
  let dir = resolve(from);
  while (true) {
    if (existsSync(join(dir, "pnpm-workspace.yaml"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return resolve(from);
    dir = parent;
  }
}

export function workspaceRoot(env: NodeJS.ProcessEnv = process.env): string {
  const chosen = env.PANTRY_REPO || env.PANTRY_WORKSPACE || "./feature_store";
  return isAbsolute(chosen) ? chosen : resolve(findMonorepoRoot(process.cwd()), chosen);
}
