import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { confinePath, isAllowedRealPath, type PathPolicy } from "../src/config/allowed-paths";
import { parseRepoConfig } from "../src/config/repo-config";
import { isPantryError, type PantryError } from "../src/errors";

let root: string;
let repo: string;
let outside: string;
let policy: PathPolicy;

function refusal(path: string, p: PathPolicy = policy): PantryError {
  try {
    confinePath(p, path, { what: "data source 'x'", field: "path" });
  } catch (error) {
    if (isPantryError(error)) return error;
    throw error;
  }
  throw new Error(`expected ${path} to be refused`);
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "pantry-confine-"));
  repo = join(root, "repo");
  outside = join(root, "outside");
  mkdirSync(join(repo, "data"), { recursive: true });
  mkdirSync(outside, { recursive: true });
  writeFileSync(join(repo, "data", "a.parquet"), "");
  writeFileSync(join(outside, "secret.csv"), "password\n");
  symlinkSync(outside, join(repo, "data", "escape"));
  symlinkSync(join(outside, "secret.csv"), join(repo, "data", "secret.csv"));
  symlinkSync(join(outside, "not-yet.csv"), join(repo, "data", "dangling.csv"));
  symlinkSync(join(repo, "data", "a.parquet"), join(repo, "data", "inner.parquet"));
  policy = { repoPath: repo, allowedPaths: [], configPath: join(repo, "feature_store.yaml") };
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("confinePath", () => {
  it("resolves relative paths against the repo and keeps files inside it (links that stay inside too)", () => {
    expect(confinePath(policy, "data/a.parquet")).toBe(join(repo, "data", "a.parquet"));
    expect(confinePath(policy, join(repo, "data", "a.parquet"))).toBe(join(repo, "data", "a.parquet"));
    expect(confinePath(policy, "data/inner.parquet")).toBe(join(repo, "data", "inner.parquet"));
    expect(confinePath(policy, "data/not-there-yet.parquet")).toBe(join(repo, "data", "not-there-yet.parquet"));
    expect(confinePath(policy, "data/2026-*.parquet")).toBe(join(repo, "data", "2026-*.parquet"));
  });

  it("refuses absolute paths, .. traversal and URLs, naming the path and the setting", () => {
    for (const path of [
      "/etc/passwd",
      "../outside/secret.csv",
      "data/../../outside/secret.csv",
      join(outside, "x.parquet"),
    ]) {
      const error = refusal(path);
      expect(error.code).toBe("INVALID_ARGUMENT");
      expect(error.message).toContain(`'${path}' is outside the feature repo folder`);
      expect(error.message).toContain("offline_store.allowed_paths");
      expect(error.details).toMatchObject({ field: "path", setting: "offline_store.allowed_paths" });
    }
    for (const url of [
      "s3://bucket/data.parquet",
      "https://example.com/a.csv",
      "file:///etc/passwd",
      "gs://b/x.parquet",
    ]) {
      expect(refusal(url).message).toContain("is a URL; the file offline store reads local files only");
    }
    expect(refusal("data/a\0.parquet").message).toContain("NUL");
    expect(refusal("  ").message).toContain("empty");
  });

  it("follows symlinks: a link inside the repo that points out is refused, dangling or not", () => {
    for (const path of ["data/escape/secret.csv", "data/secret.csv", "data/dangling.csv", "data/escape/*.csv"]) {
      expect(refusal(path).message).toContain("is outside the feature repo folder");
    }
  });

  it("refuses globs whose literal part is outside (no scan of the whole file system)", () => {
    expect(refusal("/**/*.csv").message).toContain("is outside");
    expect(refusal("../*/secret.csv").message).toContain("is outside");
  });

  it("answers a refused path the same way whether or not it exists", () => {
    const existing = refusal(join(outside, "secret.csv")).message;
    const missing = refusal(join(outside, "no-such-file.csv")).message;
    expect(existing.replace("secret.csv", "X")).toBe(missing.replace("no-such-file.csv", "X"));
    expect(refusal("/etc/passwd").message.replace("/etc/passwd", "X")).toBe(
      refusal("/etc/no-such-pantry-file").message.replace("/etc/no-such-pantry-file", "X"),
    );
  });

  it("allows folders listed under offline_store.allowed_paths (relative ones against the repo)", () => {
    const yaml = `project: p\noffline_store:\n  type: file\n  allowed_paths: [../outside]\n`;
    const config = parseRepoConfig(yaml, join(repo, "feature_store.yaml"));
    expect(config.allowedPaths).toEqual([outside]);
    const allowing = { ...policy, allowedPaths: config.allowedPaths };
    expect(confinePath(allowing, join(outside, "secret.csv"))).toBe(join(outside, "secret.csv"));
    expect(confinePath(allowing, "data/secret.csv")).toBe(join(repo, "data", "secret.csv"));
    expect(refusal("/etc/passwd", allowing).message).toContain("is outside");
    expect(isAllowedRealPath(allowing, join(repo, "data", "escape", "secret.csv"))).toBe(true);
    expect(isAllowedRealPath(policy, join(repo, "data", "escape", "secret.csv"))).toBe(false);
  });

  it("refuses a malformed or remote allowed_paths setting", () => {
    const path = join(repo, "feature_store.yaml");
    expect(() => parseRepoConfig("project: p\noffline_store: {allowed_paths: 3}\n", path)).toThrow(
      /offline_store.allowed_paths must be a list of folders/,
    );
    expect(() => parseRepoConfig("project: p\noffline_store: {allowed_paths: ['s3://b/']}\n", path)).toThrow(
      /is a URL; list local folders only/,
    );
  });
});
