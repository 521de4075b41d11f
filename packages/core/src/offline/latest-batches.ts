/** Rows of the "latest per key" query (internal column names) -> MaterializationBatches. */
import { PantryError } from "../errors";
import { SOURCE_CREATED, SOURCE_TS, sourceFeatureColumn, sourceKeyColumn } from "./sql/render-source";
import type { MaterializationBatch, PullLatestOptions } from "./types";
import type { ViewRead } from "./view-read";

const DEFAULT_BATCH_SIZE = 10_000;

export async function* readLatestBatches(
  rows: AsyncIterable<Record<string, unknown>[]>,
  read: ViewRead,
  options: PullLatestOptions,
): AsyncIterable<MaterializationBatch> {
  const size = Math.max(1, options.batchSize ?? DEFAULT_BATCH_SIZE);
  let batch = emptyBatch(read);
  for await (const chunk of rows) {
    if (options.signal?.aborted) {
      throw new PantryError("CANCELLED", `reading feature view '${options.view.name}' was cancelled`);
    }
    for (const row of chunk) {
      addRow(batch, row, read);
      if (batch.eventTimestamps.length >= size) {
        yield batch;
        batch = emptyBatch(read);
      }
    }
  }
  if (batch.eventTimestamps.length > 0) yield batch;
}

function emptyBatch(read: ViewRead): MaterializationBatch {
  return {
    entityKeys: [],
    values: Object.fromEntries(read.features.map((feature) => [feature.name, []])),
    eventTimestamps: [],
    createdTimestamps: [],
  };
}

function addRow(batch: MaterializationBatch, row: Record<string, unknown>, read: ViewRead): void {
  batch.entityKeys.push(read.keys.map((_, k) => row[sourceKeyColumn(k)]));
  read.features.forEach((feature, f) => {
    batch.values[feature.name]?.push(row[sourceFeatureColumn(f)] ?? null);
  });
  batch.eventTimestamps.push(asDate(row[SOURCE_TS]) ?? new Date(0));
  batch.createdTimestamps.push(asDate(row[SOURCE_CREATED]));
}

function asDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  return value instanceof Date ? value : new Date(String(value));
}

/** The column of a latest-per-key chunk holding each row's values as stored text, when the engine wrote them. */
export const ENCODED_VALUES_COLUMN = "__pantry_values";

/** One chunk of the "latest per key" query as columns, named by the query's internal column names. */
export type ColumnChunk = Record<string, unknown[]>;

/**
 * The columnar path (DuckDB): feature columns are appended to the batch column by column instead
 * of being read through one object per row, which is most of the cost at a million rows.
 */
export async function* readLatestColumnBatches(
  chunks: AsyncIterable<ColumnChunk>,
  read: ViewRead,
  options: PullLatestOptions,
  toValue: (value: unknown) => unknown,
): AsyncIterable<MaterializationBatch> {
  const size = Math.max(1, options.batchSize ?? DEFAULT_BATCH_SIZE);
  let batch = emptyBatch(read);
  for await (const chunk of chunks) {
    if (options.signal?.aborted) {
      throw new PantryError("CANCELLED", `reading feature view '${options.view.name}' was cancelled`);
    }
    const timestamps = chunk[SOURCE_TS] ?? [];
    const created = chunk[SOURCE_CREATED];
    const keys = read.keys.map((_, k) => chunk[sourceKeyColumn(k)] ?? []);
    // Values the engine already wrote as stored text (encode-values.ts): no feature columns then.
    const encoded = chunk[ENCODED_VALUES_COLUMN] as string[] | undefined;
    const features = encoded
      ? []
      : read.features.map((feature, f) => ({
          target: batch.values[feature.name],
          column: chunk[sourceFeatureColumn(f)],
        }));
    for (let row = 0; row < timestamps.length; row++) {
      batch.entityKeys.push(keys.map((column) => toValue(column[row])));
      batch.eventTimestamps.push(asDate(timestamps[row]) ?? new Date(0));
      batch.createdTimestamps.push(created ? asDate(created[row]) : null);
      if (encoded) {
        if (!batch.encodedValues) batch.encodedValues = [];
        batch.encodedValues.push(encoded[row] as string);
      }
      for (const feature of features) {
        const value = feature.column?.[row];
        feature.target?.push(value === undefined || value === null ? null : toValue(value));
      }
      if (batch.eventTimestamps.length >= size) {
        yield batch;
        batch = emptyBatch(read);
        for (const [f, feature] of features.entries()) feature.target = batch.values[read.features[f]?.name ?? ""];
      }
    }
  }
  if (batch.eventTimestamps.length > 0) yield batch;
}
