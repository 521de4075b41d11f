/**
 * Pantry as a user installs it: `pnpm release:pack` builds both tarballs, plain npm installs them
 * into a folder outside the monorepo, and the quick start runs there from the installed `pantry`
 * bin: init, apply, feature-views list, materialize-incremental up to now (rows > 0), serve + a
 * real POST /get-online-features with PRESENT values, and `pantry ui` answering 200 on its page.
 * Slow (the console's standalone build and an npm install); PANTRY_REUSE_TARBALLS=1 reuses the
 * tarballs of an earlier `pnpm release:pack`.
 */
import { type ChildProcess, execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { freeLoopbackPort } from "@pantry/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const VERSION = JSON.parse(readFileSync(join(ROOT, "apps/cli/package.json"), "utf8")).version as string;
const TARBALLS = [join(ROOT, "dist", `pantry-${VERSION}.tgz`), join(ROOT, "dist", `pantry-sdk-${VERSION}.tgz`)];

/** The installed bin, as `npx pantry` finds it from the install folder or a repo inside it. */
let bin = "";

function run(args: string[], cwd: string): string {
  const result = spawnSync(bin, args, {
    cwd,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", PANTRY_SCHEDULER: "off" },
  });
  if (result.status !== 0) throw new Error(`pantry ${args.join(" ")} exited ${result.status}:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

/** Resolves when `url` answers (any status), or fails after `ms`. */
async function waitFor(url: string, child: ChildProcess, ms: number): Promise<Response> {
  const deadline = Date.now() + ms;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the process exited (${child.exitCode}) before answering ${url}`);
    try {
      return await fetch(url, { redirect: "manual" });
    } catch (error) {
      lastError = error;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(`${url} did not answer within ${ms} ms: ${String(lastError)}`);
}

function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null) return Promise.resolve();
  return new Promise((done) => {
    child.once("exit", () => done());
    child.kill("SIGTERM");
    setTimeout(() => child.kill("SIGKILL"), 10_000).unref();
  });
}

describe("the packed packages installed with npm outside the monorepo", () => {
  let workdir: string;
  let repo: string;
  const children: ChildProcess[] = [];

  beforeAll(() => {
    if (!(process.env.PANTRY_REUSE_TARBALLS === "1" && TARBALLS.every(existsSync))) {
      execFileSync("pnpm", ["release:pack"], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
    }
    workdir = mkdtempSync(join(tmpdir(), "pantry-install-"));
    writeFileSync(join(workdir, "package.json"), `${JSON.stringify({ name: "install-check", private: true })}\n`);
    execFileSync("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error", ...TARBALLS], {
      cwd: workdir,
      stdio: ["ignore", "ignore", "inherit"],
    });
    repo = join(workdir, "fraud_model");
    bin = join(workdir, "node_modules", ".bin", "pantry");
  }, 900_000);

  afterAll(async () => {
    await Promise.all(children.map(stop));
    if (workdir) rmSync(workdir, { recursive: true, force: true });
  });

  it("runs the quick start: init, apply, list, materialize-incremental, serve, ui", async () => {
    expect(run(["version"], workdir)).toContain(VERSION);
    run(["init", "fraud_model"], workdir);
    const pkg = JSON.parse(readFileSync(join(repo, "package.json"), "utf8"));
    expect(Object.keys(pkg.dependencies).sort()).toEqual(["@pantry/sdk", "pantry"]);

    expect(run(["apply"], repo)).toContain("Applied to the registry");
    expect(run(["feature-views", "list"], repo)).toMatch(/driver_hourly_stats\s+driver/);
    const now = new Date().toISOString().slice(0, 19);
    const materialized = JSON.parse(run(["materialize-incremental", now, "--json"], repo));
    expect(materialized.rowsWritten).toBeGreaterThan(0);

    const servePort = await freeLoopbackPort();
    const serve = spawn(bin, ["serve", "--port", String(servePort)], {
      cwd: repo,
      env: { ...process.env, PANTRY_SCHEDULER: "off" },
      stdio: "ignore",
    });
    children.push(serve);
    await waitFor(`http://127.0.0.1:${servePort}/health`, serve, 30_000);
    const response = await fetch(`http://127.0.0.1:${servePort}/get-online-features`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        features: ["driver_hourly_stats:conv_rate", "driver_hourly_stats:avg_daily_trips"],
        entities: { driver_id: [1001, 1002] },
      }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { results: { statuses: string[] }[] };
    const statuses = body.results.slice(1).flatMap((r) => r.statuses);
    expect(statuses).toEqual(["PRESENT", "PRESENT", "PRESENT", "PRESENT"]);

    const uiPort = await freeLoopbackPort();
    const ui = spawn(bin, ["ui", "--port", String(uiPort)], {
      cwd: repo,
      env: { ...process.env, PANTRY_SCHEDULER: "off" },
      stdio: "ignore",
    });
    children.push(ui);
    const home = await waitFor(`http://127.0.0.1:${uiPort}/`, ui, 60_000);
    expect(home.status).toBe(200);
    const project = await fetch(`http://127.0.0.1:${uiPort}/projects/fraud_model`);
    expect(project.status).toBe(200);
    expect(await project.text()).toContain("fraud_model");
    await stop(ui);
  }, 300_000);

  it("serves the prebuilt console under a sub-path: pages, assets and the API, no build", async () => {
    const uiPort = await freeLoopbackPort();
    const started = Date.now();
    const ui = spawn(bin, ["ui", "--port", String(uiPort), "--base-path", "/ml/features"], {
      cwd: repo,
      env: { ...process.env, PANTRY_SCHEDULER: "off" },
      stdio: "ignore",
    });
    children.push(ui);
    const page = await waitFor(`http://127.0.0.1:${uiPort}/ml/features/projects/fraud_model`, ui, 60_000);
    // A rewritten copy of the sub-path build, not a Next build (which takes minutes).
    expect(Date.now() - started).toBeLessThan(45_000);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("fraud_model");
    expect(html).not.toContain("__pantry_base_path__");
    const asset = /(?:src|href)="(\/ml\/features\/_next\/static\/[^"]+)"/.exec(html)?.[1];
    expect(asset, "the page links its assets under the sub-path").toBeTruthy();
    expect((await fetch(`http://127.0.0.1:${uiPort}${asset}`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${uiPort}/ml/features/api/health`)).status).toBe(200);
    const api = await fetch(`http://127.0.0.1:${uiPort}/ml/features/api/trpc/projects.list`);
    expect(api.status).toBe(200);
    expect(JSON.stringify(await api.json())).toContain("fraud_model");
    expect((await fetch(`http://127.0.0.1:${uiPort}/projects/fraud_model`)).status).toBe(404);
    await stop(ui);
  }, 120_000);
});
