/**
 * The file side of a saved dataset: the job writes it (streamed and atomic, as every export is),
 * then DuckDB reads it back for the row count and the entity-time range, so the registry describes
 * what is on disk and no row passes through JS.
 */
import { resolve } from "node:path";
import { PantryError } from "../errors";
import { fileFormatOf, type OutputFormat } from "../offline/atomic-file";
import { asPantryError, openDuckDatabase, withConnection } from "../offline/duckdb/database";
import { ENTITY_TIMESTAMP_INPUT } from "../offline/sql/plan";
import type { RetrievalJob } from "../offline/types";

export interface DatasetFile {
  location: string;
  format: OutputFormat;
}

export interface DatasetFileStats {
  rows: number;
  minTs: Date | null;
  maxTs: Date | null;
}

/** The absolute path and format of an output path; only .parquet and .csv can be saved. */
export function datasetFileOf(name: string, path: string): DatasetFile {
  const format = fileFormatOf(path);
  if (format === null) {
    throw new PantryError(
      "INVALID_ARGUMENT",
      `saved dataset '${name}': ${path} must end in .parquet or .csv (the format is taken from the extension)`,
      { path },
    );
  }
  return { location: resolve(path), format };
}

export async function writeDatasetFile(job: RetrievalJob, file: DatasetFile): Promise<void> {
  if (file.format === "parquet") await job.toParquet(file.location);
  else await job.toCsv(file.location);
}

/**
 * Row count and min/max entity timestamp of a written file. The timestamp is cast because a CSV
 * column may be sniffed as text; a file without the column (SQL entity tables may omit it) has
 * no range.
 */
export async function measureDatasetFile(file: DatasetFile, columns: readonly string[]): Promise<DatasetFileStats> {
  const reader = file.format === "parquet" ? "read_parquet($1)" : "read_csv($1, header = true, auto_detect = true)";
  const ts = `CAST("${ENTITY_TIMESTAMP_INPUT}" AS TIMESTAMPTZ)`;
  const range = columns.includes(ENTITY_TIMESTAMP_INPUT)
    ? `epoch_ms(min(${ts})), epoch_ms(max(${ts}))`
    : "NULL::BIGINT, NULL::BIGINT";
  // A streaming aggregate over one scan: a small engine of its own, whatever the offline store is.
  const db = await openDuckDatabase({ memoryLimit: "256MB" });
  try {
    const row = await withConnection(db, async (connection) => {
      const result = await connection.runAndReadAll(`SELECT count(*), ${range} FROM ${reader}`, [file.location]);
      return result.getRows()[0] ?? [];
    });
    return { rows: Number(row[0] ?? 0), minTs: dateOrNull(row[1]), maxTs: dateOrNull(row[2]) };
  } catch (error) {
    throw asPantryError(error, `reading the saved dataset file ${file.location}`);
  } finally {
    db.close();
  }
}

function dateOrNull(epochMs: unknown): Date | null {
  return epochMs === null || epochMs === undefined ? null : new Date(Number(epochMs));
}
