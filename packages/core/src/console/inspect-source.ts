/**
 * What the data-source and feature-view forms need from a file before anything is saved: that it
 * exists, and its columns with the Pantry dtypes we would propose for them.
 */
import { existsSync, statSync } from "node:fs";
import { isAbsolute, relative } from "node:path";
import { confinePath, isGlobPath, pathPolicyOf } from "../config/allowed-paths";
import type { Dtype, FileSourceSpec } from "../definitions/types";
import { isPantryError, PantryError } from "../errors";
import type { FeatureStore } from "../feature-store";

export interface InspectedColumn {
  name: string;
  /** Proposed Pantry dtype; null when the column's type has none (the form asks). */
  dtype: Dtype | null;
  rawType: string;
}

export interface InspectedSource {
  /** As the user typed it (relative to the repo folder, or absolute). */
  path: string;
  resolvedPath: string;
  format: "parquet" | "csv";
  columns: InspectedColumn[];
  /** Columns that can be the event timestamp (timestamp-typed ones first). */
  timestampCandidates: string[];
}

export async function inspectFileSource(
  store: Pick<FeatureStore, "config" | "describeSource">,
  options: { path: string; format?: "parquet" | "csv" },
): Promise<InspectedSource> {
  const repoPath = store.config.repoPath;
  const path = options.path.trim();
  // Confined before anything touches the file system: a refused path gets the same answer
  // whether or not it exists.
  const resolvedPath = confinePath(pathPolicyOf(store.config), path, { field: "path" });
  const shown = isAbsolute(path) ? path : `${path} (in ${repoPath})`;
  const lower = path.toLowerCase();
  // The format comes from the name only: a .csv reader pointed at any file would show its first line.
  const format = lower.endsWith(".csv")
    ? "csv"
    : lower.endsWith(".parquet") || lower.endsWith(".pq")
      ? "parquet"
      : null;
  if (format === null) {
    throw new PantryError("INVALID_ARGUMENT", `${path} is not a .parquet or .csv file; name a Parquet or CSV file`, {
      field: "path",
    });
  }
  if (options.format && options.format !== format) {
    throw new PantryError(
      "INVALID_ARGUMENT",
      `${path} is named as ${format}, not ${options.format}; the format follows the file's extension`,
      { field: "path" },
    );
  }
  if (isGlobPath(path)) {
    throw new PantryError(
      "INVALID_ARGUMENT",
      `${path} is a pattern; inspect one file (like data/driver_stats.parquet)`,
      {
        field: "path",
      },
    );
  }
  if (!existsSync(resolvedPath) || !statSync(resolvedPath).isFile()) {
    throw new PantryError(
      "NOT_FOUND",
      `there is no file at ${shown}; give a path relative to the feature repo folder, like data/driver_stats.parquet`,
      {
        field: "path",
      },
    );
  }
  const probe: FileSourceSpec = {
    kind: "dataSource",
    type: "file",
    name: "inspected_source",
    description: "",
    owner: "",
    tags: {},
    path: isAbsolute(path) ? path : relative(repoPath, resolvedPath),
    format,
    timestampField: "",
    createdTimestampColumn: null,
    fieldMapping: {},
  };
  let columns: InspectedColumn[];
  try {
    columns = await store.describeSource(probe);
  } catch (error) {
    if (isPantryError(error)) throw new PantryError(error.code, error.message, { ...error.details, field: "path" });
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new PantryError("INVALID_ARGUMENT", `${shown} could not be read as ${format}: ${reason}`, { field: "path" });
  }
  const timestamps = columns.filter((c) => c.dtype === "UnixTimestamp").map((c) => c.name);
  const named = columns
    .filter((c) => c.dtype !== "UnixTimestamp" && /(_ts|_at|time|timestamp|date)$/i.test(c.name))
    .map((c) => c.name);
  return { path, resolvedPath, format, columns, timestampCandidates: [...timestamps, ...named] };
}
