import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { expect, test } from "../support/fixtures";
import { monorepoRoot } from "../support/paths";

const PROJECT = "model_a_features";

/** Materializes the last day of the example data with the CLI, as a user would. */
function materializeLastDay(): void {
  const repo = join(process.env.PANTRY_E2E_WORKSPACE as string, PROJECT);
  execFileSync(
    process.execPath,
    [
      join(monorepoRoot, "apps", "cli", "bin", "pantry.mjs"),
      "-c",
      repo,
      "materialize",
      "2026-10-31T00:00:00",
      "2026-11-01T00:00:00",
    ],
    { cwd: monorepoRoot, stdio: "pipe" },
  );
}

test("freshness: empty state, then a table with stale views and a lag chart selected in the URL", async ({
  page,
  snap,
}) => {
  await page.goto(`/projects/${PROJECT}/freshness`);
  await expect(page.getByRole("heading", { level: 1, name: "Freshness" })).toBeVisible();
  const empty = page.getByRole("status").filter({ hasText: "Nothing materialized yet" });
  await expect(empty).toBeVisible();
  await expect(empty.getByRole("link", { name: /Materialize on the Materialization page/ })).toHaveAttribute(
    "href",
    `/projects/${PROJECT}/jobs?materialize=all`,
  );
  await snap("freshness-01-empty");

  // driver_hourly_stats declares pantry.freshness: 2h and the example data ends on 2026-11-01, so it
  // is stale; two runs seconds apart are no cadence, so the other views have no expectation.
  materializeLastDay();
  materializeLastDay();
  await page.reload();
  const table = page.getByRole("table", { name: `Freshness of the online views of ${PROJECT}` });
  await expect(table).toBeVisible();
  await expect(table.getByRole("row", { name: /driver_hourly_stats/ })).toBeVisible();
  await expect(page.getByTestId("state-driver_hourly_stats")).toHaveText("stale");
  await expect(page.getByTestId("stale-count")).toContainText(/\d+ stale views?/);
  await expect(page.getByRole("alert").filter({ hasText: "older than expected" })).toBeVisible();
  await snap("freshness-02-table");

  await page.goto(`/projects/${PROJECT}/freshness?view=driver_hourly_stats`);
  const chart = page.getByRole("figure", { name: "Lag over time of driver_hourly_stats" });
  await expect(chart).toBeVisible();
  await expect(chart.locator(".recharts-line-dot")).toHaveCount(2);
  await expect(chart.getByText(/^Dashed red line: expected /)).toBeVisible();
  await expect(page.getByRole("combobox", { name: "View" })).toHaveValue("driver_hourly_stats");
  await snap("freshness-03-chart");

  await page.getByRole("combobox", { name: "View" }).selectOption("driver_profile");
  await expect(page).toHaveURL(/[?&]view=driver_profile/);
  await expect(page.getByRole("heading", { name: "Lag over time · driver_profile" })).toBeVisible();
});
