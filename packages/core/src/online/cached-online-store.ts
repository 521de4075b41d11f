/**
 * An in-process read cache in front of an online store (`online_store.cache` in
 * feature_store.yaml), correct by construction rather than by expiry: every entry carries the
 * write version of its view (the store's change feed: Redis pub/sub notices that every Pantry
 * write publishes, SQLite's data_version), and an entry whose view moved since is never served.
 * What is cached is the stored row (values and event time): OUTSIDE_MAX_AGE and every other status
 * are still computed per request, at read time, by the serving code. `ttl` bounds how long an entry
 * lives even without a write (writes by tools other than Pantry publish no notice); `max_entries`
 * bounds its memory (least recently used entries go first).
 */
import { PantryError } from "../errors";
import { serializeEntityKey } from "./entity-key";
import type { OnlineChangeFeed, OnlineReadRequest, OnlineStore, OnlineValue, OnlineWriteBatch } from "./types";

export interface OnlineCacheOptions {
  /** Entries (one per view and entity) kept at most. */
  maxEntries: number;
  /** How long an entry may be served, in ms, even when no write moved its view. */
  ttlMs: number;
  clock?: () => number;
}

interface Entry {
  version: string;
  at: number;
  value: OnlineValue | null;
}

/** The misses of one request of a read: read again with every feature of the view, to be cached. */
interface Miss {
  request: number;
  rows: number[];
  keys: string[];
  entityKeys: unknown[][];
  version: string;
}

export class CachedOnlineStore implements OnlineStore {
  private readonly entries = new Map<string, Entry>();
  private readonly feed: OnlineChangeFeed;
  private readonly allFeatures = new WeakMap<OnlineReadRequest["view"], string[]>();
  /** Counters for tests and benchmarks. */
  readonly stats = { hits: 0, misses: 0, bypassed: 0 };

  constructor(
    readonly inner: OnlineStore,
    private readonly options: OnlineCacheOptions,
  ) {
    if (!inner.changes) {
      throw new PantryError(
        "INVALID_ARGUMENT",
        "this online store cannot tell when its rows change, so it cannot be cached; remove online_store.cache",
      );
    }
    if (!(options.maxEntries > 0) || !(options.ttlMs > 0)) {
      throw new PantryError("INVALID_ARGUMENT", "online_store.cache needs max_entries > 0 and a ttl > 0");
    }
    this.feed = inner.changes();
  }

  get size(): number {
    return this.entries.size;
  }

  async read(requests: OnlineReadRequest[]): Promise<(OnlineValue | null)[][]> {
    if (!(await this.synced())) {
      this.stats.bypassed++;
      return this.inner.read(requests);
    }
    const now = this.options.clock ? this.options.clock() : Date.now();
    const ttlMs = this.options.ttlMs;
    const results = requests.map((r) => new Array<OnlineValue | null>(r.entityKeys.length).fill(null));
    const misses: Miss[] = [];
    for (let r = 0; r < requests.length; r++) {
      const request = requests[r] as OnlineReadRequest;
      const version = this.feed.version(request.project, request.view.name);
      const prefix = `${request.project}\u001f${request.view.name}\u001f`;
      const out = results[r] as (OnlineValue | null)[];
      let miss: Miss | null = null;
      for (let row = 0; row < request.entityKeys.length; row++) {
        const entityKey = request.entityKeys[row] ?? [];
        const key = prefix + serializeEntityKey(request.joinKeys, entityKey);
        const entry = this.entries.get(key);
        if (entry !== undefined && entry.version === version && now - entry.at < ttlMs) {
          out[row] = entry.value;
          // Most recently used last: eviction takes the Map's first (oldest) keys.
          this.entries.delete(key);
          this.entries.set(key, entry);
          this.stats.hits++;
          continue;
        }
        this.stats.misses++;
        if (miss === null) {
          miss = { request: r, rows: [], keys: [], entityKeys: [], version };
          misses.push(miss);
        }
        miss.rows.push(row);
        miss.keys.push(key);
        miss.entityKeys.push(entityKey);
      }
    }
    if (misses.length === 0) return results;
    const fetched = await this.inner.read(
      misses.map((miss) => {
        const request = requests[miss.request] as OnlineReadRequest;
        return { ...request, features: this.featuresOf(request), entityKeys: miss.entityKeys };
      }),
    );
    // Kept only if no write to the view landed while it was read (the notice may come after the reply).
    const keep = await this.synced();
    for (let m = 0; m < misses.length; m++) {
      const miss = misses[m] as Miss;
      const request = requests[miss.request] as OnlineReadRequest;
      const values = fetched[m] ?? [];
      const out = results[miss.request] as (OnlineValue | null)[];
      const unchanged = keep && this.feed.version(request.project, request.view.name) === miss.version;
      for (let k = 0; k < miss.rows.length; k++) {
        const value = values[k] ?? null;
        out[miss.rows[k] as number] = value;
        if (unchanged) this.entries.set(miss.keys[k] as string, { version: miss.version, at: now, value });
      }
    }
    this.evict();
    return results;
  }

  get acceptsEncodedValues(): boolean {
    return this.inner.acceptsEncodedValues === true;
  }

  write(batch: OnlineWriteBatch): Promise<number> {
    return this.inner.write(batch);
  }

  deleteView(project: string, viewName: string): Promise<void> {
    return this.inner.deleteView(project, viewName);
  }

  deleteProject(project: string): Promise<void> {
    return this.inner.deleteProject(project);
  }

  newestEventTimestamp(project: string, viewName: string): Promise<Date | null> {
    return this.inner.newestEventTimestamp(project, viewName);
  }

  ping(): Promise<void> {
    return this.inner.ping();
  }

  /** Drops the entries; the store underneath belongs to whoever opened it and stays open. */
  async close(): Promise<void> {
    this.entries.clear();
  }

  private async synced(): Promise<boolean> {
    try {
      return await this.feed.sync();
    } catch {
      // The read itself then reports the store's failure.
      return false;
    }
  }

  private featuresOf(request: OnlineReadRequest): string[] {
    let names = this.allFeatures.get(request.view);
    if (!names) {
      names = request.view.schema.map((f) => f.name);
      this.allFeatures.set(request.view, names);
    }
    return names;
  }

  private evict(): void {
    const excess = this.entries.size - this.options.maxEntries;
    if (excess <= 0) return;
    let dropped = 0;
    for (const key of this.entries.keys()) {
      if (dropped++ >= excess) break;
      this.entries.delete(key);
    }
  }
}
