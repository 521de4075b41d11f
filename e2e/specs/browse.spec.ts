import { expect, test } from "../support/fixtures";

test("browse from the overview to a feature", async ({ page, snap }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Projects" })).toBeVisible();
  await page.getByRole("link", { name: "model_a_features", exact: true }).first().click();

  await expect(page.getByRole("heading", { level: 1, name: "model_a_features" })).toBeVisible();
  await page
    .getByRole("navigation", { name: "Catalog" })
    .getByRole("link", { name: /Feature views/ })
    .click();

  await expect(page.getByRole("heading", { level: 1, name: "Feature views" })).toBeVisible();
  await page.getByRole("link", { name: "driver_hourly_stats", exact: true }).click();

  await expect(page.getByRole("heading", { level: 1, name: /driver_hourly_stats/ })).toBeVisible();
  const schema = page.getByRole("table", { name: "Features of driver_hourly_stats" });
  await expect(schema.getByRole("row", { name: /conv_rate/ })).toContainText("Float32");
  // Entities show their real type (Feast shows INVALID here).
  await expect(page.getByRole("region", { name: /Entities/ })).toContainText("Int64");
  await snap("browse-feature-view");

  await schema.getByRole("link", { name: "conv_rate" }).click();
  await expect(page).toHaveURL(/\/features\/driver_hourly_stats\/conv_rate$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("conv_rate");
  await expect(page.getByRole("region", { name: /Used by feature services/ })).toContainText("model_a_v1");
  await snap("browse-feature");
});
