/**
 * `pantry saved-datasets list|describe|delete`: the training sets saved with
 * `get-historical-features --save-as <name>`. Deleting removes the registry entry, not the file.
 */
import type { Command } from "commander";
import type { SavedDataset } from "@pantry/core";
import { withStore } from "../context";
import { color, formatTags, printJson, printTable } from "../output";

interface ProjectOption {
  project?: string;
  json?: boolean;
}

/** UTC to the second: what a terminal column has room for. */
function timestamp(value: Date | null): string {
  return value ? `${value.toISOString().slice(0, 19)}Z` : "-";
}

function timeRange(dataset: SavedDataset): string {
  return dataset.minTs ? `${timestamp(dataset.minTs)} .. ${timestamp(dataset.maxTs)}` : "(no rows)";
}

function count(value: number): string {
  return value.toLocaleString("en-US");
}

function printDataset(d: SavedDataset): void {
  const properties: [string, string][] = [
    ["Name", d.name],
    ["Project", d.project],
    ["Location", `${d.location} (${d.format})`],
    ["Rows", count(d.rows)],
    ["Event time range", timeRange(d)],
    ["Feature service", d.featureService ?? "-"],
    ["Entity source", d.entitySource || "-"],
    ["Tags", formatTags(d.tags) || "-"],
    ["Created", timestamp(d.createdAt)],
  ];
  const width = Math.max(...properties.map(([label]) => label.length));
  const lines = properties.map(([label, value]) => `${`${label}:`.padEnd(width + 2)}${value}`);
  const list = (title: string, items: string[]) => [`\n${title} (${items.length}):`, ...items.map((i) => `  ${i}`)];
  process.stdout.write(`${[...lines, ...list("Features", d.features), ...list("Columns", d.columns)].join("\n")}\n`);
}

export function register(program: Command): void {
  const group = program
    .command("saved-datasets")
    .description("list, describe and delete the datasets saved with get-historical-features --save-as");

  group
    .command("list")
    .description("list saved datasets, newest first")
    .option("--project <name>", "list another project of the same registry")
    .option("--json", "print JSON (an array of datasets)")
    .action(async (options: ProjectOption, command: Command) => {
      await withStore(command, async (store) => {
        const { listDatasets } = await import("@pantry/core");
        const datasets = await listDatasets(await store.registry(), options.project ?? store.project);
        if (options.json) return printJson(datasets);
        printTable(
          ["NAME", "ROWS", "FEATURES", "EVENT TIME RANGE", "LOCATION", "CREATED"],
          datasets.map((d) => [
            d.name,
            count(d.rows),
            String(d.features.length),
            timeRange(d),
            d.location,
            timestamp(d.createdAt),
          ]),
        );
      });
    });

  group
    .command("describe <name>")
    .description("show one saved dataset: where it is, its rows, time range, features and columns")
    .option("--project <name>", "look in another project of the same registry")
    .option("--json", "print JSON")
    .action(async (name: string, options: ProjectOption, command: Command) => {
      await withStore(command, async (store) => {
        const { getDatasetOrThrow } = await import("@pantry/core");
        const dataset = await getDatasetOrThrow(await store.registry(), {
          project: options.project ?? store.project,
          name,
        });
        if (options.json) printJson(dataset);
        else printDataset(dataset);
      });
    });

  group
    .command("delete <name>")
    .description("remove a saved dataset from the registry (its file is kept)")
    .option("--project <name>", "delete from another project of the same registry")
    .action(async (name: string, options: ProjectOption, command: Command) => {
      await withStore(command, async (store) => {
        const { currentActor, deleteDataset } = await import("@pantry/core");
        const project = options.project ?? store.project;
        const removed = await deleteDataset(await store.registry(), { project, name, actor: currentActor() });
        process.stdout.write(
          `${color.green("Deleted")} saved dataset '${removed.name}' from project '${project}' (the file ${removed.location} was kept)\n`,
        );
      });
    });
}
