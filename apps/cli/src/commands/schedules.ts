/**
 * `pantry schedules list|create|pause|resume|delete|run-due`: materialization schedules of this
 * repo's project. `run-due` runs the due ones once (for cron); `pantry serve` and the console run
 * them on their own.
 */
import type { Command } from "commander";
import type { MaterializationSchedule } from "@pantry/core";
import { PantryError } from "@pantry/core/shared";
import { withStore } from "../context";
import { color, printJson, printTable } from "../output";

function timestamp(value: Date | null): string {
  return value ? `${value.toISOString().slice(0, 19)}Z` : "-";
}

function lastRun(s: MaterializationSchedule): string {
  if (!s.lastRunAt) return "-";
  return `${timestamp(s.lastRunAt)} ${s.lastStatus ?? ""}${s.lastJobId ? ` (job ${s.lastJobId})` : ""}`;
}

function describe(s: MaterializationSchedule): string {
  return `'${s.name}' (${s.views.length ? s.views.join(", ") : "every online view"} every ${s.every})`;
}

export function register(program: Command): void {
  const group = program
    .command("schedules")
    .description("run materialize-incremental on an interval (pantry serve and the console run due schedules)");

  group
    .command("list")
    .description("list the project's schedules with their next and last runs")
    .option("--json", "print JSON (an array of schedules)")
    .action(async (options: { json?: boolean }, command: Command) => {
      await withStore(command, async (store) => {
        const { listSchedules } = await import("@pantry/core");
        const schedules = await listSchedules(await store.registry(), store.project);
        if (options.json) return printJson(schedules);
        if (schedules.length === 0) {
          process.stdout.write(
            `No schedules in project '${store.project}'; add one with 'pantry schedules create --every 1h'\n`,
          );
          return;
        }
        printTable(
          ["NAME", "VIEWS", "EVERY", "STATE", "NEXT RUN", "LAST RUN"],
          schedules.map((s) => [
            s.name,
            s.views.length ? s.views.join(",") : "(all online)",
            s.every,
            s.enabled ? "active" : "paused",
            s.enabled ? timestamp(s.nextRunAt) : "-",
            lastRun(s),
          ]),
        );
      });
    });

  group
    .command("create")
    .description("add a schedule: materialize-incremental for some views (default: every online view) on an interval")
    .requiredOption("--every <interval>", 'how often: "15m", "1h", "1d" (at least 1m; no cron)')
    .option("--views <names>", "comma-separated feature views (default: every online view)")
    .option("--name <name>", "schedule name (default: every_<interval>)")
    .action(async (options: { every: string; views?: string; name?: string }, command: Command) => {
      await withStore(command, async (store) => {
        const { createSchedule, currentActor } = await import("@pantry/core");
        const views = options.views
          ?.split(",")
          .map((v) => v.trim())
          .filter(Boolean);
        const schedule = await createSchedule(await store.registry(), {
          project: store.project,
          name: options.name,
          every: options.every,
          views,
          actor: currentActor(),
        });
        process.stdout.write(
          `${color.green("Created")} schedule ${describe(schedule)}; next run ${timestamp(schedule.nextRunAt)}\n`,
        );
      });
    });

  const change = (verb: "pause" | "resume" | "delete", description: string) =>
    group
      .command(`${verb} <name>`)
      .description(description)
      .action(async (name: string, _options: unknown, command: Command) => {
        await withStore(command, async (store) => {
          const { changeSchedule, currentActor } = await import("@pantry/core");
          const schedule = await changeSchedule(await store.registry(), {
            project: store.project,
            name,
            actor: currentActor(),
            change: verb,
          });
          const done = { pause: "Paused", resume: "Resumed", delete: "Deleted" }[verb];
          const next = verb === "resume" ? `; next run ${timestamp(schedule.nextRunAt)}` : "";
          process.stdout.write(`${color.green(done)} schedule ${describe(schedule)}${next}\n`);
        });
      });
  change("pause", "stop running a schedule (it is kept)");
  change("resume", "run a paused schedule again, from one interval after now");
  change("delete", "remove a schedule (its jobs stay in the history)");

  group
    .command("run-due")
    .description("run this project's due schedules once and exit (for cron; one process wins each schedule)")
    .action(async (_options: unknown, command: Command) => {
      await withStore(command, async (store) => {
        const { runDueSchedules } = await import("@pantry/core");
        const runs = await runDueSchedules({
          registry: await store.registry(),
          runnerFor: async (project) => (project === store.project ? store : null),
          projects: [store.project],
        });
        if (runs.length === 0) process.stdout.write("No schedule is due\n");
        for (const run of runs) {
          const job = run.jobId ? ` job ${run.jobId}` : "";
          const line = `schedule '${run.schedule}': ${run.status}${job}; next run ${timestamp(run.nextRunAt)}`;
          process.stdout.write(`${run.status === "succeeded" ? line : color.red(`${line}: ${run.error}`)}\n`);
        }
        if (runs.some((r) => r.status !== "succeeded")) {
          throw new PantryError("INTERNAL", "some schedules failed; see their jobs with 'pantry schedules list'");
        }
      });
    });
}
