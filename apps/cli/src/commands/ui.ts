/**
 * `pantry ui`: the console for one repo (as `feast ui`), or for a whole workspace of repos
 * (`--workspace`, what `pnpm start` uses). The installed `pantry` package ships the console
 * prebuilt (Next's standalone server in console/); in the monorepo it is built once when no build exists.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import { PantryError } from "@pantry/core/shared";
import type { GlobalOptions } from "../context";

const HERE = dirname(fileURLToPath(import.meta.url));
/** The built package: dist/cli.js (or dist/chunks/*.js) beside console/ and dist/definitions.js. */
const PACKAGE_ROOT = [resolve(HERE, ".."), resolve(HERE, "..", "..")].find((dir) =>
  existsSync(join(dir, "console", "server.js")),
);
const MONOREPO_ROOT = resolve(HERE, "..", "..", "..", "..");
const WEB_DIR = join(MONOREPO_ROOT, "apps", "web");
const NEXT_BIN = join(WEB_DIR, "node_modules", "next", "dist", "bin", "next");

export function ensureConsoleBuild(options: { rebuild?: boolean } = {}): void {
  if (!options.rebuild && existsSync(join(WEB_DIR, ".next", "BUILD_ID"))) return;
  process.stdout.write("Building the console (once; about a minute)...\n");
  const result = spawnSync(process.execPath, [NEXT_BIN, "build"], {
    cwd: WEB_DIR,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) throw new PantryError("FAILED_PRECONDITION", "the console build failed; see the output above");
}

export function register(program: Command): void {
  program
    .command("ui")
    .description("start the web console for this repo (or --workspace for a folder of repos)")
    .option("--port <port>", "port to listen on", process.env.PORT ?? "3000")
    .option("-h, --host <host>", "address to listen on", "127.0.0.1")
    .option("--workspace <folder>", "serve every repo (sub-folder with a feature_store.yaml) of this folder")
    .option("--rebuild", "rebuild the console first")
    .action((options: { port: string; host: string; workspace?: string; rebuild?: boolean }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const env: NodeJS.ProcessEnv = { ...process.env, PORT: options.port, NEXT_TELEMETRY_DISABLED: "1" };
      if (options.workspace) env.PANTRY_WORKSPACE = resolve(options.workspace);
      else {
        const repo = resolve(globals.chdir ?? process.cwd());
        if (!existsSync(join(repo, "feature_store.yaml"))) {
          throw new PantryError("NOT_FOUND", `no feature_store.yaml in ${repo}; run 'pantry ui' in a feature repo, or pass --workspace <folder>`);
        }
        env.PANTRY_REPO = repo;
      }
      let child: ReturnType<typeof spawn>;
      if (PACKAGE_ROOT) {
        // The engine inside the console loads the repo's definitions with the package's own SDK entry.
        env.PANTRY_SDK_ENTRY = join(PACKAGE_ROOT, "dist", "definitions.js");
        child = spawn(process.execPath, [join(PACKAGE_ROOT, "console", "server.js")], {
          cwd: join(PACKAGE_ROOT, "console"),
          env: { ...env, HOSTNAME: options.host },
          stdio: "inherit",
        });
      } else {
        ensureConsoleBuild({ rebuild: options.rebuild });
        child = spawn(process.execPath, [NEXT_BIN, "start", "-p", options.port, "-H", options.host], {
          cwd: WEB_DIR,
          env,
          stdio: "inherit",
        });
      }
      process.stdout.write(`Pantry console on http://${options.host === "0.0.0.0" ? "localhost" : options.host}:${options.port}\n`);
      for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
      child.on("exit", (code) => process.exit(code ?? 0));
    });
}
