/**
 * The contract between the engine and an online store (SQLite, Redis). Reads are designed for
 * one round trip per request: all entity keys of all views at once.
 */
import type { FeatureViewSpec } from "../definitions/types";

export interface OnlineWriteBatch {
  project: string;
  view: FeatureViewSpec;
  /** The view's join-key names (its entities' join keys, in order): the store keys rows by name and value. */
  joinKeys: string[];
  /** Join-key values per row, in the order of the view's join keys. */
  entityKeys: unknown[][];
  values: Record<string, unknown[]>;
  eventTimestamps: Date[];
  createdTimestamps: (Date | null)[];
  /** Each row's values as stored text (value-codec.ts), already encoded by the offline engine; wins over `values`. */
  encodedValues?: string[];
}

export interface OnlineReadRequest {
  project: string;
  view: FeatureViewSpec;
  features: string[];
  /** The view's join-key names, aligned with each entityKeys row. */
  joinKeys: string[];
  /** Join-key values per requested entity row, in the order of the view's join keys. */
  entityKeys: unknown[][];
}

export interface OnlineValue {
  /** At least the requested features (a missing one reads as null or absent). */
  values: Record<string, unknown>;
  eventTimestamp: Date;
}

export interface OnlineStore {
  /** The store writes batch.encodedValues when given (materialization then asks the offline engine for them). */
  readonly acceptsEncodedValues?: boolean;
  /** Newer-or-equal event timestamp wins; returns the number of rows actually written. */
  write(batch: OnlineWriteBatch): Promise<number>;
  /** One result array per request, aligned with its entityKeys; null = not found. */
  read(requests: OnlineReadRequest[]): Promise<(OnlineValue | null)[][]>;
  deleteView(project: string, viewName: string): Promise<void>;
  deleteProject(project: string): Promise<void>;
  /** Newest event timestamp stored for a view (freshness), null when empty. */
  newestEventTimestamp(project: string, viewName: string): Promise<Date | null>;
  /** Resolves when the store answers; rejects with UNAVAILABLE otherwise (health checks). */
  ping(): Promise<void>;
  close(): Promise<void>;
  /**
   * Write versions for an in-process read cache (cached-online-store.ts), when the store can tell
   * reliably that nothing was written: every write through any Pantry process moves them.
   */
  changes?(): OnlineChangeFeed;
}

/**
 * Where a cache learns that rows may have changed. A reader calls sync(), then version() for the
 * views it reads, then reads the store; after the read, sync() and version() again: equal versions
 * mean no write to that view landed in between, so what it read may be kept.
 */
export interface OnlineChangeFeed {
  /**
   * Resolves once every change notice that has reached this process is applied; false while the
   * store cannot tell (its notification channel is reconnecting): nothing may then be served from
   * or put into a cache.
   */
  sync(): Promise<boolean>;
  /** The view's write version as of the last sync() and the writes this process made since. */
  version(project: string, view: string): string;
}
