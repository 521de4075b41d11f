/**
 * The contract between the engine and an offline store (DuckDB over files, PostgreSQL).
 * Retrieval and materialization both read sources through it.
 */
import type {
  DataSourceSpec,
  Dtype,
  EntitySpec,
  FeatureViewSpec,
  FieldSpec,
  OnDemandFeatureViewSpec,
} from "../definitions/types";
import type { RowTransform } from "../transforms/on-demand";

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
  /**
   * Features joined only to feed on-demand views: fetched point-in-time like the others into
   * hidden columns, and left out of the output. A request may have only these.
   */
  inputFeatures?: string[];
}

/** One on-demand view (or one alias of it) computed row by row from the joined rows. */
export interface OnDemandRequest {
  view: OnDemandFeatureViewSpec;
  /** Compiled once per retrieval (transforms/on-demand.ts), never per row. */
  transform: RowTransform;
  /** Output prefix: the projection's alias, else the view name (used by full feature names). */
  outputPrefix: string;
  /** The outputs asked for. */
  features: string[];
  /**
   * Its feature-view inputs, in the order serving passes them: each is a feature (visible or an
   * input feature) of requests[request].
   */
  inputs: { request: number; view: string; feature: string }[];
  /** Request-source fields: columns of the entity table. */
  requestFields: FieldSpec[];
  /**
   * Where its features come out: before those of requests[position] (after all of them when
   * position = requests.length), so the output keeps the order the features were asked in.
   */
  position: number;
}

/** Rows in memory, a Parquet/CSV file path, or SQL that the offline store runs. */
export type EntityDfInput = Record<string, unknown>[] | string | { sql: string };

export interface RetrievalProgress {
  /** "transforming": on-demand views computed row by row, `rows` done so far. */
  phase: "preparing" | "joining" | "transforming" | "writing" | "done";
  /** 0..1 when known. */
  fraction?: number;
  rows?: number;
}

export interface HistoricalRetrievalOptions {
  requests: FeatureRequest[];
  /** On-demand views, computed after the join from its rows and the entity table's columns. */
  onDemand?: OnDemandRequest[];
  entityDf: EntityDfInput;
  fullFeatureNames: boolean;
  filterByCreatedTimestamp: boolean;
  onProgress?: (progress: RetrievalProgress) => void;
}

export interface RetrievalJob {
  /** Output column names, in order: the entity table's columns, then the features. */
  readonly columns: string[];
  /** The views the features come from (output prefixes: names or aliases, on-demand views too), in order. */
  readonly views: string[];
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
  /** Feature name -> column of values, aligned with entityKeys (empty when encodedValues is given). */
  values: Record<string, unknown[]>;
  eventTimestamps: Date[];
  createdTimestamps: (Date | null)[];
  /**
   * Each row's values already in the online stores' stored text (value-codec.ts), when the reader
   * was asked for it (PullLatestOptions.encodeValues) and could produce it.
   */
  encodedValues?: string[];
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
  /** Only the entity keys of this hash partition (the queue engine; absent = every key). */
  partition?: { index: number; count: number } | null;
  /**
   * Give each row's values as the online stores' stored text (batch.encodedValues) where the engine
   * can write it itself, off the JavaScript thread; a store that cannot gives `values` as always.
   */
  encodeValues?: boolean;
}

export interface SourceColumn {
  name: string;
  /** The closest Pantry dtype, or null when the column's type has none. */
  dtype: Dtype | null;
  /** The engine's own type name (BIGINT, TIMESTAMP WITH TIME ZONE, ...). */
  rawType: string;
}

export interface OfflineStore {
  /**
   * Starts the engine ahead of the first query (DuckDB: loading its library, about 0.1 s), so a
   * caller can overlap it with the registry read. Optional; a store without it starts on first use.
   */
  prepare?(): Promise<void>;
  getHistoricalFeatures(options: HistoricalRetrievalOptions): Promise<RetrievalJob>;
  /** Latest row per entity key with start <= event_ts <= end (then created_ts), after field mapping. */
  pullLatest(options: PullLatestOptions): AsyncIterable<MaterializationBatch>;
  /** Row count of pullLatest's result, for progress bars. */
  countLatest(options: PullLatestOptions): Promise<number>;
  /** Columns of a source after field mapping; throws NOT_FOUND naming the file/table when missing. */
  describeSource(source: DataSourceSpec): Promise<SourceColumn[]>;
  sampleSource(source: DataSourceSpec, limit: number): Promise<Record<string, unknown>[]>;
  /**
   * One read-only DuckDB query over a file source's rows (feature statistics, expectations); only
   * the file offline store has it. `build` gets the relation to read FROM and a parameter binder.
   */
  querySource?(
    source: DataSourceSpec,
    build: (from: string, param: (value: unknown) => string) => string,
  ): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}
