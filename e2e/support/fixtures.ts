/**
 * The specs' test object: baseURL from the global setup's server, a `snap` that writes a full-page
 * screenshot to e2e/screenshots/, and a tRPC reader to check what the registry holds.
 */
import { mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test as base, expect, type APIRequestContext, type Page } from "@playwright/test";
import { screenshotDir } from "./paths";

function assertTempWorkspace(): void {
  const workspace = process.env.PANTRY_E2E_WORKSPACE ?? "";
  // The specs write to the registry: never let them run against a real workspace.
  if (!workspace.startsWith(tmpdir()))
    throw new Error(`refusing to run e2e specs against ${workspace || "(unset)"}: not a temp workspace`);
}

export interface Registry {
  query<T>(path: string, input?: unknown): Promise<T>;
}

export const test = base.extend<{ snap: (name: string) => Promise<void>; registry: Registry }>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads fixture dependencies from the destructuring
  baseURL: async ({}, use) => {
    assertTempWorkspace();
    await use(process.env.PANTRY_E2E_BASE_URL);
  },
  snap: async ({ page }, use) => {
    mkdirSync(screenshotDir, { recursive: true });
    await use(async (name) => {
      await settle(page);
      // Sticky header and sidebar belong at the top of a full-page shot.
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
    });
  },
  registry: async ({ request }, use) => {
    await use({ query: (path, input) => trpcQuery(request, path, input) });
  },
});

export { expect };

/** Waits for skeletons to go away, so screenshots show data. */
export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState("networkidle");
  await expect(page.locator('[aria-busy="true"], [data-skeleton]')).toHaveCount(0, { timeout: 15_000 });
}

async function trpcQuery<T>(request: APIRequestContext, path: string, input: unknown): Promise<T> {
  const query = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
  const response = await request.get(`/api/trpc/${path}${query}`);
  const body = (await response.json()) as { result?: { data?: { json?: T } }; error?: unknown };
  if (!response.ok() || !body.result?.data) throw new Error(`${path} failed: ${JSON.stringify(body.error ?? body)}`);
  return body.result.data.json as T;
}
