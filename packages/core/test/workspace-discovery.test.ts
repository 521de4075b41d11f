import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { discoverRepos, registryKey } from "../src/workspace/discover-repos";
import { Workspace } from "../src/workspace/workspace";

let root: string;
afterEach(() => rmSync(root, { recursive: true, force: true }));

function repo(name: string, yaml: string) {
  mkdirSync(join(root, name), { recursive: true });
  writeFileSync(join(root, name, "feature_store.yaml"), yaml);
}

describe("workspace discovery", () => {
  it("finds the sub-folders with a feature_store.yaml and groups them by registry", () => {
    root = mkdtempSync(join(tmpdir(), "pantry-ws-"));
    repo("a", "project: a\nregistry: ../shared/registry.db\n");
    repo("b", "project: b\nregistry: ../shared/registry.db\n");
    repo("c", "project: c\n");
    mkdirSync(join(root, "not_a_repo"));
    const found = discoverRepos(root);
    expect(found.configs.map((c) => c.project)).toEqual(["a", "b", "c"]);
    const keys = new Set(found.configs.map((c) => registryKey(c.registry)));
    expect(keys.size).toBe(2);
  });

  it("treats a folder holding feature_store.yaml as a single repo (pantry ui -c repo)", () => {
    root = mkdtempSync(join(tmpdir(), "pantry-ws-"));
    writeFileSync(join(root, "feature_store.yaml"), "project: solo\n");
    repo("nested", "project: nested\n");
    expect(discoverRepos(root).configs.map((c) => c.project)).toEqual(["solo"]);
  });

  it("reports a broken feature_store.yaml without hiding the other repos", () => {
    root = mkdtempSync(join(tmpdir(), "pantry-ws-"));
    repo("good", "project: good\n");
    repo("bad", "project: [unclosed\n");
    const found = discoverRepos(root);
    expect(found.configs.map((c) => c.project)).toEqual(["good"]);
    expect(found.problems[0]).toMatch(/bad.feature_store\.yaml is not valid YAML/);
  });

  it("says what to do when the folder is missing", () => {
    root = mkdtempSync(join(tmpdir(), "pantry-ws-"));
    expect(() => discoverRepos(join(root, "missing"))).toThrow(/PANTRY_WORKSPACE/);
  });

  it("lists never-applied repos without creating registry files, and names unknown projects", async () => {
    root = mkdtempSync(join(tmpdir(), "pantry-ws-"));
    repo("fresh", "project: fresh\n");
    const workspace = new Workspace({ root });
    const projects = await workspace.listProjects();
    expect(projects).toMatchObject([{ name: "fresh", applied: false, repoPath: join(root, "fresh") }]);
    const { existsSync } = await import("node:fs");
    expect(existsSync(join(root, "fresh", "data", "registry.db"))).toBe(false);
    await expect(workspace.getProjectOrThrow("frsh")).rejects.toThrow("project 'frsh' is not in the workspace");
    await expect(workspace.getProjectOrThrow("frsh")).rejects.toThrow("did you mean 'fresh'?");
  });
});
