/**
 * One writer process of the registry-concurrency test: what the console's server does at once
 * (console edits through the engine functions the tRPC edit procedures call, a materialization,
 * scheduler ticks, schedule pauses and resumes), all in one process on one Workspace, as many
 * requests would. Prints one JSON line: what succeeded, and any unexpected error.
 *
 *   node --import tsx registry-writer.ts <repo folder> <tag> <rounds>
 */
import { applyConsoleEdit } from "../src/console/edit";
import type { EntitySpec } from "../src/definitions/types";
import { isPantryError } from "../src/errors";
import { changeSchedule } from "../src/materialization/schedules/schedules";
import { Scheduler } from "../src/materialization/schedules/scheduler";
import { Workspace } from "../src/workspace/workspace";

const [repo = "", tag = "w", roundsText = "10"] = process.argv.slice(2);
const rounds = Number(roundsText);
const project = process.env.PANTRY_TEST_PROJECT ?? "concurrency_demo";

const entity = (name: string, description: string): EntitySpec => ({
  kind: "entity",
  name,
  joinKeys: [`${name}_id`],
  valueType: "Int64",
  description,
  owner: "",
  tags: {},
});

const summary = {
  tag,
  created: [] as string[],
  updates: [] as string[],
  raceWon: [] as string[],
  raceLost: 0,
  updateRefused: 0,
  jobs: [] as string[],
  ticks: 0,
  scheduleChanges: 0,
  errors: [] as string[],
};

function unexpected(where: string, error: unknown) {
  summary.errors.push(`${where}: ${isPantryError(error) ? `${error.code} ${error.message}` : String(error)}`);
}

async function main() {
  const workspace = new Workspace({ root: repo });
  const handle = await workspace.project(project);
  const store = await workspace.storeFor(project);
  const registry = await store.registry();
  const scheduler = new Scheduler({
    registry,
    runnerFor: async (name) => (name === project ? store : null),
    projects: [project],
    onError: (error) => unexpected("scheduler tick", error),
  });

  const edits = (async () => {
    for (let i = 0; i < rounds; i++) {
      const name = `console_${tag}_${i}`;
      try {
        await applyConsoleEdit(handle, { edit: { intent: "create", spec: entity(name, "") }, actor: tag });
        summary.created.push(name);
      } catch (error) {
        unexpected(`create ${name}`, error);
      }
      // Two processes race for the same name: exactly one wins, the other gets CONFLICT.
      const race = `race_${i}`;
      try {
        await applyConsoleEdit(handle, { edit: { intent: "create", spec: entity(race, tag) }, actor: tag });
        summary.raceWon.push(race);
      } catch (error) {
        if (isPantryError(error) && error.code === "CONFLICT") summary.raceLost++;
        else unexpected(`race ${race}`, error);
      }
      // Both processes update one object: each update is a new version, none is lost.
      const description = `${tag} ${i}`;
      try {
        await applyConsoleEdit(handle, {
          edit: { intent: "update", spec: entity("shared", description) },
          actor: tag,
        });
        summary.updates.push(description);
      } catch (error) {
        // A concurrent update of the same object may be refused (the version was taken), never lost.
        if (isPantryError(error) && (error.code === "CONFLICT" || error.code === "FAILED_PRECONDITION"))
          summary.updateRefused++;
        else unexpected(`update shared (${description})`, error);
      }
    }
  })();

  const materializations = (async () => {
    for (let i = 0; i < Math.max(2, Math.floor(rounds / 4)); i++) {
      try {
        const result = await store.materialize(new Date("2025-11-01T00:00:00Z"), new Date("2026-11-01T00:00:00Z"), {
          trigger: "test",
        });
        summary.jobs.push(result.jobId);
      } catch (error) {
        unexpected(`materialize ${i}`, error);
      }
    }
  })();

  const ticks = (async () => {
    for (let i = 0; i < rounds; i++) {
      await scheduler.tick();
      summary.ticks++;
      try {
        const asked = Date.now();
        const schedule = await changeSchedule(await workspace.registryFor(project), {
          project,
          name: "hourly",
          actor: tag,
          change: i % 2 === 0 ? "pause" : "resume",
        });
        // Pausing a paused schedule writes nothing: count only the changes this call made.
        if (schedule.updatedBy === tag && schedule.updatedAt.getTime() >= asked - 1) summary.scheduleChanges++;
      } catch (error) {
        // Pausing a schedule the other process just paused is refused; that is not a lost write.
        if (!(isPantryError(error) && (error.code === "FAILED_PRECONDITION" || error.code === "CONFLICT")))
          unexpected(`schedule change ${i}`, error);
      }
    }
  })();

  await Promise.all([edits, materializations, ticks]);
  await scheduler.stop();
  await workspace.close();
  await registry.close();
}

main()
  .catch((error) => unexpected("main", error))
  .finally(() => {
    process.stdout.write(`${JSON.stringify(summary)}\n`);
  });
