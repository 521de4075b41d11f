/** PostgreSQL connections for the offline store: UTC sessions, exact integers, timestamps as text. */
import type pg from "pg";
import { DEFAULT_STATEMENT_TIMEOUT_MS, type OfflineStoreConfig } from "../../config/repo-config";
import { lazyRequire } from "../../lazy-require";

const pgModule = lazyRequire<typeof pg>("pg", import.meta.url);
import { PantryError } from "../../errors";

export type PostgresOfflineConfig = Extract<OfflineStoreConfig, { type: "postgres" }>;

const OID = { INT8: 20, NUMERIC: 1700, TIMESTAMP: 1114, TIMESTAMPTZ: 1184, DATE: 1082 } as const;

/**
 * int8 as text (BigInt later keeps 64 bits); timestamps as text, because pg's Date drops the
 * microseconds that point-in-time correctness needs; numeric as a JS number.
 */
const typeParsers = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === OID.INT8 || oid === OID.TIMESTAMP || oid === OID.TIMESTAMPTZ || oid === OID.DATE) {
      return (value: string) => value;
    }
    if (oid === OID.NUMERIC) return (value: string) => Number(value);
    return pgModule().types.getTypeParser(oid, format ?? "text");
  },
};

export async function connectPostgres(config: PostgresOfflineConfig): Promise<pg.Client> {
  const client = new (pgModule().Client)({
    host: config.host,
    port: config.port,
    database: config.database,
    user: config.user,
    password: config.password ?? undefined,
    types: typeParsers as pg.CustomTypesConfig,
  });
  try {
    await client.connect();
  } catch (error) {
    throw new PantryError(
      "UNAVAILABLE",
      `cannot connect to the PostgreSQL offline store at ${config.host}:${config.port}/${config.database}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  // Naive timestamps are UTC (docs/DOMAIN.md); unqualified source tables live in the configured schema;
  // results are read through a cursor to the last row, so plan for all rows, not a fast first 10%;
  // strings are standard (a backslash is text), as the query-source check assumes.
  await client.query(
    "SELECT set_config('TimeZone', 'UTC', false), set_config('search_path', $1, false), set_config('cursor_tuple_fraction', '1', false), set_config('standard_conforming_strings', 'on', false)",
    [`"${config.schema.replace(/"/g, '""')}", public`],
  );
  return client;
}

export async function withPostgres<T>(
  config: PostgresOfflineConfig,
  use: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const client = await connectPostgres(config);
  try {
    return await use(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Runs `sql` with the extended protocol, which takes exactly one statement, even without
 * parameters (the simple protocol would run `a; b` as two).
 */
export function queryOne<R extends pg.QueryResultRow = Record<string, unknown>>(
  client: pg.Client,
  sql: string,
  params: unknown[] = [],
): Promise<pg.QueryResult<R>> {
  return client.query<R>({ text: sql, values: params, queryMode: "extended" } as pg.QueryConfig);
}

/** The statement_timeout of source reads, in ms (0: none). */
export function statementTimeoutOf(config: PostgresOfflineConfig): number {
  return config.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS;
}

/**
 * Source SQL (tables, `query` sources, the joins over them) runs here: in a READ ONLY transaction
 * with a statement_timeout, so a query cannot write (not even through a function or a CTE) and
 * cannot hold the database for ever.
 */
export async function inReadOnlyTransaction<T>(
  client: pg.Client,
  config: PostgresOfflineConfig,
  use: () => Promise<T>,
): Promise<T> {
  await client.query("BEGIN TRANSACTION READ ONLY");
  try {
    await queryOne(client, "SELECT set_config('statement_timeout', $1, true)", [String(statementTimeoutOf(config))]);
    const result = await use();
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}

/** PostgreSQL errors as PantryErrors by SQLSTATE class, with what was being done. */
export function pgError(error: unknown, doing: string): Error {
  if (error instanceof PantryError) return error;
  const code = (error as { code?: string }).code ?? "";
  const message = error instanceof Error ? error.message : String(error);
  if (code === "42P01") return new PantryError("NOT_FOUND", `${doing}: ${message}`);
  if (code.startsWith("22") || code.startsWith("42"))
    return new PantryError("INVALID_ARGUMENT", `${doing}: ${message}`);
  if (code === "57014" && /statement timeout/i.test(message))
    return new PantryError(
      "FAILED_PRECONDITION",
      `${doing}: ${message} (offline_store.statement_timeout; raise it in feature_store.yaml if the query is meant to run longer)`,
    );
  if (code === "57014") return new PantryError("CANCELLED", `${doing}: ${message}`);
  if (code === "25006")
    return new PantryError(
      "INVALID_ARGUMENT",
      `${doing}: ${message}; source queries run read-only, so a query source must only read`,
    );
  return new PantryError("INTERNAL", `${doing}: ${message}`);
}

/**
 * Runs `statement` and returns a cursor's batches, inside a READ ONLY transaction (cursors need
 * one) with the store's statement_timeout.
 */
export async function* cursorRows(
  client: pg.Client,
  sql: string,
  params: unknown[],
  batchSize = 10_000,
  timeoutMs = DEFAULT_STATEMENT_TIMEOUT_MS,
): AsyncGenerator<{ rows: Record<string, unknown>[]; fields: pg.FieldDef[] }> {
  await client.query("BEGIN TRANSACTION READ ONLY");
  try {
    await queryOne(client, "SELECT set_config('statement_timeout', $1, true)", [String(timeoutMs)]);
    await queryOne(client, `DECLARE "__pantry_cursor" NO SCROLL CURSOR FOR ${sql}`, params);
    for (;;) {
      const result = await client.query(`FETCH FORWARD ${batchSize} FROM "__pantry_cursor"`);
      yield { rows: result.rows as Record<string, unknown>[], fields: result.fields };
      if (result.rows.length < batchSize) break;
    }
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}
