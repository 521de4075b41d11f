/** One in-process DuckDB per store; one connection per job run, so temp tables never collide. */
import { randomUUID } from "node:crypto";
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DuckDBConnection, DuckDBInstance, DuckDBValue } from "@duckdb/node-api";
import { duckdb } from "./api";
import { DEFAULT_DUCKDB_MEMORY_LIMIT } from "../../config/repo-config";
import { PantryError } from "../../errors";

export interface DuckDatabase {
  instance: DuckDBInstance;
  close(): void;
}

export interface DuckDatabaseOptions {
  /** DuckDB's memory_limit ("2GB"); beyond it sorts, joins and temp tables spill to disk. */
  memoryLimit?: string;
}

export async function openDuckDatabase(options: DuckDatabaseOptions = {}): Promise<DuckDatabase> {
  // A spill folder of our own for joins larger than memory. DuckDB creates it only when it
  // spills, so a store that is never closed leaves nothing behind unless it spilled.
  const spill = join(tmpdir(), `pantry-duckdb-${randomUUID()}`);
  // Without a limit DuckDB takes up to 80% of RAM and its peak grows with the entity table.
  const instance = await duckdb().DuckDBInstance.create(":memory:", {
    temp_directory: spill,
    memory_limit: options.memoryLimit ?? DEFAULT_DUCKDB_MEMORY_LIMIT,
    // Never fetch or load an extension because a path looks like s3:// or https:// (httpfs):
    // sources are local files, confined to the repo (config/allowed-paths.ts).
    autoinstall_known_extensions: "false",
    autoload_known_extensions: "false",
  });
  const connection = await instance.connect();
  // Naive timestamps are UTC (docs/DOMAIN.md), whatever the machine's zone is.
  await connection.run("SET GLOBAL TimeZone = 'UTC'");
  connection.closeSync();
  return {
    instance,
    close() {
      instance.closeSync();
      rmSync(spill, { recursive: true, force: true });
    },
  };
}

export async function withConnection<T>(
  db: DuckDatabase,
  use: (connection: DuckDBConnection) => Promise<T>,
): Promise<T> {
  const connection = await db.instance.connect();
  try {
    return await use(connection);
  } finally {
    connection.closeSync();
  }
}

export type Params = DuckDBValue[];

/** Parameters from renderers are plain JS (strings, numbers); DuckDB wants its own value types. */
export function duckParams(values: unknown[]): Params {
  return values.map((value) => {
    if (typeof value === "number" && Number.isInteger(value)) return BigInt(value);
    if (value instanceof Date) return value.toISOString();
    return value as DuckDBValue;
  });
}

/** Wraps an engine error with what was being done, keeping PantryErrors as they are. */
export function asPantryError(error: unknown, doing: string): Error {
  if (error instanceof PantryError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const firstLine = message.split("\n")[0] ?? message;
  const code = /Conversion Error|Could not convert|Invalid Input|Binder Error|Parser Error/.test(firstLine)
    ? "INVALID_ARGUMENT"
    : /No files found|does not exist|No such file/.test(firstLine)
      ? "NOT_FOUND"
      : "INTERNAL";
  return new PantryError(code, `${doing}: ${firstLine}`);
}
