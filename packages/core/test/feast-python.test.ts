import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadRepo } from "../src/repo/load-repo";
import { copyFixture } from "./fixtures/feast-python/repos";

describe("quickstart", () => {
  let repo: ReturnType<typeof copyFixture>;
  beforeAll(() => {
    repo = copyFixture("quickstart");
  });
  afterAll(() => repo.remove());
  it("reads", async () => {
    const loaded = await loadRepo({ repoPath: repo.path });
    console.log(JSON.stringify(loaded.contents, null, 1));
    console.log([...loaded.pythonSources.entries()].map(([k, v]) => `${k} ${v.file}:${v.line}`));
  });
});
