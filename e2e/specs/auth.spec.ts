/**
 * Access control in the console: a second console of its own (temp workspace, token auth on,
 * its own port), so the other specs' no_auth console is untouched. Sign-in, the user menu, and
 * buttons disabled for a viewer with a tooltip naming the role needed.
 */
import { execFileSync } from "node:child_process";
import { appendFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ChildProcess } from "node:child_process";
import type { Page } from "@playwright/test";
import { freePort, seedRepo, startServer, stopServer, waitForServer } from "../support/global-setup";
import { monorepoRoot } from "../support/paths";
import { expect, settle, test } from "../support/fixtures";

const PROJECT = "model_a_features";
const VIEW = "driver_weekly_activity";
let tempDir = "";
let server: ChildProcess | null = null;
let authURL = "";
const tokens = { viewer: "", editor: "" };

function addUser(repo: string, name: string, role: string): string {
  const out = execFileSync(
    process.execPath,
    [join(monorepoRoot, "apps", "cli", "bin", "pantry.mjs"), "-c", repo, "auth", "add-user", name, "--role", role],
    { cwd: monorepoRoot, encoding: "utf8" },
  );
  return /Token \(shown once, keep it secret\): (\S+)/.exec(out)?.[1] ?? "";
}

test.beforeAll(async () => {
  tempDir = mkdtempSync(join(tmpdir(), "pantry-e2e-auth-"));
  const workspace = join(tempDir, "workspace");
  mkdirSync(workspace);
  const repo = join(workspace, PROJECT);
  seedRepo(join(monorepoRoot, "feature_store", PROJECT), repo);
  appendFileSync(join(repo, "feature_store.yaml"), "\nauth:\n  type: token\n  tokens_file: users.yaml\n");
  tokens.viewer = addUser(repo, "vic", "viewer");
  tokens.editor = addUser(repo, "eve", "editor");
  const port = await freePort();
  const logFile = join(tempDir, "next.log");
  server = startServer(port, workspace, logFile);
  authURL = `http://127.0.0.1:${port}`;
  await waitForServer(authURL, server, logFile, "/sign-in");
});

test.afterAll(() => {
  if (server) stopServer(server);
  if (tempDir) rmSync(tempDir, { recursive: true, force: true });
});

async function signIn(page: Page, token: string): Promise<void> {
  await page.getByLabel("Token").fill(token);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("region", { name: "Signed-in user" })).toBeVisible();
}

test("without a token the console asks for one; a viewer sees who they are and cannot edit", async ({ page, snap }) => {
  await page.goto(`${authURL}/projects/${PROJECT}/feature-views/${VIEW}`);
  await expect(page).toHaveURL(/\/sign-in\?next=/);
  await expect(page.getByRole("heading", { name: "Sign in to Pantry" })).toBeVisible();
  await snap("auth-sign-in");

  await page.getByLabel("Token").fill("pantry_not-a-token");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("the token is not valid (unknown or replaced)")).toBeVisible();

  await signIn(page, tokens.viewer);
  await expect(page).toHaveURL(new RegExp(`/projects/${PROJECT}/feature-views/${VIEW}$`));
  const user = page.getByRole("region", { name: "Signed-in user" });
  await expect(user).toContainText("vic");
  await expect(user).toContainText("viewer");
  const lifecycle = page.getByRole("button", { name: "Lifecycle" });
  await expect(lifecycle).toBeDisabled();
  await expect(page.locator("[data-needs-role]").filter({ has: lifecycle })).toHaveAttribute(
    "title",
    "Needs the editor role; vic is a viewer",
  );
  await settle(page);
  await snap("auth-viewer-disabled");

  await page.goto(`${authURL}/projects/${PROJECT}/jobs`);
  // The header's button and the empty state's (which renders once the job list has loaded).
  const materialize = page.getByRole("button", { name: "Materialize" });
  await expect(materialize).toHaveCount(2);
  await expect(materialize.first()).toBeDisabled();
  await expect(materialize.last()).toBeDisabled();

  await user.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
});

test("an editor may use the buttons a viewer may not", async ({ page }) => {
  await page.goto(`${authURL}/sign-in`);
  await signIn(page, tokens.editor);
  await page.goto(`${authURL}/projects/${PROJECT}/feature-views/${VIEW}`);
  await expect(page.getByRole("region", { name: "Signed-in user" })).toContainText("editor");
  await expect(page.getByRole("button", { name: "Lifecycle" })).toBeEnabled();
});
