#!/usr/bin/env node
// `pnpm test`: every test tier in order, stopping at the first failure.
//   1. lint and typecheck   2. unit + integration (vitest; real SQLite, PostgreSQL, Redis)
//   3. the console's production build   4. end-to-end specs in Chromium (Playwright)
//   5. the bad-input campaign (fast-check over HTTP against the built console and a feature server)
// PANTRY_TEST_SKIP=e2e (comma list: lint,typecheck,vitest,e2e,campaign) skips tiers while developing.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const skip = new Set((process.env.PANTRY_TEST_SKIP ?? "").split(",").filter(Boolean));
const steps = [
  ["lint", "pnpm", ["lint"]],
  ["typecheck", "pnpm", ["typecheck"]],
  ["vitest", "pnpm", ["exec", "vitest", "run", "--project", "unit", "--project", "integration"]],
  ["e2e", "pnpm", ["--filter", "@pantry/web", "build"]],
  ["e2e", "pnpm", ["--filter", "@pantry/e2e", "test"]],
  ["campaign", "pnpm", ["exec", "vitest", "run", "--project", "campaign"]],
];

for (const [tier, command, args] of steps) {
  if (skip.has(tier)) continue;
  if (tier === "e2e" && !existsSync("e2e/playwright.config.ts")) continue;
  process.stdout.write(`\n=== pnpm test: ${[command, ...args].join(" ")}\n`);
  const result = spawnSync(command, args, { stdio: "inherit", env: process.env });
  if (result.status !== 0) {
    process.stderr.write(`\npnpm test: '${[command, ...args].join(" ")}' failed (exit ${result.status ?? result.signal}).\n`);
    process.exit(result.status ?? 1);
  }
}
process.stdout.write("\npnpm test: all tiers passed.\n");
