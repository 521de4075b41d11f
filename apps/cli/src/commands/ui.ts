/**
 * `pantry ui`: the console for one repo (as `feast ui`), or for a whole workspace of repos
 * (`--workspace`, what `pnpm start` uses). Builds the console once when no build exists.
 *
 * `--base-path /features` (or PANTRY_BASE_PATH) serves it under a sub-path, for a reverse proxy
 * that forwards /features/... unchanged. Next.js bakes the base path into a build, so each base
 * path gets a build of its own (apps/web/.next-base-features), made on first use.
 * SIGTERM/SIGINT: the server stops accepting, finishes in-flight requests and the running
 * materialization, closes the stores and exits 0 (apps/web/graceful-shutdown.mjs).
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import { normalizeBasePath, PantryError } from "@pantry/core";
import type { GlobalOptions } from "../context";

const MONOREPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "..");
const WEB_DIR = join(MONOREPO_ROOT, "apps", "web");
const NEXT_BIN = join(WEB_DIR, "node_modules", "next", "dist", "bin", "next");
const GRACEFUL_SHUTDOWN = join(WEB_DIR, "graceful-shutdown.mjs");

/** The build folder (relative to apps/web) for a base path: `.next` for none. */
export function consoleDistDir(basePath: string, env: NodeJS.ProcessEnv = process.env): string {
  if (env.PANTRY_NEXT_DIST_DIR) return env.PANTRY_NEXT_DIST_DIR;
  return basePath ? `.next-base${basePath.replaceAll("/", "-")}` : ".next";
}

/** The base path a build was made for, or null when there is no (complete) build. */
function builtBasePath(distDir: string): string | null {
  const manifest = join(WEB_DIR, distDir, "routes-manifest.json");
  if (!existsSync(join(WEB_DIR, distDir, "BUILD_ID")) || !existsSync(manifest)) return null;
  try {
    return (JSON.parse(readFileSync(manifest, "utf8")) as { basePath?: string }).basePath ?? "";
  } catch {
    return null;
  }
}

export function ensureConsoleBuild(options: { rebuild?: boolean; basePath?: string } = {}): string {
  const basePath = options.basePath ?? "";
  const distDir = consoleDistDir(basePath);
  if (!options.rebuild && builtBasePath(distDir) === basePath) return distDir;
  process.stdout.write(
    `Building the console${basePath ? ` for the base path ${basePath}` : ""} (once; about a minute)...\n`,
  );
  const result = spawnSync(process.execPath, [NEXT_BIN, "build"], {
    cwd: WEB_DIR,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", PANTRY_BASE_PATH: basePath, PANTRY_NEXT_DIST_DIR: distDir },
  });
  if (result.status !== 0)
    throw new PantryError("FAILED_PRECONDITION", "the console build failed; see the output above");
  return distDir;
}

export function register(program: Command): void {
  program
    .command("ui")
    .description("start the web console for this repo (or --workspace for a folder of repos)")
    .option("--port <port>", "port to listen on", process.env.PORT ?? "3000")
    .option("-h, --host <host>", "address to listen on", "127.0.0.1")
    .option("--workspace <folder>", "serve every repo (sub-folder with a feature_store.yaml) of this folder")
    .option(
      "--base-path <path>",
      "serve the console under this sub-path, e.g. /features behind a reverse proxy (or PANTRY_BASE_PATH)",
      process.env.PANTRY_BASE_PATH,
    )
    .option("--rebuild", "rebuild the console first")
    .action(
      (
        options: { port: string; host: string; workspace?: string; basePath?: string; rebuild?: boolean },
        command: Command,
      ) => {
        const globals = command.optsWithGlobals<GlobalOptions>();
        const basePath = normalizeBasePath(options.basePath);
        const env: NodeJS.ProcessEnv = {
          ...process.env,
          PORT: options.port,
          NEXT_TELEMETRY_DISABLED: "1",
          PANTRY_BASE_PATH: basePath,
          NEXT_MANUAL_SIG_HANDLE: "1",
        };
        if (options.workspace) env.PANTRY_WORKSPACE = resolve(options.workspace);
        else {
          const repo = resolve(globals.chdir ?? process.cwd());
          if (!existsSync(join(repo, "feature_store.yaml"))) {
            throw new PantryError(
              "NOT_FOUND",
              `no feature_store.yaml in ${repo}; run 'pantry ui' in a feature repo, or pass --workspace <folder>`,
            );
          }
          env.PANTRY_REPO = repo;
        }
        env.PANTRY_NEXT_DIST_DIR = ensureConsoleBuild({ rebuild: options.rebuild, basePath });
        const child = spawn(
          process.execPath,
          ["--import", GRACEFUL_SHUTDOWN, NEXT_BIN, "start", "-p", options.port, "-H", options.host],
          { cwd: WEB_DIR, env, stdio: "inherit" },
        );
        const host = options.host === "0.0.0.0" ? "localhost" : options.host;
        process.stdout.write(`Pantry console on http://${host}:${options.port}${basePath}/\n`);
        // The server stops gracefully on its own signal; this process only passes it on and waits.
        for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
        child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
      },
    );
}
