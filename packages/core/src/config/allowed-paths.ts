/**
 * Which files a feature repo may make Pantry read or write: the repo folder and the folders listed
 * under `offline_store.allowed_paths` in feature_store.yaml, nothing else. Every entry point that
 * takes a path (definitions, console forms, Feast imports, inspect/sample, saved datasets, the
 * offline store itself before each read) goes through `confinePath`.
 *
 * Rules:
 * - relative paths resolve against the repo folder; `..` is resolved lexically first;
 * - symlinks are followed: the real path of the longest existing prefix (and of a dangling link's
 *   target) must lie inside an allowed root, so a link inside the repo cannot point out of it;
 * - URLs (`s3://`, `http://`, `file://`, ...) are refused: the file offline store reads local files
 *   only (DuckDB's remote file systems are never loaded);
 * - globs (`*`, `?`, `[`, `{`) are confined by their literal prefix here; the offline store also
 *   checks every file a glob matches before it reads (a link under an allowed folder could escape);
 * - a refused path gets the same message whether or not it exists, so refusals cannot be used to
 *   map the file system.
 */
import { lstatSync, readlinkSync, realpathSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { PantryError } from "../errors";

export interface PathPolicy {
  /** The feature repo folder (absolute). */
  repoPath: string;
  /** offline_store.allowed_paths, absolute. */
  allowedPaths: readonly string[];
  /** The feature_store.yaml that holds the setting (named in refusals). */
  configPath: string;
}

export interface ConfineOptions {
  /** What the path is, for messages: "data source 'driver_stats'", "the saved dataset's file". */
  what?: string;
  /** The form field the error belongs to (the console shows it there). */
  field?: string;
}

const URL_SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//;
const GLOB_CHARS = /[*?[{]/;
const MAX_LINKS = 40;

/** s3://, gs://, http(s)://, file://: a URL, never read by the file offline store. */
export function isUrlPath(path: string): boolean {
  return URL_SCHEME.test(path.trim());
}

export function isGlobPath(path: string): boolean {
  return GLOB_CHARS.test(path);
}

/**
 * The absolute path Pantry may use for `path`, or a PantryError (INVALID_ARGUMENT) naming the path
 * and the setting to change. Nothing is read: only the path's folders are resolved.
 */
export function confinePath(policy: PathPolicy, path: string, options: ConfineOptions = {}): string {
  const details = options.field ? { field: options.field } : {};
  const what = options.what ? `${options.what}: ` : "";
  if (typeof path !== "string" || path.trim() === "") {
    throw new PantryError(
      "INVALID_ARGUMENT",
      `${what}the path is empty; give a file relative to the feature repo folder`,
      details,
    );
  }
  const given = path.trim();
  if (given.includes("\0")) {
    throw new PantryError("INVALID_ARGUMENT", `${what}the path contains a NUL character`, details);
  }
  if (URL_SCHEME.test(given)) {
    throw new PantryError(
      "INVALID_ARGUMENT",
      `${what}'${shorten(given)}' is a URL; the file offline store reads local files only (inside the feature repo folder or a folder listed under offline_store.allowed_paths in ${policy.configPath}); copy the data there, or use offline_store type 'postgres'`,
      details,
    );
  }
  const absolute = isAbsolute(given) ? resolve(given) : resolve(policy.repoPath, given);
  const literal = isGlobPath(absolute) ? literalPrefix(absolute) : absolute;
  const roots = allowedRoots(policy);
  const real = realPathOf(literal);
  if (real === null || !roots.some((root) => isInside(root, real))) {
    throw new PantryError(
      "INVALID_ARGUMENT",
      `${what}'${shorten(given)}' is outside the feature repo folder; Pantry reads and writes files only inside ${policy.repoPath} or a folder listed under offline_store.allowed_paths in ${policy.configPath} (add the folder there to allow it)`,
      { ...details, setting: "offline_store.allowed_paths" },
    );
  }
  return absolute;
}

/** True when `file` (a real, absolute path, e.g. a glob match) lies inside an allowed root. */
export function isAllowedRealPath(policy: PathPolicy, file: string): boolean {
  const real = realPathOf(file);
  return real !== null && allowedRoots(policy).some((root) => isInside(root, real));
}

/** The folders before the first glob segment: data/2026-*.parquet -> data. */
function literalPrefix(path: string): string {
  const parts = path.split(sep);
  const first = parts.findIndex((part) => GLOB_CHARS.test(part));
  return parts.slice(0, first).join(sep) || sep;
}

function allowedRoots(policy: PathPolicy): string[] {
  return [policy.repoPath, ...policy.allowedPaths].map((root) => realPathOf(resolve(root)) ?? resolve(root));
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === "" || (!rel.startsWith(`..${sep}`) && rel !== ".." && !isAbsolute(rel));
}

/**
 * The real path of `path` when only a prefix of it exists: realpath of the longest existing
 * prefix, with the rest appended; a dangling symlink is followed to where it points. null when
 * the links loop.
 */
function realPathOf(path: string, depth = 0): string | null {
  if (depth > MAX_LINKS) return null;
  const rest: string[] = [];
  let current = path;
  for (;;) {
    try {
      return join(realpathSync.native(current), ...rest.reverse());
    } catch {
      // Not there (or not readable): a dangling link is resolved by hand, anything else by its parent.
      try {
        if (lstatSync(current).isSymbolicLink()) {
          const target = resolve(dirname(current), readlinkSync(current));
          return realPathOf(join(target, ...[...rest].reverse()), depth + 1);
        }
      } catch {
        // does not exist at all
      }
    }
    const parent = dirname(current);
    if (parent === current) return join(current, ...rest.reverse());
    rest.push(current.slice(parent.length).replace(/^[\\/]+/, ""));
    current = parent;
  }
}

function shorten(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}...` : text;
}

/** The policy of a repo config: its folder and its offline_store.allowed_paths. */
export function pathPolicyOf(config: {
  repoPath: string;
  configPath: string;
  allowedPaths: readonly string[];
}): PathPolicy {
  return { repoPath: config.repoPath, allowedPaths: config.allowedPaths, configPath: config.configPath };
}
