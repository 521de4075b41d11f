/**
 * The console under a sub-path, as behind a reverse proxy that forwards /features/... unchanged:
 * `pantry ui --base-path /features` on a workspace of its own (its own build, .next-base-features,
 * made on first use). Pages, links, assets and the API live under /features; nothing answers at /.
 * Then SIGTERM: a materialization started from the console finishes and the process exits 0.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { freePort, seedRepo, waitForServer } from "../support/global-setup";
import { monorepoRoot } from "../support/paths";

const BASE = "/features";
const PROJECT = "model_a_features";

let tempDir: string;
let origin: string;
let logFile: string;
let console_: ChildProcess;
let exited: Promise<number | null>;

function startConsole(workspace: string, port: number): ChildProcess {
  const log = openSync(logFile, "a");
  const child = spawn(
    process.execPath,
    [
      join(monorepoRoot, "apps", "cli", "bin", "pantry.mjs"),
      "ui",
      "--workspace",
      workspace,
      "--port",
      String(port),
      "--base-path",
      BASE,
    ],
    {
      cwd: monorepoRoot,
      env: { ...process.env, PANTRY_SCHEDULER: "off", NODE_ENV: "production" },
      stdio: ["ignore", log, log],
      detached: true,
    },
  );
  exited = new Promise((resolve) => child.on("exit", (code) => resolve(code)));
  return child;
}

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  // The first run builds the console for /features (about a minute or two).
  test.setTimeout(400_000);
  tempDir = mkdtempSync(join(tmpdir(), "pantry-e2e-base-path-"));
  const workspace = join(tempDir, "workspace");
  mkdirSync(workspace);
  seedRepo(join(monorepoRoot, "feature_store", PROJECT), join(workspace, PROJECT));
  logFile = join(tempDir, "ui.log");
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  console_ = startConsole(workspace, port);
  const deadline = Date.now() + 380_000;
  // waitForServer gives 60 s; a build may come first.
  while (true) {
    try {
      await waitForServer(origin, console_, logFile, `${BASE}/api/trpc/projects.list`);
      break;
    } catch (error) {
      if (console_.exitCode !== null || Date.now() > deadline) throw error;
    }
  }
});

test.afterAll(() => {
  // Its own process group: a failed spec leaves no `next start` behind.
  if (console_?.pid !== undefined && console_.exitCode === null) {
    try {
      process.kill(-console_.pid, "SIGKILL");
    } catch {
      console_.kill("SIGKILL");
    }
  }
  rmSync(tempDir, { recursive: true, force: true });
});

test("pages, links, assets and the API under /features", async ({ page }) => {
  const failed: string[] = [];
  const assets: string[] = [];
  const api: number[] = [];
  page.on("response", (response) => {
    const url = new URL(response.url());
    if (response.status() >= 400) failed.push(`${response.status()} ${url.pathname}`);
    if (url.pathname.startsWith(`${BASE}/_next/static/`)) assets.push(url.pathname);
    if (url.pathname.startsWith(`${BASE}/api/trpc/`)) api.push(response.status());
  });

  await page.goto(`${origin}${BASE}`);
  await expect(page.getByRole("heading", { level: 1, name: "Projects" })).toBeVisible();
  await page.getByRole("link", { name: PROJECT, exact: true }).first().click();
  await expect(page).toHaveURL(`${origin}${BASE}/projects/${PROJECT}`);
  await expect(page.getByRole("heading", { level: 1, name: PROJECT })).toBeVisible();
  await page
    .getByRole("navigation", { name: "Catalog" })
    .getByRole("link", { name: /Feature views/ })
    .click();
  await expect(page).toHaveURL(new RegExp(`${BASE}/projects/${PROJECT}/`));
  await expect(page.getByRole("link", { name: "driver_hourly_stats", exact: true })).toBeVisible();
  // A full reload of a deep link works too (the proxy forwards it as it is).
  await page.reload();
  await expect(page.getByRole("link", { name: "driver_hourly_stats", exact: true })).toBeVisible();

  expect(failed).toEqual([]);
  expect(assets.length).toBeGreaterThan(0);
  expect(api.length).toBeGreaterThan(0);
  expect(api.every((status) => status === 200)).toBe(true);
  // Every link of the page stays under the sub-path.
  const hrefs = await page.locator("a[href^='/']").evaluateAll((links) => links.map((a) => a.getAttribute("href")));
  expect(hrefs.length).toBeGreaterThan(0);
  expect(hrefs.filter((href) => !href?.startsWith(`${BASE}/`) && href !== BASE)).toEqual([]);

  // An asset and the icon answer under the sub-path; nothing is served outside it.
  const stylesheet = await page.locator("link[rel='stylesheet']").first().getAttribute("href");
  expect(stylesheet?.startsWith(`${BASE}/_next/static/`)).toBe(true);
  expect((await page.request.get(`${origin}${stylesheet}`)).status()).toBe(200);
  const icon = await page.locator("link[rel='icon']").first().getAttribute("href");
  expect(icon?.startsWith(`${BASE}/`)).toBe(true);
  expect((await page.request.get(`${origin}${icon}`)).status()).toBe(200);
  expect((await page.request.get(`${origin}/api/trpc/projects.list`)).status()).toBe(404);
  expect((await page.request.get(`${origin}/projects/${PROJECT}`)).status()).toBe(404);
});

test("SIGTERM: the materialization started from the console finishes, then the process exits 0", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(`${origin}${BASE}/projects/${PROJECT}`);
  const started = await page.evaluate(
    async ({ url, project }) => {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          0: {
            json: {
              project,
              values: { mode: "window", start: "2000-01-01T00:00:00", end: "2026-11-01T00:00:00", views: [] },
            },
          },
        }),
      });
      return { status: response.status, body: await response.json() };
    },
    { url: `${BASE}/api/trpc/materialization.start?batch=1`, project: PROJECT },
  );
  expect(started.status, JSON.stringify(started.body)).toBe(200);
  const jobId = (started.body as { result: { data: { json: { jobId: string } } } }[])[0]?.result.data.json.jobId;

  console_.kill("SIGTERM");
  expect(await exited).toBe(0);
  const log = readFileSync(logFile, "utf8");
  expect(log).toContain("SIGTERM, finishing in-flight requests");
  expect(log).not.toContain("did not stop within");

  // The run was not cut short: a console started again on the workspace shows the job succeeded.
  const workspace = join(tempDir, "workspace");
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  console_ = startConsole(workspace, port);
  await waitForServer(origin, console_, logFile, `${BASE}/api/trpc/projects.list`);
  const input = encodeURIComponent(JSON.stringify({ json: { project: PROJECT, id: jobId } }));
  const job = await page.request.get(`${origin}${BASE}/api/trpc/materialization.job?input=${input}`);
  expect(job.status()).toBe(200);
  const detail = ((await job.json()) as { result: { data: { json: { status: string } } } }).result.data.json;
  expect(detail.status).toBe("succeeded");
  console_.kill("SIGTERM");
  expect(await exited).toBe(0);
});
