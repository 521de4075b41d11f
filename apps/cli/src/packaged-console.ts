/**
 * The installed `pantry` package ships two prebuilt consoles (Next's standalone output):
 *   console/          built for the root path
 *   console-subpath/  built for the placeholder base path SUBPATH_PLACEHOLDER
 * Next bakes the base path into a build (pages, the client router, asset URLs, CSS font URLs, the
 * route manifests). `pantry ui --base-path /features` therefore makes, once per base path and
 * package version, a copy of console-subpath/ with the placeholder replaced by the real path: a
 * file copy and a text replacement taking about a second, no build. A base path is letters, digits,
 * '-' and '_' between slashes (normalizeBasePath), so it needs no escaping beyond the slashes in the
 * route regexes, which the build writes as `\/`.
 *
 * The copy goes beside console/ inside the package (module resolution then finds `next`, `react`
 * and the engine's native addons exactly as for console/), or, when the package folder is not
 * writable (a root-owned global install), under the user's cache folder with a `node_modules`
 * link to the folder those dependencies resolve from.
 */
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { PantryError } from "@pantry/core/shared";

/** The base path the sub-path console is built for (scripts/release/build.mjs uses the same). */
export const SUBPATH_PLACEHOLDER = "/__pantry_base_path__";

const TEXT_FILE = /\.(js|cjs|mjs|json|html|rsc|body|meta|css|txt|map)$/;
const MARKER = ".pantry-base-path.json";

/** Every text file of `dir`, recursively (node_modules excluded: the console ships none). */
function textFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "node_modules") out.push(...textFiles(path));
    } else if (TEXT_FILE.test(entry.name)) out.push(path);
  }
  return out;
}

/** The text with the placeholder replaced: regex-escaped occurrences (`\/__x__`) first, then plain ones. */
export function rewriteBasePath(text: string, basePath: string): string {
  if (!text.includes(SUBPATH_PLACEHOLDER.slice(1))) return text;
  const escapedPlaceholder = SUBPATH_PLACEHOLDER.replaceAll("/", "\\/");
  const escapedBase = basePath.replaceAll("/", "\\/");
  return text.replaceAll(escapedPlaceholder, escapedBase).replaceAll(SUBPATH_PLACEHOLDER, basePath);
}

function writable(dir: string): boolean {
  const probe = join(dir, `.pantry-write-probe-${process.pid}`);
  try {
    writeFileSync(probe, "");
    rmSync(probe);
    return true;
  } catch {
    return false;
  }
}

function cacheRoot(env: NodeJS.ProcessEnv): string {
  if (env.PANTRY_CACHE_DIR) return env.PANTRY_CACHE_DIR;
  return join(env.XDG_CACHE_HOME || join(homedir(), ".cache"), "pantry");
}

/**
 * The folder of a console server for `basePath` (root: the shipped console/). Made on first use
 * and reused while the package's build (BUILD_ID) stays the same.
 */
export function packagedConsoleDir(packageRoot: string, basePath: string, env: NodeJS.ProcessEnv = process.env): string {
  if (!basePath) return join(packageRoot, "console");
  const source = join(packageRoot, "console-subpath");
  if (!existsSync(join(source, "server.js")))
    throw new PantryError(
      "FAILED_PRECONDITION",
      `this pantry package has no sub-path console (${source} is missing); reinstall the package, or run the console without --base-path`,
    );
  const buildId = findBuildId(source);
  const name = `console${basePath.replaceAll("/", "-")}`;
  const inPackage = writable(packageRoot);
  const parent = inPackage ? packageRoot : join(cacheRoot(env), `pantry-${packageVersion(packageRoot)}`);
  const target = join(parent, name);
  if (isCurrent(target, buildId, basePath)) return target;

  mkdirSync(parent, { recursive: true });
  const temp = `${target}.${process.pid}.tmp`;
  rmSync(temp, { recursive: true, force: true });
  cpSync(source, temp, { recursive: true });
  for (const file of textFiles(temp)) {
    const text = readFileSync(file, "utf8");
    const next = rewriteBasePath(text, basePath);
    if (next !== text) writeFileSync(file, next);
  }
  if (!inPackage) linkDependencies(packageRoot, temp);
  writeFileSync(join(temp, MARKER), `${JSON.stringify({ basePath, buildId })}\n`);
  rmSync(target, { recursive: true, force: true });
  try {
    renameSync(temp, target);
  } catch (error) {
    // Another `pantry ui` made the same copy at the same moment: theirs is as good as ours.
    rmSync(temp, { recursive: true, force: true });
    if (!isCurrent(target, buildId, basePath)) throw error;
  }
  return target;
}

function isCurrent(dir: string, buildId: string, basePath: string): boolean {
  try {
    const marker = JSON.parse(readFileSync(join(dir, MARKER), "utf8")) as { basePath?: string; buildId?: string };
    return marker.basePath === basePath && marker.buildId === buildId && existsSync(join(dir, "server.js"));
  } catch {
    return false;
  }
}

function findBuildId(consoleDir: string): string {
  for (const entry of readdirSync(consoleDir)) {
    const file = join(consoleDir, entry, "BUILD_ID");
    if (entry.startsWith(".next") && existsSync(file)) return readFileSync(file, "utf8").trim();
  }
  return "unknown";
}

function packageVersion(packageRoot: string): string {
  try {
    return (JSON.parse(readFileSync(join(packageRoot, "package.json"), "utf8")) as { version?: string }).version ?? "0";
  } catch {
    return "0";
  }
}

/** A copy outside the package resolves the console's packages through a link to where they live. */
function linkDependencies(packageRoot: string, consoleDir: string): void {
  const require = createRequire(join(packageRoot, "console", "server.js"));
  const nextPackage = require.resolve("next/package.json");
  symlinkSync(dirname(dirname(nextPackage)), join(consoleDir, "node_modules"), "dir");
}
