/** PostgreSQL connections for the offline store: UTC sessions, exact integers, timestamps as text. */
import type pg from "pg";
import { lazyRequire } from "../../lazy-require";

const pgModule = lazyRequire<typeof pg>("pg", import.meta.url);
import type { OfflineStoreConfig } from "../../config/repo-config";
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
  // Naive timestamps are UTC (DOMAIN.md); unqualified source tables live in the configured schema;
  // results are read through a cursor to the last row, so plan for all rows, not a fast first 10%.
  await client.query(
    "SELECT set_config('TimeZone', 'UTC', false), set_config('search_path', $1, false), set_config('cursor_tuple_fraction', '1', false)",
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

/** PostgreSQL errors as PantryErrors by SQLSTATE class, with what was being done. */
export function pgError(error: unknown, doing: string): Error {
  if (error instanceof PantryError) return error;
  const code = (error as { code?: string }).code ?? "";
  const message = error instanceof Error ? error.message : String(error);
  if (code === "42P01") return new PantryError("NOT_FOUND", `${doing}: ${message}`);
  if (code.startsWith("22") || code.startsWith("42"))
    return new PantryError("INVALID_ARGUMENT", `${doing}: ${message}`);
  if (code === "57014") return new PantryError("CANCELLED", `${doing}: ${message}`);
  return new PantryError("INTERNAL", `${doing}: ${message}`);
}

/** Runs `statement` and returns a cursor's batches, inside a transaction (cursors need one). */
export async function* cursorRows(
  client: pg.Client,
  sql: string,
  params: unknown[],
  batchSize = 10_000,
): AsyncGenerator<{ rows: Record<string, unknown>[]; fields: pg.FieldDef[] }> {
  await client.query("BEGIN");
  try {
    await client.query(`DECLARE "__pantry_cursor" NO SCROLL CURSOR FOR ${sql}`, params);
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
