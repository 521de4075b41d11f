#!/usr/bin/env node
// `pnpm bench [name...] [-- --scale 0.1]`: runs bench/*.bench.ts one at a time (they measure,
// so they must not share the 2 cores), each printing its figures beside a raw baseline.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";

const args = process.argv.slice(2);
const split = args.indexOf("--");
const names = (split === -1 ? args : args.slice(0, split)).filter((a) => !a.startsWith("-"));
const passThrough = split === -1 ? args.filter((a) => a.startsWith("-") || /^\d/.test(a)) : args.slice(split + 1);
const files = readdirSync("bench")
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => names.length === 0 || names.some((n) => f.startsWith(n)))
  .sort();

let failed = 0;
for (const file of files) {
  process.stdout.write(`\n=== bench/${file}\n`);
  const result = spawnSync("node", ["--expose-gc", "--import", "tsx", `bench/${file}`, ...passThrough], { stdio: "inherit" });
  if (result.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
