/**
 * Applies the embedded migrations on first use of a database, safely when several processes
 * (CLI, console, feature server) start at once: SQLite takes a write lock with BEGIN IMMEDIATE,
 * PostgreSQL an advisory lock. Each migration runs once, recorded in _pantry_migrations.
 */
import Database from "better-sqlite3";
import type pg from "pg";

/** pg loads only for a PostgreSQL registry. */
const loadPg = async (): Promise<typeof pg> => (await import("pg")).default;
import { RegistryDbError } from "./errors";
import { MIGRATIONS } from "./generated/migrations";

const ADVISORY_LOCK_KEY = 727_274_001;

export function migrateSqlite(path: string): void {
  let db: Database.Database;
  try {
    db = new Database(path, { timeout: 10_000 });
  } catch (error) {
    throw new RegistryDbError("UNAVAILABLE", `cannot open the registry file ${path}: ${(error as Error).message}`);
  }
  try {
    try {
      db.pragma("journal_mode = WAL");
    } catch (error) {
      if (/not a database/i.test((error as Error).message)) {
        throw new RegistryDbError(
          "FAILED_PRECONDITION",
          `${path} is not a Pantry registry (it is not a SQLite file; a Feast registry.db is protobuf). ` +
            "Move it aside, or import it with 'pantry import-feast <file>' into a registry at another path",
        );
      }
      throw error;
    }
    db.exec("BEGIN IMMEDIATE");
    try {
      db.exec("CREATE TABLE IF NOT EXISTS _pantry_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)");
      const applied = new Set(
        db
          .prepare("SELECT name FROM _pantry_migrations")
          .all()
          .map((row) => (row as { name: string }).name),
      );
      for (const migration of MIGRATIONS.sqlite) {
        if (applied.has(migration.name)) continue;
        db.exec(migration.sql);
        db.prepare("INSERT INTO _pantry_migrations (name, applied_at) VALUES (?, ?)").run(
          migration.name,
          new Date().toISOString(),
        );
      }
      db.exec("COMMIT");
    } catch (error) {
      db.exec("ROLLBACK");
      throw error;
    }
  } finally {
    db.close();
  }
}

export async function migratePostgres(url: string): Promise<void> {
  await ensurePostgresDatabase(url);
  const client = new (await loadPg()).Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [ADVISORY_LOCK_KEY]);
    await client.query(
      "CREATE TABLE IF NOT EXISTS _pantry_migrations (name TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL)",
    );
    const { rows } = await client.query<{ name: string }>("SELECT name FROM _pantry_migrations");
    const applied = new Set(rows.map((row) => row.name));
    for (const migration of MIGRATIONS.postgres) {
      if (applied.has(migration.name)) continue;
      await client.query("BEGIN");
      try {
        // The init migration creates the public schema "IF NOT EXISTS": harmless on every database.
        await client.query(migration.sql);
        await client.query("INSERT INTO _pantry_migrations (name, applied_at) VALUES ($1, now())", [migration.name]);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      }
    }
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [ADVISORY_LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
}

/** Creates the registry database when the server is up but the database does not exist yet. */
async function ensurePostgresDatabase(url: string): Promise<void> {
  const client = new (await loadPg()).Client({ connectionString: url });
  try {
    await client.connect();
    await client.end();
    return;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code !== "3D000") throw postgresUnavailable(url, error);
  }
  const parsed = new URL(url);
  const database = decodeURIComponent(parsed.pathname.slice(1));
  parsed.pathname = "/postgres";
  const admin = new (await loadPg()).Client({ connectionString: parsed.toString() });
  try {
    await admin.connect();
    await admin.query(`CREATE DATABASE "${database.replaceAll('"', '""')}"`);
  } catch (error) {
    if ((error as { code?: string }).code !== "42P04") throw postgresUnavailable(url, error);
  } finally {
    await admin.end().catch(() => undefined);
  }
}

/**
 * user:password@ and libpq's ?password= / &password=. The db package cannot import core; core's
 * redactSecrets (the one helper every edge applies) runs on these messages again before display.
 */
export function redactUrl(url: string): string {
  return url
    .replace(/(\/\/[^:/@\s]+:)[^@\s]+@/g, "$1***@")
    .replace(/([?&](?:password|sslpassword)=)[^&\s]+/gi, "$1***");
}

function postgresUnavailable(url: string, error: unknown): RegistryDbError {
  return new RegistryDbError(
    "UNAVAILABLE",
    `cannot reach the PostgreSQL registry at ${redactUrl(url)}: ${(error as Error).message}. ` +
      "Check that PostgreSQL is running and the URL in feature_store.yaml is right",
  );
}
