import { join } from "node:path";
import { expect, settle, test } from "../support/fixtures";
import { seedModels } from "../support/seed-models";

const PROJECT = "model_a_features";
const repo = () => join(process.env.PANTRY_E2E_WORKSPACE ?? "", PROJECT);

test.beforeAll(() => {
  test.setTimeout(240_000);
  seedModels(repo(), "seed");
});
test.afterAll(() => {
  // driver_profile is deprecated by the seed; the specs after this one expect it active.
  seedModels(repo(), "undo");
});

test("the models list flags a model reading deprecated features", async ({ page, snap }) => {
  await page.goto(`/projects/${PROJECT}`);
  await page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Models" }).click();
  await expect(page).toHaveURL(new RegExp(`/projects/${PROJECT}/models$`));
  await settle(page);
  const table = page.getByRole("table", { name: "Models" });
  const churn = table.getByRole("row").filter({ hasText: "driver_churn" });
  await expect(churn).toContainText("usage + tags");
  await expect(churn).toContainText("reads 4 deprecated");
  await expect(table.getByRole("row").filter({ hasText: "trip_eta" })).toContainText("service tags");
  await expect(page.getByText("2 of 2 models read something stale or deprecated.")).toBeVisible();
  await snap("models-list");
});

test("a model's page: features with freshness, deprecations with sunset, usage over time, drift side by side", async ({
  page,
  snap,
}) => {
  // A long walk through one page (charts, range, drift, reload) on a machine shared with other jobs.
  test.setTimeout(180_000);
  await page.goto(`/projects/${PROJECT}/models`);
  await page.getByRole("link", { name: "driver_churn", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/projects/${PROJECT}/models/driver_churn$`));
  await settle(page);
  await expect(page.getByRole("heading", { level: 1, name: "driver_churn" })).toBeVisible();

  const features = page.getByRole("table", { name: "Features the model reads", exact: true });
  const vehicle = features.getByRole("row").filter({ hasText: "driver_profile:vehicle_type" });
  await expect(vehicle).toContainText("never materialized");
  await expect(vehicle).toContainText("deprecated");
  await expect(features.getByRole("row")).toHaveCount(12);

  const deprecated = page.getByRole("table", { name: "Deprecated or retired features the model reads" });
  await expect(deprecated.getByRole("row").filter({ hasText: "driver_profile:is_electric" })).toContainText(
    "vehicle data moves to the fleet API",
  );
  await expect(deprecated.getByRole("row").nth(1)).toContainText("UTC");

  await expect(page.getByRole("figure", { name: "Requests, entity rows and errors over time" })).toBeVisible();
  await expect(page.getByRole("figure", { name: "Latency p50 and p99 over time" })).toBeVisible();
  await expect(page.getByText("≤ 2 / ≤ 20 ms")).toBeVisible();
  await page.getByRole("group", { name: "Time range" }).getByRole("button", { name: "24 hours" }).click();
  await expect(page).toHaveURL(/range=24h/);
  await expect(page.getByText("Requests (24h)")).toBeVisible();

  await expect(page.getByText("built from driver_profile v")).toBeVisible();
  await expect(page.getByText("driver-ops@pantry.dev").first()).toBeVisible();

  const drift = page.getByRole("table", { name: "Drift per feature" });
  await expect(drift.getByRole("row").filter({ hasText: "drifted" }).first()).toBeVisible();
  await expect(drift.getByRole("row").filter({ hasText: "driver_profile:vehicle_type" })).toContainText("stable");
  await drift.getByRole("row").filter({ hasText: "drifted" }).first().getByRole("button", { name: "Compare" }).click();
  await expect(page).toHaveURL(/compare=driver_weekly_activity%3A/);
  await expect(page.getByRole("figure", { name: "Training histogram" })).toBeVisible();
  await expect(page.getByRole("figure", { name: "Serving histogram" })).toBeVisible();

  // The URL is shareable: the range and the opened comparison come back on reload.
  await page.reload();
  await settle(page);
  await expect(page.getByRole("figure", { name: "Training histogram" })).toBeVisible();
  await snap("model-page");
});

test("an unknown model says so and links back to the list", async ({ page }) => {
  await page.goto(`/projects/${PROJECT}/models/driver_chrun`);
  await expect(page.getByText("did you mean 'driver_churn'")).toBeVisible();
  await expect(page.getByRole("link", { name: `All models of ${PROJECT}` })).toBeVisible();
});

test("the overview pages show the models needing attention", async ({ page }) => {
  await page.goto("/");
  // Every project's models are computed for this card: slower than the rest of the page.
  const card = page.getByRole("region", { name: "Models needing attention" });
  await expect(card.getByRole("link", { name: "driver_churn" })).toBeVisible({ timeout: 45_000 });
  await expect(card).toContainText("reads 4 deprecated");
  await page.goto(`/projects/${PROJECT}`);
  await expect(page.getByRole("region", { name: "Models" }).getByRole("link", { name: "driver_churn" })).toBeVisible({
    timeout: 30_000,
  });
  await page.goto("/models");
  await settle(page);
  await expect(
    page.getByRole("table", { name: "Models" }).getByRole("row").filter({ hasText: "driver_churn" }),
  ).toContainText(PROJECT);
});

test("a feature's statistics panel: histogram, figures and a recompute", async ({ page, snap }) => {
  await page.goto(`/projects/${PROJECT}/features/driver_hourly_stats/conv_rate`);
  await settle(page);
  const panel = page.locator("#statistics");
  await expect(panel.getByRole("figure", { name: "Histogram of values (20 bins)" })).toBeVisible();
  await expect(panel).toContainText("Null ratio");
  await expect(panel).toContainText("Min / max");
  await expect(panel).toContainText("the whole source");
  await panel.getByRole("button", { name: "Compute now" }).click();
  await expect(panel.getByRole("figure", { name: "Null ratio and mean over time" })).toBeVisible({ timeout: 30_000 });
  await snap("feature-statistics");

  // A string feature shows its top values.
  await page.goto(`/projects/${PROJECT}/features/driver_profile/vehicle_type`);
  await settle(page);
  await expect(page.locator("#statistics").getByRole("figure", { name: "Top 10 values" })).toBeVisible();
});

test("a view's page checks the source against the definition before materializing", async ({ page }) => {
  await page.goto(`/projects/${PROJECT}/feature-views/driver_hourly_stats`);
  await settle(page);
  const quality = page.locator("#quality");
  await expect(quality).toContainText("schema matches");
  await expect(quality).toContainText("No expectations");
});
