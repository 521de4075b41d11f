/**
 * `pantry ui`: the console for one repo (as `feast ui`), or for a whole workspace of repos
 * (`--workspace`, what `pnpm start` uses). Builds the console once when no build exists.
 *
 * `--base-path /features` (or PANTRY_BASE_PATH) serves it under a sub-path, for a reverse proxy
 * that forwards /features/... unchanged. Next.js bakes the base path into a build, so each base
 * path gets a build of its own (apps/web/.next-base-features), made on first use.
 * SIGTERM/SIGINT: the server stops accepting, finishes in-flight requests and the running
 * materialization, closes the stores and exits 0 (apps/web/graceful-shutdown.mjs).
 *
 * The installed `pantry` package ships the console prebuilt (Next's standalone server in console/,
 * and a sub-path build that `--base-path` turns into the requested path without building, see
 * packaged-console.ts); in the monorepo it is built once when no build exists.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { connect, createServer } from "node:net";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import { checkNetworkExposure, DEFAULT_HOST, isWildcardHost } from "@pantry/core/network";
import { normalizeBasePath, PantryError } from "@pantry/core/shared";
import type { GlobalOptions } from "../context";
import { color } from "../output";
import { packagedConsoleDir } from "../packaged-console";

const HERE = dirname(fileURLToPath(import.meta.url));
/** The built package: dist/cli.js (or dist/chunks/*.js) beside console/ and dist/definitions.js. */
const PACKAGE_ROOT = [resolve(HERE, ".."), resolve(HERE, "..", "..")].find((dir) =>
  existsSync(join(dir, "console", "server.js")),
);
const MONOREPO_ROOT = resolve(HERE, "..", "..", "..", "..");
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

export interface UiOptions {
  port: string;
  host: string;
  workspace?: string;
  basePath?: string;
  rebuild?: boolean;
  allowUnauthenticated?: boolean;
}

/**
 * What `pantry ui` checks before starting Next: the repos' auth (a repo whose auth config cannot
 * be read refuses the start), whether the address may be exposed, and that the port is free.
 * Returns the folder served, the port (a free one for 0), and the warning to print, if any.
 */
export async function prepareConsole(
  options: UiOptions,
  globals: GlobalOptions,
): Promise<{
  env: { PANTRY_WORKSPACE?: string; PANTRY_REPO?: string };
  root: string;
  port: number;
  warning: string | null;
}> {
  const requested = Number(options.port);
  if (!Number.isInteger(requested) || requested < 0 || requested > 65_535)
    throw new PantryError("INVALID_ARGUMENT", `--port must be a port number (got '${options.port}')`);
  let env: { PANTRY_WORKSPACE?: string; PANTRY_REPO?: string };
  let root: string;
  if (options.workspace) {
    root = resolve(options.workspace);
    env = { PANTRY_WORKSPACE: root };
  } else {
    root = resolve(globals.chdir ?? process.cwd());
    if (!existsSync(join(root, "feature_store.yaml"))) {
      throw new PantryError(
        "NOT_FOUND",
        `no feature_store.yaml in ${root}; run 'pantry ui' in a feature repo, or pass --workspace <folder>`,
      );
    }
    env = { PANTRY_REPO: root };
  }
  const { Workspace } = await import("@pantry/core");
  const workspace = new Workspace({ root });
  const policy = await workspace.accessPolicy();
  const warning = checkNetworkExposure({
    host: options.host,
    auth: policy.type,
    allowUnauthenticated: options.allowUnauthenticated ?? false,
    what: "the console",
  });
  const port = await claimPort(options.host, requested);
  return { env, root, port, warning };
}

/** Listens once on host:port to check it is free (and to pick one for port 0), then lets go. */
function claimPort(host: string, port: number): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once("error", (error: NodeJS.ErrnoException) => {
      reject(
        error.code === "EADDRINUSE"
          ? new PantryError("UNAVAILABLE", `port ${port} on ${host} is already in use; pass --port <another>`)
          : new PantryError("UNAVAILABLE", `cannot listen on ${host}:${port}: ${error.message}`),
      );
    });
    probe.listen(port, host, () => {
      const address = probe.address();
      const chosen = typeof address === "object" && address ? address.port : port;
      probe.close(() => resolvePort(chosen));
    });
  });
}

/** Resolves once something accepts connections on host:port (Next is up), false if the child exits first. */
async function waitForListening(host: string, port: number, exited: () => boolean): Promise<boolean> {
  const target = isWildcardHost(host) ? (host.includes(":") ? "::1" : "127.0.0.1") : host.replace(/^\[|\]$/g, "");
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline && !exited()) {
    const up = await new Promise<boolean>((done) => {
      const socket = connect({ host: target, port }, () => {
        socket.end();
        done(true);
      });
      socket.once("error", () => done(false));
    });
    if (up) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

export function consoleUrl(host: string, port: number, basePath = ""): string {
  const shown = host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
  const url = `http://${shown}:${port}${basePath}`;
  return isWildcardHost(host) ? `${url} (every interface of this machine)` : url;
}

export function register(program: Command): void {
  program
    .command("ui")
    .description("start the web console for this repo (or --workspace for a folder of repos)")
    .option("--port <port>", "port to listen on", process.env.PORT ?? "3000")
    .option("-h, --host <host>", "address to listen on (env PANTRY_HOST)", process.env.PANTRY_HOST || DEFAULT_HOST)
    .option("--workspace <folder>", "serve every repo (sub-folder with a feature_store.yaml) of this folder")
    .option(
      "--base-path <path>",
      "serve the console under this sub-path, e.g. /features behind a reverse proxy (or PANTRY_BASE_PATH)",
      process.env.PANTRY_BASE_PATH,
    )
    .option("--rebuild", "rebuild the console first")
    .option(
      "--allow-unauthenticated",
      "listen on a non-loopback address although the repos run with auth: no_auth (everyone who can reach it is an admin)",
    )
    .action(async (options: UiOptions, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const basePath = normalizeBasePath(options.basePath);
      const prepared = await prepareConsole(options, globals);
      if (prepared.warning) process.stderr.write(`${color.yellow(prepared.warning)}\n`);
      const port = String(prepared.port);
      const { PANTRY_WORKSPACE: _w, PANTRY_REPO: _r, ...inherited } = process.env;
      const env: NodeJS.ProcessEnv = {
        ...inherited,
        ...prepared.env,
        PORT: port,
        // The console's proxy accepts this address in the Host header (see apps/web/src/proxy.ts).
        PANTRY_HOST: options.host,
        NEXT_TELEMETRY_DISABLED: "1",
        PANTRY_BASE_PATH: basePath,
        // graceful-shutdown.mjs stops the server on SIGTERM instead of Next's immediate exit.
        NEXT_MANUAL_SIG_HANDLE: "1",
      };
      let child: ReturnType<typeof spawn>;
      if (PACKAGE_ROOT) {
        // The installed package: Next's standalone server, prebuilt (a sub-path gets a rewritten
        // copy of the sub-path build, made once; see packaged-console.ts). The engine inside it
        // loads the repo's definitions with the package's own SDK entry.
        const consoleDir = packagedConsoleDir(PACKAGE_ROOT, basePath);
        env.PANTRY_SDK_ENTRY = join(PACKAGE_ROOT, "dist", "definitions.js");
        child = spawn(process.execPath, [join(consoleDir, "server.js")], {
          cwd: consoleDir,
          env: { ...env, HOSTNAME: options.host },
          stdio: "inherit",
        });
      } else {
        env.PANTRY_NEXT_DIST_DIR = ensureConsoleBuild({ rebuild: options.rebuild, basePath });
        child = spawn(process.execPath, ["--import", GRACEFUL_SHUTDOWN, NEXT_BIN, "start", "-p", port, "-H", options.host], {
          cwd: WEB_DIR,
          env,
          stdio: "inherit",
        });
      }
      // The server stops gracefully on its own signal; this process only passes it on and waits.
      for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
      child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
      // The URL is printed once Next really listens there.
      if (await waitForListening(options.host, prepared.port, () => child.exitCode !== null)) {
        process.stdout.write(`Pantry console on ${consoleUrl(options.host, prepared.port, basePath)}\n`);
      }
    });
}
