/**
 * `pantry saved-datasets` as a user runs it: a real process over a repo made by `init`, with a
 * dataset saved through the SDK facade (what `get-historical-features --save-as` calls).
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, pantry } from "./run-cli";
import { FeatureStore } from "@pantry/core";

describe("pantry saved-datasets", () => {
  let workdir: string;
  let repo: string;
  let output: string;

  beforeAll(async () => {
    workdir = mkdtempSync(join(tmpdir(), "pantry-cli-datasets-"));
    execFileSync("node", [BIN, "init", "cli_datasets", "--end", "2026-11-01T00:00:00"], { cwd: workdir });
    repo = join(workdir, "cli_datasets");
    execFileSync("node", [BIN, "apply"], { cwd: repo });
    output = join(repo, "train.parquet");
    const store = new FeatureStore({ repoPath: repo });
    try {
      const features = ["driver_hourly_stats:conv_rate"];
      const entityDf = [
        { driver_id: 1001, event_timestamp: new Date("2026-10-30T00:00:00Z") },
        { driver_id: 1002, event_timestamp: new Date("2026-10-31T06:00:00Z") },
      ];
      const job = await store.getHistoricalFeatures({ entityDf, features });
      await store.createSavedDataset({ name: "train_v1", job, features, path: output, entityDf });
    } finally {
      await store.close();
      await (await store.registry()).close();
    }
  });
  afterAll(() => rmSync(workdir, { recursive: true, force: true }));

  it("lists saved datasets as a table and as JSON", () => {
    const table = pantry(["saved-datasets", "list"], repo);
    expect(table.code).toBe(0);
    expect(table.stdout.split("\n")[0]).toMatch(/^NAME\s+ROWS\s+FEATURES\s+EVENT TIME RANGE\s+LOCATION\s+CREATED$/);
    expect(table.stdout).toMatch(/train_v1\s+2\s+1\s+2026-10-30T00:00:00Z \.\. 2026-10-31T06:00:00Z/);
    const json = JSON.parse(pantry(["saved-datasets", "list", "--json"], repo).stdout);
    expect(json).toMatchObject([
      { name: "train_v1", rows: 2, location: output, features: ["driver_hourly_stats:conv_rate"] },
    ]);
  });

  it("describes one dataset with its features and columns", () => {
    const text = pantry(["-c", repo, "saved-datasets", "describe", "train_v1"], tmpdir());
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`Location:         ${output} (parquet)`);
    expect(text.stdout).toMatch(/Created:\s+\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\n/);
    expect(text.stdout).toContain("Features (1):\n  driver_hourly_stats:conv_rate");
    expect(text.stdout).toContain("Columns (3):\n  driver_id\n  event_timestamp\n  conv_rate");
    const json = JSON.parse(pantry(["saved-datasets", "describe", "train_v1", "--json"], repo).stdout);
    expect(json).toMatchObject({ minTs: "2026-10-30T00:00:00.000Z", maxTs: "2026-10-31T06:00:00.000Z" });
  });

  it("deletes the record but keeps the file, then reports the name as not found", () => {
    const deleted = pantry(["saved-datasets", "delete", "train_v1"], repo);
    expect(deleted.code).toBe(0);
    expect(deleted.stdout).toContain(
      `Deleted saved dataset 'train_v1' from project 'cli_datasets' (the file ${output} was kept)`,
    );
    expect(existsSync(output)).toBe(true);
    const missing = pantry(["saved-datasets", "describe", "train_v1"], repo);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain("saved dataset 'train_v1' is not in project 'cli_datasets'; it has none yet");
    expect(missing.stderr).not.toContain("    at ");
    expect(pantry(["saved-datasets", "list"], repo).stdout).toContain("(none)");
  });
});
