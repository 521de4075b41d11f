import { fileURLToPath } from "node:url";
import type { NextConfig } from "next";

const monorepoRoot = fileURLToPath(new URL("../..", import.meta.url));

const nextConfig: NextConfig = {
  // A second build beside the usual one (two engineers' e2e runs in one checkout): PANTRY_NEXT_DIST_DIR.
  distDir: process.env.PANTRY_NEXT_DIST_DIR ?? ".next",
  // `pnpm release:pack` builds the console for the `pantry` package: a self-contained server.js
  // (Next's standalone output) that `pantry ui` starts with no build on the user's machine.
  ...(process.env.PANTRY_NEXT_STANDALONE === "1" ? { output: "standalone" as const } : {}),
  // The engine and the API are consumed as TypeScript source (no dist/ to go stale).
  transpilePackages: ["@pantry/api", "@pantry/core", "@pantry/db"],
  // Native addons and runtime loaders stay out of the server bundle and load from node_modules.
  // @prisma/adapter-pg (plain JS) is bundled: it carries a pnpm patch, which an npm install of the
  // `pantry` package would not apply.
  serverExternalPackages: [
    "better-sqlite3",
    "@duckdb/node-api",
    "@duckdb/node-bindings",
    "@prisma/client",
    "@prisma/adapter-better-sqlite3",
    "pg",
    "ioredis",
    "jiti",
  ],
  turbopack: { root: monorepoRoot },
  outputFileTracingRoot: monorepoRoot,
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
