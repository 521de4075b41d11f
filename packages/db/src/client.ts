/**
 * Opens the registry database: a SQLite file (default) or PostgreSQL. Both Prisma clients are
 * generated from one schema and expose the same model API, so the rest of the package is
 * written once against the SQLite client's types.
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { PrismaClient as SqlitePrismaClient } from "./generated/sqlite/client";
import { migratePostgres, migrateSqlite } from "./migrate";
import { serializedSqliteAdapter } from "./sqlite-adapter";

export type RegistryLocation = { type: "sqlite"; path: string } | { type: "postgres"; url: string };

/** The model API both clients share. */
export type PrismaRegistryClient = InstanceType<typeof SqlitePrismaClient>;

export async function openPrisma(location: RegistryLocation): Promise<PrismaRegistryClient> {
  if (location.type === "sqlite") {
    mkdirSync(dirname(location.path), { recursive: true });
    migrateSqlite(location.path);
    // One lock per process for queries and transactions, BEGIN IMMEDIATE across processes: see
    // sqlite-adapter.ts. A transaction may wait for the ones before it, hence the longer maxWait.
    const adapter = serializedSqliteAdapter({ url: `file:${location.path}`, timeout: 10_000 });
    return new SqlitePrismaClient({ adapter, transactionOptions: { maxWait: 30_000, timeout: 60_000 } });
  }
  // The PostgreSQL side (pg, its adapter, its client) loads only for a PostgreSQL registry.
  const [{ PrismaPg }, { PrismaClient: PostgresPrismaClient }] = await Promise.all([
    import("@prisma/adapter-pg"),
    import("./generated/postgres/client"),
  ]);
  await migratePostgres(location.url);
  // A connection attempt gives up after 5 s (pg's default waits for ever): while PostgreSQL is down
  // or unreachable, registry calls fail with UNAVAILABLE instead of hanging; the pool reconnects
  // by itself on the next call once it is back.
  const adapter = new PrismaPg({ connectionString: location.url, max: 5, connectionTimeoutMillis: 5000 });
  // Same generated model API, different provider: see prisma/postgres/schema.prisma.
  return new PostgresPrismaClient({ adapter }) as unknown as PrismaRegistryClient;
}
