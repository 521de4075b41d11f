/**
 * The SQLite registry under concurrent writers, in separate processes against one registry file:
 * two "console" processes (console edits through the engine functions the tRPC edit procedures
 * call, a materialization, scheduler ticks and schedule changes, all at once inside each), and a
 * CLI `pantry apply` run again and again beside them. Afterwards every write that was reported
 * as done is in the registry: no update lost, no request's write rolled back by another's
 * transaction.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyConsoleEdit } from "../src/console/edit";
import { createSchedule } from "../src/materialization/schedules/schedules";
import { initRepo } from "../src/repo/init-repo";
import { Workspace } from "../src/workspace/workspace";

const here = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(here, "../../..");
const WRITER = join(here, "registry-writer.ts");
const CLI = join(ROOT, "apps", "cli", "bin", "pantry.mjs");
const PROJECT = "concurrency_demo";
const ROUNDS = 12;
const APPLIES = 4;

interface WriterSummary {
  tag: string;
  created: string[];
  updates: string[];
  raceWon: string[];
  raceLost: number;
  updateRefused: number;
  jobs: string[];
  ticks: number;
  scheduleChanges: number;
  errors: string[];
}

function run(command: string, args: string[], cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, NO_COLOR: "1", PANTRY_SCHEDULER: "off" } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("close", (code) => done({ code, stdout, stderr }));
  });
}

describe("the SQLite registry under concurrent writers in several processes", () => {
  let workdir: string;
  let repo: string;

  beforeAll(async () => {
    workdir = mkdtempSync(join(tmpdir(), "pantry-concurrency-"));
    repo = await initRepo({ name: PROJECT, parentPath: workdir });
    const cli = await run("node", [CLI, "-c", repo, "apply"], repo);
    expect(cli.code, cli.stderr).toBe(0);
    const workspace = new Workspace({ root: repo });
    await applyConsoleEdit(await workspace.project(PROJECT), {
      edit: {
        intent: "create",
        spec: { kind: "entity", name: "shared", joinKeys: ["shared_id"], valueType: "Int64", description: "v0", owner: "", tags: {} },
      },
      actor: "test",
    });
    await createSchedule(await workspace.registryFor(PROJECT), { project: PROJECT, name: "hourly", every: "1h", actor: "test" });
    // A schedule already due: the writers' scheduler ticks race for its lease, and one of them runs it.
    await createSchedule(await workspace.registryFor(PROJECT), { project: PROJECT, name: "due_now", every: "1d", actor: "test" });
    const registry = await workspace.registryFor(PROJECT);
    await registry.schedules.update(
      PROJECT,
      "due_now",
      { nextRunAt: new Date(Date.now() - 60_000) },
      { actor: "test", action: "test-make-due", summary: "made due for the test", details: {} },
    );
    await registry.close();
    await workspace.close();
  }, 120_000);

  afterAll(() => rmSync(workdir, { recursive: true, force: true }));

  it("loses no update and rolls back no other request's write", async () => {
    const applies = (async () => {
      const results: { code: number | null; stderr: string }[] = [];
      for (let i = 0; i < APPLIES; i++) {
        const entities = Array.from(
          { length: i + 1 },
          (_, k) => `export const code_${k} = new Entity({ name: "code_${k}", joinKeys: ["code_${k}_id"], valueType: "Int64" });`,
        );
        writeFileSync(join(repo, "more_entities.ts"), `import { Entity } from "@pantry/sdk";\n${entities.join("\n")}\n`);
        results.push(await run("node", [CLI, "-c", repo, "apply"], repo));
      }
      return results;
    })();
    const writers = ["a", "b"].map((tag) =>
      run("node", ["--import", "tsx", WRITER, repo, tag, String(ROUNDS)], ROOT).then((r) => {
        expect(r.code, r.stderr).toBe(0);
        return JSON.parse(r.stdout.trim().split("\n").pop() ?? "{}") as WriterSummary;
      }),
    );
    const [applyRuns, ...summaries] = await Promise.all([applies, ...writers]);

    for (const a of applyRuns) expect(a.code, a.stderr).toBe(0);
    for (const s of summaries) expect(s.errors, `writer ${s.tag}`).toEqual([]);

    const workspace = new Workspace({ root: repo });
    const registry = await workspace.registryFor(PROJECT);
    try {
      const contents = await registry.getContents(PROJECT);
      const entities = new Map(contents.entities.map((e) => [e.name, e]));
      // Every create reported as done is there, from both console processes and the CLI.
      for (const s of summaries) for (const name of s.created) expect(entities.has(name), name).toBe(true);
      for (let k = 0; k < APPLIES; k++) expect(entities.has(`code_${k}`), `code_${k}`).toBe(true);
      // Each raced name was won exactly once, and the winner's object is the one stored.
      const won = summaries.flatMap((s) => s.raceWon.map((name) => ({ name, tag: s.tag })));
      expect(won.map((w) => w.name).sort()).toEqual(Array.from({ length: ROUNDS }, (_, i) => `race_${i}`).sort());
      for (const w of won) expect(entities.get(w.name)?.description, w.name).toBe(w.tag);
      // Every update of the shared object is a version of its own: none overwritten, none lost.
      const versions = await registry.history.listVersions(PROJECT, "entity", "shared");
      const updates = summaries.flatMap((s) => s.updates);
      expect(versions.length).toBe(1 + updates.length);
      const described = versions.map((v) => (JSON.parse(v.spec) as { description: string }).description);
      expect(described.sort()).toEqual(["v0", ...updates].sort());
      // Every materialization finished and recorded its intervals; its heartbeats were not lost.
      const jobs = summaries.flatMap((s) => s.jobs);
      expect(jobs.length).toBeGreaterThanOrEqual(4);
      const online = contents.featureViews.filter((v) => v.online).map((v) => v.name);
      const intervals = await registry.listIntervals(PROJECT);
      for (const id of jobs) {
        expect((await registry.jobs.getJob(id))?.status, id).toBe("succeeded");
        const recorded = intervals.filter((i) => i.jobId === id).map((i) => i.viewName);
        expect(recorded.sort(), `intervals of job ${id}`).toEqual([...online].sort());
      }
      // The due schedule ran exactly once, by whichever tick got its lease, and its job finished.
      const due = await registry.schedules.get(PROJECT, "due_now");
      expect(due?.lastStatus).toBe("succeeded");
      expect(due?.leaseOwner ?? null).toBeNull();
      const scheduled = (await registry.jobs.listJobs(PROJECT, { take: 1000 })).filter(
        (j) => j.trigger === "schedule",
      );
      expect(scheduled.map((j) => j.id)).toEqual([due?.lastJobId]);
      expect(scheduled[0]?.status).toBe("succeeded");
      // One audit entry per console write reported as done (creates, race wins, updates, schedule changes).
      const audit = await registry.history.listAudit({ projectName: PROJECT, take: 10_000 });
      const byTag = (tag: string) => audit.filter((e) => e.actor === tag);
      for (const s of summaries) {
        const edits = byTag(s.tag).filter((e) => e.action === "console-edit").length;
        expect(edits, `console edits of ${s.tag}`).toBe(s.created.length + s.raceWon.length + s.updates.length);
        const scheduleEntries = byTag(s.tag).filter((e) => e.kind === "materializationSchedule").length;
        expect(scheduleEntries, `schedule changes of ${s.tag}`).toBe(s.scheduleChanges);
      }
    } finally {
      await registry.close();
      await workspace.close();
    }
  }, 300_000);
});
