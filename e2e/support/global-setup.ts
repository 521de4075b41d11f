/**
 * Seeds a workspace of its own in a temp dir (copies of two example repos, applied with the CLI),
 * starts the console's production build on a free port against it, and returns the teardown
 * that stops the server and removes the temp dir. Builds the console only when no build exists
 * (`pnpm test` builds it first).
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { monorepoRoot, webDir } from "./paths";

const REPOS = ["model_a_features", "model_b_features"];

export default async function globalSetup(): Promise<() => Promise<void>> {
  const tempDir = mkdtempSync(join(tmpdir(), "pantry-e2e-"));
  const workspace = join(tempDir, "workspace");
  mkdirSync(workspace);
  for (const repo of REPOS) seedRepo(join(monorepoRoot, "feature_store", repo), join(workspace, repo));

  if (!existsSync(join(webDir, process.env.PANTRY_NEXT_DIST_DIR ?? ".next", "BUILD_ID"))) {
    execFileSync(join(webDir, "node_modules", ".bin", "next"), ["build"], { cwd: webDir, stdio: "inherit" });
  }

  const port = await freePort();
  const logFile = join(tempDir, "next.log");
  const server = startServer(port, workspace, logFile);
  const baseURL = `http://127.0.0.1:${port}`;
  try {
    await waitForServer(baseURL, server, logFile);
  } catch (error) {
    stopServer(server);
    rmSync(tempDir, { recursive: true, force: true });
    throw error;
  }

  process.env.PANTRY_E2E_BASE_URL = baseURL;
  process.env.PANTRY_E2E_WORKSPACE = workspace;

  return async () => {
    stopServer(server);
    rmSync(tempDir, { recursive: true, force: true });
  };
}

export function seedRepo(from: string, to: string): void {
  cpSync(from, to, {
    recursive: true,
    // The copy starts with an empty registry and online store of its own.
    filter: (path) => !/(registry|online_store)\.db/.test(basename(path)),
  });
  execFileSync(process.execPath, [join(monorepoRoot, "apps", "cli", "bin", "pantry.mjs"), "-c", to, "apply"], {
    cwd: monorepoRoot,
    stdio: "pipe",
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export function startServer(
  port: number,
  workspace: string,
  logFile: string,
  extraEnv: NodeJS.ProcessEnv = {},
): ChildProcess {
  const log = openSync(logFile, "a");
  return spawn(
    process.execPath,
    [join(webDir, "node_modules", "next", "dist", "bin", "next"), "start", "-p", String(port), "-H", "127.0.0.1"],
    {
      cwd: webDir,
      env: {
        ...process.env,
        PANTRY_WORKSPACE: workspace,
        PANTRY_REPO: "",
        PORT: String(port),
        NODE_ENV: "production",
        // What `pantry ui` passes: the console's proxy accepts this address in the Host header.
        PANTRY_HOST: "127.0.0.1",
        ...extraEnv,
      },
      stdio: ["ignore", log, log],
      detached: true,
    },
  );
}

/** Ready when `path` answers 2xx (a console with auth on: a page that needs no token). */
export async function waitForServer(
  baseURL: string,
  server: ChildProcess,
  logFile: string,
  path = "/api/trpc/projects.list",
): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null)
      throw new Error(`next start exited with ${server.exitCode}:\n${readFileSync(logFile, "utf8")}`);
    try {
      const response = await fetch(`${baseURL}${path}`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`the console did not answer on ${baseURL} within 60 s:\n${readFileSync(logFile, "utf8")}`);
}

export function stopServer(server: ChildProcess): void {
  if (server.pid === undefined || server.exitCode !== null) return;
  try {
    process.kill(-server.pid, "SIGTERM");
  } catch {
    server.kill("SIGTERM");
  }
}
