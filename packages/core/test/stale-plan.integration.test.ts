/**
 * A registry write made from a stale plan is refused: two console users saving the same object
 * from the same version cannot overwrite each other, and nothing of the refused write is left.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EntitySpec } from "../src/definitions/types";
import { isPantryError } from "../src/errors";
import { FeatureStore } from "../src/feature-store";
import { applyPlanned } from "../src/registry/apply";
import { initRepo } from "../src/repo/init-repo";

const entity = (description: string): EntitySpec => ({
  kind: "entity",
  name: "shop",
  joinKeys: ["shop_id"],
  valueType: "Int64",
  description,
  owner: "",
  tags: {},
});

describe("writes from a stale plan", () => {
  let workdir: string;
  let store: FeatureStore;
  beforeAll(async () => {
    workdir = mkdtempSync(join(tmpdir(), "pantry-stale-plan-"));
    store = new FeatureStore({ repoPath: await initRepo({ name: "stale_demo", parentPath: workdir }) });
    await store.apply({ actor: "ci" });
    await store.applyEdit({ upserts: [entity("v1")], creates: [{ kind: "entity", name: "shop" }] }, { actor: "ana" });
  });
  afterAll(async () => {
    await store?.close();
    await (await store?.registry())?.close();
    rmSync(workdir, { recursive: true, force: true });
  });

  it("refuses an update planned from a version another write has moved, and keeps that write", async () => {
    const registry = await store.registry();
    const stale = await store.planEdit({ upserts: [entity("from bo")] });
    await store.applyEdit({ upserts: [entity("from ana")] }, { actor: "ana" });
    const error = await applyPlanned(registry, stale, {
      project: await registry.getProjectOrThrow("stale_demo"),
      origin: "console",
      actor: "bo",
      action: "console-edit",
      repoPath: null,
      summaryPrefix: "edit in the console",
    }).catch((e: unknown) => e);
    expect(isPantryError(error) && error.code).toBe("CONFLICT");
    expect((error as Error).message).toContain("entity 'shop' is at version 2 by another change since this one was planned (from version 1)");
    expect((await registry.getContents("stale_demo")).entities.find((e) => e.name === "shop")?.description).toBe("from ana");
    expect((await registry.history.listVersions("stale_demo", "entity", "shop")).length).toBe(2);
  });

  it("refuses a console create of a name that exists by the time it is planned", async () => {
    const error = await store
      .planEdit({ upserts: [entity("again")], creates: [{ kind: "entity", name: "shop" }] })
      .catch((e: unknown) => e);
    expect(isPantryError(error) && error.code).toBe("CONFLICT");
    expect((error as Error).message).toContain("entity 'shop' already exists in project 'stale_demo'");
  });
});
