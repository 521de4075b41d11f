import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Two tiers (and the campaign, below), named by suffix: *.test.ts (unit, in parallel) and *.integration.test.ts (real
// SQLite files, PostgreSQL and Redis on 127.0.0.1; each test makes and drops its own database
// or key prefix). Two workers at most: these machines have 2 cores.
// The console's component tests sit beside their components (apps/web/src/**/*.test.tsx) and ask
// for a DOM with a `@vitest-environment happy-dom` docblock; they import with the app's "@/" alias.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["{packages,apps}/*/test/**/*.test.ts", "apps/web/src/**/*.test.{ts,tsx}", "scripts/test/**/*.test.ts"],
          exclude: ["**/*.integration.test.ts", "**/node_modules/**"],
          pool: "threads",
          maxWorkers: 2,
        },
        resolve: { alias: { "@/": fileURLToPath(new URL("./apps/web/src/", import.meta.url)) } },
      },
      {
        test: {
          name: "integration",
          include: ["{packages,apps}/*/test/**/*.integration.test.ts", "scripts/test/**/*.integration.test.ts"],
          pool: "forks",
          maxWorkers: 2,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        // The bad-input campaign (e2e/campaign): HTTP against the console's production build and a
        // real feature server, so `pnpm test` runs it after the build (`pnpm test:campaign`).
        test: {
          name: "campaign",
          include: ["e2e/campaign/**/*.test.ts"],
          pool: "forks",
          maxWorkers: 1,
          fileParallelism: false,
          testTimeout: 300_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
