/**
 * A Feast repo written in Python, in the console: a workspace of its own holding the quickstart-shaped
 * fixture (applied with the CLI, which reads the .py without running it). The object page shows the
 * Python that defines the object, with its file and line, and a Python badge.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ChildProcess } from "node:child_process";
import { freePort, startServer, stopServer, waitForServer } from "../support/global-setup";
import { monorepoRoot } from "../support/paths";
import { expect, settle, test } from "../support/fixtures";

const PROJECT = "driver_quickstart";
let tempDir = "";
let server: ChildProcess | null = null;
let url = "";

test.beforeAll(async () => {
  tempDir = mkdtempSync(join(tmpdir(), "pantry-e2e-feast-py-"));
  const workspace = join(tempDir, "workspace");
  const repo = join(workspace, "quickstart");
  mkdirSync(workspace);
  cpSync(join(monorepoRoot, "packages", "core", "test", "fixtures", "feast-python", "quickstart"), repo, {
    recursive: true,
  });
  mkdirSync(join(repo, "data"), { recursive: true });
  copyFileSync(
    join(monorepoRoot, "..", "shared", "data", "feast-driver", "driver_stats.parquet"),
    join(repo, "data", "driver_stats.parquet"),
  );
  execFileSync(process.execPath, [join(monorepoRoot, "apps", "cli", "bin", "pantry.mjs"), "-c", repo, "apply"], {
    cwd: monorepoRoot,
    stdio: "pipe",
  });
  const port = await freePort();
  const logFile = join(tempDir, "next.log");
  server = startServer(port, workspace, logFile);
  url = `http://127.0.0.1:${port}`;
  await waitForServer(url, server, logFile);
});

test.afterAll(() => {
  if (server) stopServer(server);
  if (tempDir) rmSync(tempDir, { recursive: true, force: true });
});

test("a feature view read from Python shows its Python source, file and line", async ({ page, snap }) => {
  await page.goto(`${url}/projects/${PROJECT}/feature-views/driver_hourly_stats`);
  await settle(page);
  await expect(page.getByText("Python", { exact: true }).first()).toBeVisible();
  const panel = page.getByRole("region", { name: "Defined in Python: driver_repo.py, line 41" });
  await expect(panel).toBeVisible();
  await expect(panel.getByText('name="driver_hourly_stats"', { exact: false })).toBeVisible();
  await snap("feast-python-feature-view");
});

test("an on-demand view keeps its Python body, shown, with the TypeScript beside it", async ({ page, snap }) => {
  await page.goto(`${url}/projects/${PROJECT}/on-demand-feature-views/transformed_conv_rate?tab=definition`);
  await settle(page);
  const panel = page.getByRole("region", { name: /Defined in Python: driver_repo\.py, line 64/ });
  await expect(panel).toBeVisible();
  await expect(panel.getByText("def transformed_conv_rate(inputs: pd.DataFrame)", { exact: false })).toBeVisible();
  await expect(page.getByText("As TypeScript (SDK)")).toBeVisible();
  await snap("feast-python-on-demand-definition");
});
