// Derives the PostgreSQL schema from the SQLite one and generates both Prisma clients.
// Runs offline: Prisma 6.19.3 with the JS engine and driver adapters (see README, "Registry").
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { derivePostgresSchema } from "./derive-postgres-schema.mjs";

const pkgDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const root = join(pkgDir, "..", "..");
const sqliteSchema = join(root, "prisma", "schema.prisma");
const postgresSchema = join(root, "prisma", "postgres", "schema.prisma");

mkdirSync(dirname(postgresSchema), { recursive: true });
writeFileSync(postgresSchema, derivePostgresSchema(readFileSync(sqliteSchema, "utf8")));

const prismaBin = join(pkgDir, "node_modules", ".bin", "prisma");
const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1" };
for (const [provider, schema] of [["sqlite", sqliteSchema], ["postgres", postgresSchema]]) {
  execFileSync(prismaBin, ["generate", "--schema", schema], {
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...env,
      PANTRY_PRISMA_PROVIDER: provider,
      DATABASE_URL: provider === "postgres" ? "postgresql://postgres@127.0.0.1:5432/postgres" : "file:./unused.db",
    },
    cwd: pkgDir,
  });
}
console.log("@pantry/db: generated the SQLite and PostgreSQL clients");
