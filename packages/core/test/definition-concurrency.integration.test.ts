/**
 * Concurrency of definitions, on a SQLite and a PostgreSQL registry:
 * - two `pantry apply` processes started at the same moment from two checkouts of one repo, each
 *   changing the same view: each run is either written as a version of its own (serialized) or
 *   refused with a CONFLICT naming the view and the version it is at now; never a lost update;
 * - two console users who opened the same view at one version and save at the same moment (and
 *   one saving long after the other): the first save is written, the later one is a CONFLICT
 *   naming the view and its new version; an edit without a base version still works.
 */
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REGISTRY_PROVIDERS } from "../testing/index";
import { applyConsoleEdit } from "../src/console/edit";
import type { FeatureViewSpec } from "../src/definitions/types";
import { isPantryError } from "../src/errors";
import { FeatureStore } from "../src/feature-store";
import { initRepo } from "../src/repo/init-repo";
import { Workspace } from "../src/workspace/workspace";

const here = dirname(fileURLToPath(import.meta.url));
const CLI = join(resolve(here, "../../.."), "apps", "cli", "bin", "pantry.mjs");
const PROJECT = "definitions_race";

function apply(cwd: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((done) => {
    const child = spawn("node", [CLI, "apply"], {
      cwd,
      env: { ...process.env, NO_COLOR: "1", PANTRY_SCHEDULER: "off" },
    });
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.stdout.resume();
    child.on("close", (code) => done({ code, stderr }));
  });
}

function describeView(repo: string, description: string): void {
  const file = join(repo, "feature_definitions.ts");
  const text = readFileSync(file, "utf8").replace(
    /(new FeatureView\(\{\n {2}name: "driver_profile",\n)( {2}description: "[^"]*",\n)?/,
    `$1  description: "${description}",\n`,
  );
  writeFileSync(file, text);
}

describe.each(REGISTRY_PROVIDERS)("concurrent definitions on a $name registry", (provider) => {
  let workdir: string;
  let repoA: string;
  let repoB: string;
  let cleanup: () => Promise<void> = async () => {};

  beforeAll(async () => {
    workdir = mkdtempSync(join(tmpdir(), "pantry-definitions-race-"));
    repoA = await initRepo({ name: PROJECT, parentPath: workdir, now: new Date("2026-11-01T00:00:00Z") });
    const registry = await provider.registryLine();
    cleanup = registry.cleanup;
    // Both checkouts share one registry: the SQLite file by its absolute path.
    const line =
      registry.line === "registry: data/registry.db"
        ? `registry: ${join(repoA, "data", "registry.db")}`
        : registry.line;
    const yaml = join(repoA, "feature_store.yaml");
    writeFileSync(yaml, readFileSync(yaml, "utf8").replace(/^registry: .*$/m, line));
    repoB = join(workdir, "checkout_b");
    cpSync(repoA, repoB, { recursive: true });
    const first = await apply(repoA);
    expect(first.code, first.stderr).toBe(0);
  }, 120_000);

  afterAll(async () => {
    await cleanup();
    rmSync(workdir, { recursive: true, force: true });
  });

  it("two applies at the same moment: each is written or refused by name, none is lost", async () => {
    const written: string[] = [];
    for (let round = 0; round < 3; round++) {
      const texts = [`from A ${round}`, `from B ${round}`];
      describeView(repoA, texts[0] as string);
      describeView(repoB, texts[1] as string);
      const runs = await Promise.all([apply(repoA), apply(repoB)]);
      console.log(`round ${round}: apply exit codes ${runs.map((r) => r.code).join(", ")}`);
      expect(runs.filter((r) => r.code === 0).length, JSON.stringify(runs)).toBeGreaterThanOrEqual(1);
      runs.forEach((run, i) => {
        if (run.code === 0) written.push(texts[i] as string);
        else {
          expect(run.code, run.stderr).toBe(4);
          expect(run.stderr).toMatch(/CONFLICT|featureView 'driver_profile' (is at version \d+|was)/);
          expect(run.stderr).toMatch(/featureView 'driver_profile'/);
          expect(run.stderr).toMatch(/version \d+/);
        }
      });
    }
    const store = new FeatureStore({ repoPath: repoA });
    try {
      const registry = await store.registry();
      const versions = await registry.history.listVersions(PROJECT, "featureView", "driver_profile");
      const described = versions.map((v) => (JSON.parse(v.spec) as { description: string }).description);
      // One version per apply that reported success, each with its own text: nothing overwritten unseen.
      expect(versions.length).toBe(1 + written.length);
      expect(described.slice().sort()).toEqual([described.find((d) => !written.includes(d)), ...written].sort());
      const stored = await registry.getStored(PROJECT, "featureView", "driver_profile");
      expect(written).toContain((stored?.spec as FeatureViewSpec | undefined)?.description);
    } finally {
      await store.close();
    }
  }, 240_000);

  it("two console saves of one view opened at the same version: the later is a conflict naming the new version", async () => {
    const workspace = new Workspace({ root: repoA });
    try {
      const handle = await workspace.project(PROJECT);
      const code = await handle.registry.getStored(PROJECT, "featureView", "driver_profile");
      const base = { ...(code?.spec as FeatureViewSpec), name: "console_profile", description: "v0" };
      await applyConsoleEdit(handle, { edit: { intent: "create", spec: base }, actor: "alice" });
      const opened = (await handle.registry.getStored(PROJECT, "featureView", "console_profile"))?.meta.version ?? 0;

      // Both opened it at `opened` and save at once.
      const saves = await Promise.allSettled(
        ["alice", "bob"].map((actor) =>
          applyConsoleEdit(handle, {
            edit: { intent: "update", spec: { ...base, description: `by ${actor}` }, baseVersion: opened },
            actor,
          }),
        ),
      );
      expect(saves.filter((s) => s.status === "fulfilled")).toHaveLength(1);
      const refused = (saves.find((s) => s.status === "rejected") as PromiseRejectedResult).reason;
      expect(isPantryError(refused) && refused.code).toBe("CONFLICT");
      expect(refused.message).toMatch(/'console_profile'/);
      expect(refused.message).toMatch(new RegExp(`version ${opened + 1}`));

      // Carol opened it before both saves and saves now: refused too, naming the version it is at.
      const late = await applyConsoleEdit(handle, {
        edit: { intent: "update", spec: { ...base, description: "by carol" }, baseVersion: opened },
        actor: "carol",
      }).catch((error: unknown) => error);
      expect(isPantryError(late) && late.code).toBe("CONFLICT");
      expect((late as Error).message).toBe(
        `feature view 'console_profile' in project '${PROJECT}' is now at version ${opened + 1}: it changed since you opened version ${opened} (another edit or an apply); nothing was written: reload it and make your change again`,
      );
      // A delete from the stale version is refused as well; from the current one it goes through.
      const staleDelete = await applyConsoleEdit(handle, {
        edit: { intent: "delete", kind: "featureView", name: "console_profile", baseVersion: opened },
        actor: "carol",
      }).catch((error: unknown) => error);
      expect(isPantryError(staleDelete) && staleDelete.code).toBe("CONFLICT");

      const versions = await handle.registry.history.listVersions(PROJECT, "featureView", "console_profile");
      const winner = saves.findIndex((s) => s.status === "fulfilled") === 0 ? "by alice" : "by bob";
      expect(versions.map((v) => (JSON.parse(v.spec) as { description: string }).description).sort()).toEqual(
        [winner, "v0"].sort(),
      );
      await applyConsoleEdit(handle, {
        edit: { intent: "delete", kind: "featureView", name: "console_profile", baseVersion: opened + 1 },
        actor: "carol",
      });
      expect(await handle.registry.getStored(PROJECT, "featureView", "console_profile")).toBeNull();
    } finally {
      await workspace.close();
    }
  }, 120_000);
});
