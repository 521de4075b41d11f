/**
 * SQLite online store: one table, a row per (project, view, entity) keyed by the text
 * `view \x1f entity key`, with the values as one JSON text. A read is one statement for every key
 * of every view: the keys travel as one JSON array parameter, joined through json_each against
 * the unique index. Measured here: an ordinary rowid table beats WITHOUT ROWID 2-3x once rows
 * hold ~50 features (big rows split WITHOUT ROWID pages), and a single text key beats
 * (view, key) pairs extracted from JSON by ~20%.
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { PantryError } from "../errors";
import { codecFor } from "./codec-cache";
import { serializeEntityKey } from "./entity-key";
import type { OnlineChangeFeed, OnlineReadRequest, OnlineStore, OnlineValue, OnlineWriteBatch } from "./types";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS pantry_online (
  project TEXT NOT NULL,
  key TEXT NOT NULL,
  event_ts INTEGER NOT NULL,
  created_ts INTEGER,
  vals TEXT NOT NULL,
  UNIQUE (project, key)
);
CREATE TABLE IF NOT EXISTS online_view_meta (
  project TEXT NOT NULL,
  view TEXT NOT NULL,
  newest_event_ts INTEGER NOT NULL,
  PRIMARY KEY (project, view)
) WITHOUT ROWID;
`;

interface ReadRow {
  i: number;
  event_ts: number;
  vals: string;
}

export class SqliteOnlineStore implements OnlineStore {
  readonly acceptsEncodedValues = true;
  private readonly db: Database.Database;
  private readonly upsert: Database.Statement;
  private readonly upsertMany: Database.Statement;
  private readonly bumpNewest: Database.Statement;
  private readonly readMany: Database.Statement;
  private readonly writeRows: (batch: OnlineWriteBatch) => number;
  /**
   * Writes through this connection (SQLite's data_version counts only other connections' commits),
   * moved after each write, delete or failed attempt of one.
   */
  private localWrites = 0;
  private feed: OnlineChangeFeed | null = null;

  constructor(readonly path: string) {
    try {
      if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
      this.db = new Database(path);
      this.db.pragma("journal_mode = WAL");
      // WAL + NORMAL is durable against application crashes; materialization can be re-run.
      this.db.pragma("synchronous = NORMAL");
      this.db.pragma("busy_timeout = 5000");
      // Reads straight from the page cache instead of a read() per page.
      this.db.pragma("mmap_size = 268435456");
      this.db.pragma("cache_size = -32768");
      this.db.exec(SCHEMA);
      migrateFirstLayout(this.db);
    } catch (error) {
      throw unavailable(path, error);
    }
    this.upsert = this.db.prepare(upsertSql(1));
    this.upsertMany = this.db.prepare(upsertSql(ROWS_PER_STATEMENT));
    this.bumpNewest = this.db.prepare(
      `INSERT INTO online_view_meta (project, view, newest_event_ts) VALUES (?, ?, ?)
       ON CONFLICT (project, view) DO UPDATE SET newest_event_ts = max(newest_event_ts, excluded.newest_event_ts)`,
    );
    // CROSS JOIN pins json_each as the outer loop: a plain JOIN lets the planner scan the whole project.
    this.readMany = this.db.prepare(
      `SELECT CAST(j.key AS INTEGER) AS i, o.event_ts, o.vals
         FROM json_each(?) AS j
         CROSS JOIN pantry_online AS o ON o.project = ? AND o.key = j.value`,
    );
    this.writeRows = this.db.transaction((batch: OnlineWriteBatch) => this.writeInTransaction(batch));
  }

  async write(batch: OnlineWriteBatch): Promise<number> {
    if (batch.entityKeys.length === 0) return 0;
    try {
      return this.guard(() => this.writeRows(batch));
    } finally {
      this.localWrites++;
    }
  }

  /**
   * The write stamp for a cache: PRAGMA data_version (moves whenever another connection, in any
   * process, committed to the file) with this connection's own write count. One file-wide
   * version, not per view: SQLite cannot tell which rows another process changed.
   */
  changes(): OnlineChangeFeed {
    if (this.feed) return this.feed;
    const dataVersion = this.db.prepare("PRAGMA data_version").pluck();
    let stamp = "";
    this.feed = {
      sync: async () => {
        stamp = String(this.guard(() => dataVersion.get() as number));
        return true;
      },
      version: () => `${stamp}:${this.localWrites}`,
    };
    return this.feed;
  }

  private writeInTransaction(batch: OnlineWriteBatch): number {
    const { project, view, joinKeys, entityKeys, values, eventTimestamps, createdTimestamps, encodedValues } = batch;
    const codec = codecFor(view);
    let written = 0;
    let newest = Number.NEGATIVE_INFINITY;
    const args: unknown[] = [];
    for (let i = 0; i < entityKeys.length; i++) {
      const eventTs = eventTimestamps[i]?.getTime() ?? Number.NaN;
      if (Number.isNaN(eventTs)) throw missingTimestamp(view.name, i);
      if (eventTs > newest) newest = eventTs;
      const key = rowKey(view.name, serializeEntityKey(joinKeys, entityKeys[i] ?? []));
      args.push(project, key, eventTs, createdTimestamps[i]?.getTime() ?? null, encodedValues?.[i] ?? codec.encodeRow(values, i));
      if (args.length === ROWS_PER_STATEMENT * 5) {
        written += this.upsertMany.run(args).changes;
        args.length = 0;
      }
    }
    for (let at = 0; at < args.length; at += 5) written += this.upsert.run(args.slice(at, at + 5)).changes;
    // Rows that lost to a newer stored row are older than the newest already recorded, so the max is safe.
    this.bumpNewest.run(project, view.name, newest);
    return written;
  }

  async read(requests: OnlineReadRequest[]): Promise<(OnlineValue | null)[][]> {
    const results = requests.map((r) => new Array<OnlineValue | null>(r.entityKeys.length).fill(null));
    const project = requests[0]?.project;
    if (project === undefined) return results;
    // Position in the flat key list -> (request, row). One statement per project (a request has one).
    const owners: [number, number][] = [];
    const keys: string[] = [];
    for (let r = 0; r < requests.length; r++) {
      const request = requests[r] as OnlineReadRequest;
      if (request.project !== project) throw new PantryError("INTERNAL", "one online read must stay in one project");
      for (let row = 0; row < request.entityKeys.length; row++) {
        owners.push([r, row]);
        keys.push(rowKey(request.view.name, serializeEntityKey(request.joinKeys, request.entityKeys[row] ?? [])));
      }
    }
    const rows = this.guard(() => this.readMany.all(JSON.stringify(keys), project) as ReadRow[]);
    for (const row of rows) {
      const [r, index] = owners[row.i] as [number, number];
      const request = requests[r] as OnlineReadRequest;
      (results[r] as (OnlineValue | null)[])[index] = {
        values: codecFor(request.view).decode(row.vals, request.features),
        eventTimestamp: new Date(row.event_ts),
      };
    }
    return results;
  }

  async deleteView(project: string, viewName: string): Promise<void> {
    this.localWrites++;
    this.guard(() =>
      this.db.transaction(() => {
        // Every key of the view starts with `view \x1f`: a range of the unique index.
        this.db
          .prepare("DELETE FROM pantry_online WHERE project = ? AND key >= ? AND key < ?")
          .run(project, `${viewName}\u001f`, `${viewName}\u0020`);
        this.db.prepare("DELETE FROM online_view_meta WHERE project = ? AND view = ?").run(project, viewName);
      })(),
    );
  }

  async deleteProject(project: string): Promise<void> {
    this.localWrites++;
    this.guard(() =>
      this.db.transaction(() => {
        this.db.prepare("DELETE FROM pantry_online WHERE project = ?").run(project);
        this.db.prepare("DELETE FROM online_view_meta WHERE project = ?").run(project);
      })(),
    );
  }

  async newestEventTimestamp(project: string, viewName: string): Promise<Date | null> {
    const row = this.guard(
      () =>
        this.db
          .prepare("SELECT newest_event_ts AS ts FROM online_view_meta WHERE project = ? AND view = ?")
          .get(project, viewName) as { ts: number } | undefined,
    );
    return row ? new Date(row.ts) : null;
  }

  async ping(): Promise<void> {
    this.guard(() => this.db.prepare("SELECT 1").get());
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  private guard<T>(work: () => T): T {
    try {
      return work();
    } catch (error) {
      if (error instanceof PantryError) throw error;
      const code = (error as { code?: string }).code ?? "";
      if (/^SQLITE_(BUSY|LOCKED|CANTOPEN|IOERR|FULL|READONLY)/.test(code) || !this.db.open) {
        throw unavailable(this.path, error);
      }
      throw error;
    }
  }
}

/** Stores written by the first layout (one WITHOUT ROWID table keyed by view and key) move over once. */
function migrateFirstLayout(db: Database.Database): void {
  const old = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'online_rows'").get();
  if (!old) return;
  db.transaction(() => {
    db.exec(`INSERT OR IGNORE INTO pantry_online (project, key, event_ts, created_ts, vals)
               SELECT project, view || char(31) || entity_key, event_ts, created_ts, vals FROM online_rows;
             DROP TABLE online_rows;`);
  })();
}

/** Rows per upsert statement: measured ~25% faster than one row per statement; 500 bound values. */
const ROWS_PER_STATEMENT = 100;

function upsertSql(rows: number): string {
  return `INSERT INTO pantry_online (project, key, event_ts, created_ts, vals)
    VALUES ${Array.from({ length: rows }, () => "(?, ?, ?, ?, ?)").join(", ")}
    ON CONFLICT (project, key) DO UPDATE
      SET event_ts = excluded.event_ts, created_ts = excluded.created_ts, vals = excluded.vals
      WHERE excluded.event_ts >= pantry_online.event_ts`;
}

function rowKey(view: string, entityKey: string): string {
  return `${view}\u001f${entityKey}`;
}

function unavailable(path: string, error: unknown): PantryError {
  const reason = error instanceof Error ? error.message : String(error);
  return new PantryError("UNAVAILABLE", `the SQLite online store at ${path} is unavailable: ${reason}`, {
    store: "sqlite",
  });
}

function missingTimestamp(view: string, row: number): PantryError {
  return new PantryError("INVALID_ARGUMENT", `feature view '${view}': row ${row} has no event timestamp`, { view });
}
