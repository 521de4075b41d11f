#!/usr/bin/env node
// `pnpm release:pack`: builds `pantry` and `@pantry/sdk` (scripts/release/build.mjs) and packs them
// into dist/pantry-<version>.tgz and dist/pantry-sdk-<version>.tgz, installable with plain npm.
import { execFileSync } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const DIST = join(ROOT, "dist");
execFileSync(process.execPath, [join(ROOT, "scripts", "release", "build.mjs"), ...process.argv.slice(2)], { stdio: "inherit" });
for (const pkg of ["sdk", "pantry"]) {
  const out = execFileSync("npm", ["pack", "--pack-destination", DIST, "--silent"], {
    cwd: join(DIST, "stage", pkg),
    encoding: "utf8",
  });
  process.stdout.write(`Wrote dist/${out.trim().split("\n").pop()}\n`);
}
