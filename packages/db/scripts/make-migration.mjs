// Writes a new migration for both providers by diffing the schema as committed at a git
// revision (default HEAD; none = an empty database) against the working tree's schema.
// Usage: pnpm db:migration <name> [--from <rev>|--from-empty]
// (`prisma migrate dev` needs a shadow database and a native engine; a diff needs neither.)
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { derivePostgresSchema } from "./derive-postgres-schema.mjs";

const pkgDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const root = join(pkgDir, "..", "..");
const args = process.argv.slice(2);
const name = args.find((a) => !a.startsWith("--"));
if (!name) {
  console.error("usage: pnpm db:migration <name> [--from <git-rev> | --from-empty]");
  process.exit(2);
}
const fromEmpty = args.includes("--from-empty");
const fromRev = args.includes("--from") ? args[args.indexOf("--from") + 1] : "HEAD";

const work = mkdtempSync(join(tmpdir(), "pantry-migration-"));
const current = execFileSync("cat", [join(root, "prisma", "schema.prisma")], { encoding: "utf8" });
const previous = fromEmpty ? null : execFileSync("git", ["show", `${fromRev}:prisma/schema.prisma`], { cwd: root, encoding: "utf8" });

const prismaBin = join(pkgDir, "node_modules", ".bin", "prisma");
for (const provider of ["sqlite", "postgres"]) {
  const render = (schema) => (provider === "postgres" ? derivePostgresSchema(schema) : schema);
  const toFile = join(work, `${provider}-to.prisma`);
  writeFileSync(toFile, render(current));
  const from = ["--from-empty"];
  if (previous !== null) {
    const fromFile = join(work, `${provider}-from.prisma`);
    writeFileSync(fromFile, render(previous));
    from.splice(0, 1, "--from-schema-datamodel", fromFile);
  }
  const sql = execFileSync(prismaBin, ["migrate", "diff", ...from, "--to-schema-datamodel", toFile, "--script"], {
    cwd: pkgDir,
    encoding: "utf8",
    env: {
      ...process.env,
      PANTRY_PRISMA_PROVIDER: provider,
      DATABASE_URL: provider === "postgres" ? "postgresql://postgres@127.0.0.1:5432/postgres" : "file:./unused.db",
    },
  });
  const dir = join(root, "prisma", "migrations", provider);
  mkdirSync(dir, { recursive: true });
  const seq = String(readdirSync(dir).filter((d) => /^\d{4}_/.test(d)).length + 1).padStart(4, "0");
  const target = join(dir, `${seq}_${name}`);
  mkdirSync(target, { recursive: true });
  writeFileSync(join(target, "migration.sql"), sql);
  console.log(`wrote ${target}/migration.sql`);
}
