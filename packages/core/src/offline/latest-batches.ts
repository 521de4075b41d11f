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
