/** `pantry schedules` as a user runs it: a real process over a repo made by `init` and applied. */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FeatureStore } from "@pantry/core";
import { BIN, pantry } from "./run-cli";

describe("pantry schedules", () => {
  let workdir: string;
  let repo: string;

  beforeAll(() => {
    workdir = mkdtempSync(join(tmpdir(), "pantry-cli-schedules-"));
    execFileSync("node", [BIN, "init", "cli_schedules", "--end", "2026-11-01T00:00:00"], { cwd: workdir });
    repo = join(workdir, "cli_schedules");
    execFileSync("node", [BIN, "apply"], { cwd: repo });
  });
  afterAll(() => rmSync(workdir, { recursive: true, force: true }));

  /** Moves a schedule's next run into the past, as if its time had come. */
  async function makeDue(name: string) {
    const store = new FeatureStore({ repoPath: repo });
    try {
      const registry = await store.registry();
      const audit = { actor: "test", action: "test", summary: "due", details: {} };
      await registry.schedules.update("cli_schedules", name, { nextRunAt: new Date(Date.now() - 1000) }, audit);
    } finally {
      await store.close();
      await (await store.registry()).close();
    }
  }

  it("creates, lists, pauses, resumes, runs due schedules and deletes them", async () => {
    const tooShort = pantry(["schedules", "create", "--every", "30s"], repo);
    expect(tooShort.code).not.toBe(0);
    expect(tooShort.stderr).toContain("every '30s' is shorter than a minute");
    const unknown = pantry(["schedules", "create", "--every", "1h", "--views", "nope"], repo);
    expect(unknown.stderr).toContain("feature view 'nope' is not in project 'cli_schedules'");

    const created = pantry(
      ["schedules", "create", "--every", "1h", "--views", "driver_hourly_stats", "--name", "hourly"],
      repo,
    );
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/^Created schedule 'hourly' \(driver_hourly_stats every 1h\); next run \d{4}-/);
    expect(pantry(["schedules", "create", "--every", "1d"], repo).stdout).toContain("Created schedule 'every_1d'");

    const table = pantry(["schedules", "list"], repo);
    expect(table.stdout.split("\n")[0]).toMatch(/^NAME\s+VIEWS\s+EVERY\s+STATE\s+NEXT RUN\s+LAST RUN$/);
    expect(table.stdout).toMatch(/every_1d\s+\(all online\)\s+1d\s+active/);
    expect(table.stdout).toMatch(/hourly\s+driver_hourly_stats\s+1h\s+active/);

    expect(pantry(["schedules", "pause", "hourly"], repo).stdout).toContain("Paused schedule 'hourly'");
    expect(pantry(["schedules", "list"], repo).stdout).toMatch(/hourly\s+driver_hourly_stats\s+1h\s+paused/);
    expect(pantry(["schedules", "resume", "hourly"], repo).stdout).toContain("Resumed schedule 'hourly'");
    expect(pantry(["schedules", "pause", "hourli"], repo).stderr).toContain("did you mean 'hourly'");

    expect(pantry(["schedules", "run-due"], repo).stdout).toBe("No schedule is due\n");
    await makeDue("hourly");
    const ran = pantry(["schedules", "run-due"], repo);
    expect(ran.code).toBe(0);
    expect(ran.stdout).toMatch(/^schedule 'hourly': succeeded job \w+; next run \d{4}-/);
    const [hourly] = JSON.parse(pantry(["schedules", "list", "--json"], repo).stdout).filter(
      (s: { name: string }) => s.name === "hourly",
    );
    expect(hourly).toMatchObject({ lastStatus: "succeeded", leaseOwner: null, views: ["driver_hourly_stats"] });

    expect(pantry(["schedules", "delete", "hourly"], repo).stdout).toContain("Deleted schedule 'hourly'");
    expect(pantry(["schedules", "delete", "every_1d"], repo).code).toBe(0);
    expect(pantry(["schedules", "list"], repo).stdout).toContain("No schedules in project 'cli_schedules'");
    // A dozen CLI processes one after another: minutes on a loaded 2-core machine, not seconds.
  }, 180_000);
});
