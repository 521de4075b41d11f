import { fileURLToPath } from "node:url";
import type { NextConfig } from "next";

const monorepoRoot = fileURLToPath(new URL("../..", import.meta.url));

// The sub-path behind a reverse proxy (`pantry ui --base-path /features` sets PANTRY_BASE_PATH, and
// validates it). Next.js bakes it into the build, so `pantry ui` keeps one build per base path and
// `next start` must see the same value; the Docker image takes it as a build argument.
const basePath = (process.env.PANTRY_BASE_PATH ?? "").trim().replace(/\/+$/, "");

const nextConfig: NextConfig = {
  // A second build beside the usual one (two engineers' e2e runs in one checkout): PANTRY_NEXT_DIST_DIR.
  distDir: process.env.PANTRY_NEXT_DIST_DIR ?? ".next",
  ...(basePath ? { basePath } : {}),
  env: { NEXT_PUBLIC_PANTRY_BASE_PATH: basePath },
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
    "bullmq",
    "jiti",
  ],
  turbopack: { root: monorepoRoot },
  outputFileTracingRoot: monorepoRoot,
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
