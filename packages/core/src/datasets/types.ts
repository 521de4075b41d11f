import type { Tags } from "../definitions/types";
import type { OutputFormat } from "../offline/atomic-file";
import type { EntityDfInput, RetrievalJob } from "../offline/types";

/** A retrieval result written to a file and registered by name (Feast's SavedDataset). */
export interface SavedDataset {
  id: string;
  project: string;
  name: string;
  /** Feature refs ("view:feature") in the file; a service's features when one was named. */
  features: string[];
  /** The feature service the retrieval named, else null. */
  featureService: string | null;
  /** The file's columns, in order: the entity table's, then the features. */
  columns: string[];
  rows: number;
  /** Earliest and latest entity timestamp (event_timestamp) in the file; null when it has no rows. */
  minTs: Date | null;
  maxTs: Date | null;
  /** Absolute path of the file. */
  location: string;
  format: OutputFormat;
  /** Where the entity rows came from: a file path, a SQL query, or rows passed in memory ("" if unknown). */
  entitySource: string;
  tags: Tags;
  createdAt: Date;
}

export interface CreateSavedDatasetOptions {
  name: string;
  /** The retrieval to write (from getHistoricalFeatures); it runs once, straight into the file. */
  job: RetrievalJob;
  /** The selection the job was built from: feature refs, or a feature service's name. */
  features: string[] | string;
  /** Where to write: a .parquet or .csv file, replaced atomically. */
  path: string;
  /** Replace a saved dataset of the same name instead of refusing. */
  overwrite?: boolean;
  /** The job's entity table, recorded as the dataset's entity source. */
  entityDf?: EntityDfInput;
  tags?: Tags;
  /** For the audit log; default: PANTRY_ACTOR or the OS user. */
  actor?: string;
}

export interface SavedDatasetResult extends SavedDataset {
  /** True when an older dataset of the same name was replaced (overwrite). */
  replaced: boolean;
}
