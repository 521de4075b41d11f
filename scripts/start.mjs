#!/usr/bin/env node
// `pnpm start`: the console (PORT, default 3000) and the feature server (PANTRY_SERVER_PORT,
// default 6566) over every feature repo of PANTRY_WORKSPACE. Without PANTRY_WORKSPACE: the example
// repos of ./feature_store, run from a copy under .pantry/examples whose data is shifted on the first
// start so that it ends now (scripts/example-workspace.mjs); feature_store/ keeps its fixed dates.
// Both listen on PANTRY_HOST, default 127.0.0.1 (this machine only). Another address needs token
// auth in the repos, or PANTRY_ALLOW_UNAUTHENTICATED=1 to accept an open admin console (warned).
// Repos whose project is not registered yet are applied and materialized first: applying runs
// the repos' *.ts definition files (see docs/SECURITY.md).
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const examples = process.env.PANTRY_WORKSPACE === undefined || process.env.PANTRY_WORKSPACE === "";
const workspace = examples ? join(root, ".pantry", "examples") : resolve(process.env.PANTRY_WORKSPACE);
const port = process.env.PORT ?? "3000";
const serverPort = process.env.PANTRY_SERVER_PORT ?? "6566";
const host = process.env.PANTRY_HOST || "127.0.0.1";
const exposure = [
  "--host",
  host,
  ...(process.env.PANTRY_ALLOW_UNAUTHENTICATED === "1" ? ["--allow-unauthenticated"] : []),
];
const cli = join(root, "apps", "cli", "bin", "pantry.mjs");

function pantry(args, options = {}) {
  return spawnSync(process.execPath, [cli, ...args], { encoding: "utf8", stdio: options.quiet ? "pipe" : "inherit" });
}

if (examples) {
  const { prepareExampleWorkspace } = await import("./example-workspace.mjs");
  await prepareExampleWorkspace({
    source: join(root, "feature_store"),
    target: workspace,
    log: (line) => console.log(line),
  });
} else if (!existsSync(workspace)) {
  console.error(`PANTRY_WORKSPACE ${workspace} does not exist; point it at a folder of feature repos.`);
  process.exit(2);
}
const repos = readdirSync(workspace, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(workspace, d.name, "feature_store.yaml")))
  .map((d) => join(workspace, d.name));
if (repos.length === 0) console.warn(`No feature repos (folders with a feature_store.yaml) in ${workspace}.`);

const now = new Date().toISOString().slice(0, 19);
for (const repo of repos) {
  const registered = pantry(["-c", repo, "registry-dump"], { quiet: true }).status === 0;
  if (registered) continue;
  console.log(`\n== ${repo}: first start, applying and materializing`);
  if (pantry(["-c", repo, "apply"]).status !== 0) {
    console.error(`apply failed for ${repo}; fix the error above (the console still starts).`);
    continue;
  }
  pantry(["-c", repo, "materialize", "2000-01-01T00:00:00", now]);
}

const children = [
  spawn(process.execPath, [cli, "ui", "--workspace", workspace, "--port", port, ...exposure], { stdio: "inherit" }),
];
if (repos.length > 0) {
  children.push(
    spawn(process.execPath, [cli, "serve", "--workspace", workspace, "--port", serverPort, ...exposure], {
      stdio: "inherit",
    }),
  );
}
// Both stop gracefully on SIGTERM/SIGINT (in-flight requests finish, stores close); wait for both.
let exitCode = 0;
let running = children.length;
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    for (const child of children) if (child.exitCode === null) child.kill(signal);
  });
}
for (const child of children)
  child.on("exit", (code, signal) => {
    exitCode = Math.max(exitCode, code ?? (signal ? 1 : 0));
    for (const other of children) if (other !== child && other.exitCode === null) other.kill("SIGTERM");
    running -= 1;
    if (running === 0) process.exit(exitCode);
  });
