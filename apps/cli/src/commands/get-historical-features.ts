/**
 * `pantry get-historical-features`: point-in-time correct training data from an entity file to a
 * Parquet/CSV file (streamed inside the offline store's engine), with progress on a terminal and a
 * one-line summary.
 */
import type { Command } from "commander";
import type { FeatureStore } from "@pantry/core";
import { PantryError } from "@pantry/core/shared";
import type { RetrievalProgress } from "@pantry/core";
import { withStore } from "../context";
import { color, printJson } from "../output";

export interface GetHistoricalFeaturesOptions {
  entityDf: string;
  features?: string[];
  featureService?: string;
  fullFeatureNames?: boolean;
  filterByCreatedTimestamp?: boolean;
  output?: string;
  explain?: boolean;
  json?: boolean;
  saveAs?: string;
  overwrite?: boolean;
}

function outputFormat(path: string): "parquet" | "csv" {
  if (/\.(parquet|pq)$/i.test(path)) return "parquet";
  if (/\.csv$/i.test(path)) return "csv";
  throw new PantryError("INVALID_ARGUMENT", `--output ${path} must end in .parquet or .csv`);
}

function featureSelection(options: GetHistoricalFeaturesOptions): string[] | string {
  if (options.featureService && options.features?.length) {
    throw new PantryError("INVALID_ARGUMENT", "give either --features or --feature-service, not both");
  }
  if (options.featureService) return options.featureService;
  if (options.features?.length) return options.features;
  throw new PantryError(
    "INVALID_ARGUMENT",
    "give the features: --features view:feature,... or --feature-service <name>",
  );
}

/** One redrawn status line on a TTY; nothing on a pipe (the summary says it all). */
function progressLine(stream: NodeJS.WriteStream): ((p: RetrievalProgress) => void) | undefined {
  if (!stream.isTTY) return undefined;
  return (progress) => {
    const percent = progress.fraction !== undefined ? ` ${Math.round(progress.fraction * 100)}%` : "";
    const rows = progress.rows !== undefined ? ` ${progress.rows.toLocaleString("en-US")} rows` : "";
    stream.write(`\r${progress.phase}...${percent}${rows}\u001b[K`);
    if (progress.phase === "done") stream.write("\r\u001b[K");
  };
}

export async function runGetHistoricalFeatures(
  store: FeatureStore,
  options: GetHistoricalFeaturesOptions,
): Promise<void> {
  const started = performance.now();
  const format = options.explain ? null : outputFormat(options.output ?? "");
  const features = featureSelection(options);
  const job = await store.getHistoricalFeatures({
    features,
    entityDf: options.entityDf,
    fullFeatureNames: options.fullFeatureNames ?? false,
    filterByCreatedTimestamp: options.filterByCreatedTimestamp ?? false,
    onProgress: options.json ? undefined : progressLine(process.stderr),
  });
  if (options.explain || format === null || !options.output) {
    process.stdout.write(`${job.sql}\n`);
    return;
  }
  const saved = options.saveAs
    ? await store.createSavedDataset({
        name: options.saveAs,
        job,
        features,
        path: options.output,
        overwrite: options.overwrite ?? false,
        entityDf: options.entityDf,
      })
    : null;
  const { rows } = saved
    ? { rows: saved.rows }
    : format === "parquet"
      ? await job.toParquet(options.output)
      : await job.toCsv(options.output);
  const seconds = (performance.now() - started) / 1000;
  const views = job.views.length;
  if (options.json) {
    printJson({
      output: options.output,
      rows,
      views,
      columns: job.columns,
      seconds,
      ...(saved ? { savedAs: saved.name, minTs: saved.minTs, maxTs: saved.maxTs, replaced: saved.replaced } : {}),
    });
    return;
  }
  process.stdout.write(
    `${color.green("Wrote")} ${rows.toLocaleString("en-US")} rows x ${job.columns.length} columns (${views} view${views === 1 ? "" : "s"}) to ${options.output} in ${seconds.toFixed(1)} s\n`,
  );
  if (saved) {
    const range = saved.minTs && saved.maxTs ? `, ${saved.minTs.toISOString()} to ${saved.maxTs.toISOString()}` : "";
    process.stdout.write(
      `${color.green(saved.replaced ? "Replaced" : "Saved")} dataset '${saved.name}' in project '${saved.project}' (${saved.features.length} features${range}); see pantry saved-datasets describe ${saved.name}\n`,
    );
  }
}

function list(value: string, previous: string[] = []): string[] {
  return [
    ...previous,
    ...value
      .split(",")
      .map((v) => v.trim())
      .filter(Boolean),
  ];
}

export function register(program: Command): void {
  program
    .command("get-historical-features")
    .description("point-in-time correct training data: features as of each entity row's event_timestamp")
    .requiredOption("--entity-df <file>", "entity table: a .csv or .parquet file with join keys and event_timestamp")
    .option("--features <refs>", "feature refs view:feature (comma-separated, repeatable)", list)
    .option("--feature-service <name>", "all features of a feature service")
    .option("--full-feature-names", "name output columns view__feature")
    .option("--filter-by-created-timestamp", "also require created_timestamp <= event_timestamp")
    .option("-o, --output <file>", "where to write: a .parquet or .csv file (written whole or not at all)")
    .option("--explain", "print the SQL that would run instead of running it")
    .option("--save-as <name>", "also register the result as a saved dataset under this name")
    .option("--overwrite", "with --save-as: replace a saved dataset of the same name")
    .option("--json", "print the summary as JSON")
    .action(async (options: GetHistoricalFeaturesOptions, command: Command) => {
      if (!options.explain && !options.output) {
        throw new PantryError("INVALID_ARGUMENT", "give --output <file.parquet|file.csv> (or --explain)");
      }
      if (options.overwrite && !options.saveAs) {
        throw new PantryError("INVALID_ARGUMENT", "--overwrite goes with --save-as <name>");
      }
      await withStore(command, (store) => runGetHistoricalFeatures(store, options));
    });
}
