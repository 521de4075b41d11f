// The PostgreSQL schema is the SQLite schema with the provider and client output swapped.
export function derivePostgresSchema(source) {
  return source
    .replace('provider = "sqlite"', 'provider = "postgresql"')
    .replace("../packages/db/src/generated/sqlite", "../../packages/db/src/generated/postgres")
    .replace(
      /^\/\/ The registry\.[^\n]*\n\/\/[^\n]*\n/,
      "// GENERATED from prisma/schema.prisma by packages/db/scripts/generate.mjs. Do not edit.\n",
    );
}
