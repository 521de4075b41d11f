// Prisma CLI configuration: the JS engine with driver adapters keeps the CLI fully offline
// (it uses the WebAssembly schema engine shipped in the npm package).
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";

const provider = process.env.PANTRY_PRISMA_PROVIDER ?? "sqlite";
const url = process.env.DATABASE_URL ?? "file:./unused.db";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join(import.meta.dirname, "..", "..", "prisma", provider === "postgres" ? "postgres/schema.prisma" : "schema.prisma"),
  adapter: async () => (provider === "postgres" ? new PrismaPg({ connectionString: url }) : new PrismaBetterSQLite3({ url })),
});
