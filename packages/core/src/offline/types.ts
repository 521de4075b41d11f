/**
 * The contract between the engine and an offline store (DuckDB over files, PostgreSQL).
 * Retrieval and materialization both read sources through it.
 */
import type { DataSourceSpec, Dtype, EntitySpec, FeatureViewSpec } from "../definitions/types";

/** One view as a retrieval uses it (a feature ref list or one projection of a feature service). */
export interface FeatureRequest {
  view: FeatureViewSpec;
  source: DataSourceSpec;
  entities: EntitySpec[];
  /** Output prefix: the projection's alias, else the view name (used by full feature names). */
  outputPrefix: string;
  features: string[];
  /** View join key -> entity-table column. */
  joinKeyMap: Record<string, string>;
}

/** Rows in memory, a Parquet/CSV file path, or SQL that the offline store runs. */
export type EntityDfInput = Record<string, unknown>[] | string | { sql: string };

export interface RetrievalProgress {
  phase: "preparing" | "joining" | "writing" | "done";
  /** 0..1 when known. */
  fraction?: number;
  rows?: number;
}

export interface HistoricalRetrievalOptions {
  requests: FeatureRequest[];
  entityDf: EntityDfInput;
  fullFeatureNames: boolean;
  filterByCreatedTimestamp: boolean;
  onProgress?: (progress: RetrievalProgress) => void;
}

export interface RetrievalJob {
  /** Output column names, in order: the entity table's columns, then the features. */
  readonly columns: string[];
  toRows(): Promise<Record<string, unknown>[]>;
  /** Streams to the file without materializing rows in JS; writes to a temp file and renames. */
  toParquet(path: string): Promise<{ rows: number }>;
  toCsv(path: string): Promise<{ rows: number }>;
  /** The SQL that runs, for `--explain` and debugging. */
  readonly sql: string;
}

export interface MaterializationBatch {
  /** Join-key values per row, in the order of the view's join keys. */
  entityKeys: unknown[][];
  /** Feature name -> column of values, aligned with entityKeys. */
  values: Record<string, unknown[]>;
  eventTimestamps: Date[];
  createdTimestamps: (Date | null)[];
}

export interface PullLatestOptions {
  view: FeatureViewSpec;
  source: DataSourceSpec;
  entities: EntitySpec[];
  /** Inclusive; null = the whole source. */
  start: Date | null;
  /** Inclusive. */
  end: Date;
  batchSize?: number;
  signal?: AbortSignal;
}

export interface SourceColumn {
  name: string;
  /** The closest Pantry dtype, or null when the column's type has none. */
  dtype: Dtype | null;
  /** The engine's own type name (BIGINT, TIMESTAMP WITH TIME ZONE, ...). */
  rawType: string;
}

export interface OfflineStore {
  getHistoricalFeatures(options: HistoricalRetrievalOptions): Promise<RetrievalJob>;
  /** Latest row per entity key with start <= event_ts <= end (then created_ts), after field mapping. */
  pullLatest(options: PullLatestOptions): AsyncIterable<MaterializationBatch>;
  /** Row count of pullLatest's result, for progress bars. */
  countLatest(options: PullLatestOptions): Promise<number>;
  /** Columns of a source after field mapping; throws NOT_FOUND naming the file/table when missing. */
  describeSource(source: DataSourceSpec): Promise<SourceColumn[]>;
  sampleSource(source: DataSourceSpec, limit: number): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}
