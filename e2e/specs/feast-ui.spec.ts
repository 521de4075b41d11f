/**
 * Feast's own web UI as a client of Pantry: the npm package @feast-dev/feast-ui, unchanged, built
 * into a page with esbuild (support/feast-ui-build.ts, cached) and served the way a team would
 * deploy it: a static server for the page that passes /projects-list.json and /api/v1 through to
 * `pantry serve` (Feast's REST registry contract). The spec browses a feature view and a feature
 * service in the UI and checks that no registry request failed.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, request as httpRequest, type Server } from "node:http";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import { expect, test } from "@playwright/test";
import { buildFeastUi } from "../support/feast-ui-build";
import { freePort, seedRepo } from "../support/global-setup";
import { monorepoRoot, screenshotDir } from "../support/paths";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
};

let tempDir = "";
let pantry: ChildProcess | null = null;
let page$: Server | null = null;
let uiUrl = "";
const registryRequests: { path: string; status: number }[] = [];

test.beforeAll(async () => {
  test.setTimeout(180_000);
  const bundle = await buildFeastUi();
  tempDir = mkdtempSync(join(tmpdir(), "pantry-feast-ui-"));
  const workspace = join(tempDir, "workspace");
  mkdirSync(workspace);
  for (const repo of ["model_a_features", "model_b_features"])
    seedRepo(join(monorepoRoot, "feature_store", repo), join(workspace, repo));

  const pantryPort = await freePort();
  pantry = spawn(
    process.execPath,
    [
      join(monorepoRoot, "apps", "cli", "bin", "pantry.mjs"),
      "serve",
      "--workspace",
      workspace,
      "--port",
      String(pantryPort),
    ],
    { cwd: monorepoRoot, stdio: "pipe", env: { ...process.env, PANTRY_SCHEDULER: "off" } },
  );
  const pantryUrl = `http://127.0.0.1:${pantryPort}`;
  await waitFor(`${pantryUrl}/health`, pantry);

  // The page's own origin: the UI's files, and Feast's registry paths passed through to Pantry.
  const uiPort = await freePort();
  page$ = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (url.pathname === "/projects-list.json" || url.pathname.startsWith("/api/")) {
      const upstream = httpRequest(
        `${pantryUrl}${url.pathname}${url.search}`,
        { method: req.method, headers: { ...req.headers, host: `127.0.0.1:${pantryPort}` } },
        (answer) => {
          registryRequests.push({ path: `${url.pathname}${url.search}`, status: answer.statusCode ?? 0 });
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on("error", () => res.writeHead(502).end());
      req.pipe(upstream);
      return;
    }
    // Everything else is the single-page app (the UI routes on the client: /p/<project>/...).
    const file = normalize(join(bundle, url.pathname));
    const found = file.startsWith(bundle) && existsSync(file) && extname(file) !== "";
    const path = found ? file : join(bundle, "index.html");
    res.writeHead(200, { "content-type": TYPES[extname(path)] ?? "application/octet-stream" });
    res.end(readFileSync(path));
  });
  await new Promise<void>((resolve) => page$?.listen(uiPort, "127.0.0.1", resolve));
  uiUrl = `http://127.0.0.1:${uiPort}`;
});

test.afterAll(async () => {
  await new Promise<void>((resolve) => (page$ ? page$.close(() => resolve()) : resolve()));
  pantry?.kill("SIGTERM");
  if (tempDir) rmSync(tempDir, { recursive: true, force: true });
});

async function waitFor(url: string, child: ChildProcess): Promise<void> {
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`pantry serve exited: ${output}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`pantry serve did not answer at ${url}: ${output}`);
}

test("Feast's web UI lists Pantry's projects and browses a feature view and a feature service", async ({ page }) => {
  const pageErrors: string[] = [];
  page.on("pageerror", (error) => {
    pageErrors.push(error.message);
    if (process.env.FEASTUI_DEBUG) console.log("pageerror:", error.message, error.stack?.slice(0, 300));
  });
  page.on("console", (m) => {
    if (process.env.FEASTUI_DEBUG) console.log("console:", m.type(), m.text().slice(0, 500));
  });
  page.on("requestfailed", (r) => {
    if (process.env.FEASTUI_DEBUG) console.log("failed:", r.url());
  });
  page.on("response", (r) => {
    if (process.env.FEASTUI_DEBUG) console.log("resp:", r.status(), r.url());
  });
  mkdirSync(screenshotDir, { recursive: true });

  await page.goto(`${uiUrl}/p/model_a_features`);
  // The project home: counts come from the REST lists.
  await expect(page.getByText("Feature Services→")).toBeVisible({ timeout: 30_000 });
  await page.screenshot({ path: join(screenshotDir, "feast-ui-project.png"), fullPage: true });

  // The feature view list, then one view.
  await page.goto(`${uiUrl}/p/model_a_features/feature-view`);
  const viewLink = page.getByRole("table").getByText("driver_hourly_stats", { exact: true });
  await expect(viewLink).toBeVisible({ timeout: 30_000 });
  await viewLink.click();
  await expect(page).toHaveURL(/\/p\/model_a_features\/feature-view\/driver_hourly_stats/);
  await expect(page.getByRole("heading", { name: "driver_hourly_stats" })).toBeVisible();
  // Its features with Feast's value types, its entity, and the services that read it (relationships).
  const features = page.getByRole("table").filter({ hasText: "Value Type" });
  await expect(features.getByRole("row").filter({ hasText: "conv_rate" })).toContainText("FLOAT");
  await expect(features.getByRole("row").filter({ hasText: "avg_daily_trips" })).toContainText("INT64");
  await expect(page.getByText("Consuming Feature Services")).toBeVisible();
  await expect(page.getByRole("table").getByText("model_a_v2", { exact: true })).toBeVisible();
  await page.screenshot({ path: join(screenshotDir, "feast-ui-feature-view.png"), fullPage: true });

  // The feature service list, then one service with its views and features.
  await page.goto(`${uiUrl}/p/model_a_features/feature-service`);
  const serviceLink = page.getByRole("table").getByText("model_a_v1", { exact: true });
  await expect(serviceLink).toBeVisible({ timeout: 30_000 });
  await serviceLink.click();
  await expect(page).toHaveURL(/\/p\/model_a_features\/feature-service\/model_a_v1/);
  await expect(page.getByRole("heading", { name: "model_a_v1" })).toBeVisible({ timeout: 30_000 });
  // The views it reads (its projections) and, through the relationships, its entities.
  await expect(page.getByText("driver_hourly_stats").first()).toBeVisible({ timeout: 30_000 });
  await page.screenshot({ path: join(screenshotDir, "feast-ui-feature-service.png"), fullPage: true });

  // Every registry request the UI sent was answered (no 4xx/5xx), and the page threw nothing.
  // (/api/mlflow-feature-usage is `feast ui`'s own MLflow endpoint, not the registry: its 404
  // only leaves the UI's MLflow panel empty.)
  const failed = registryRequests.filter((r) => r.status >= 400 && !r.path.startsWith("/api/mlflow"));
  expect(failed).toEqual([]);
  expect(registryRequests.map((r) => r.path)).toEqual(
    expect.arrayContaining([
      "/projects-list.json",
      expect.stringMatching(/^\/api\/v1\/feature_views\/driver_hourly_stats\?project=model_a_features/),
      expect.stringMatching(/^\/api\/v1\/feature_services\/model_a_v1\?project=model_a_features/),
    ]),
  );
  expect(pageErrors).toEqual([]);
});
