import { expect, settle, test } from "../support/fixtures";

test("search by a tag finds the tagged objects, best first", async ({ page, snap }) => {
  await page.goto("/search");
  await settle(page);
  const tag = page.getByRole("textbox", { name: "Tag", exact: true });
  await tag.fill("team:driver-ops");
  await tag.press("Enter");

  await expect(page).toHaveURL(/tag=team%3Adriver-ops/);
  const results = page.getByRole("list", { name: "Search results" });
  await expect(results.getByRole("link", { name: "driver_profile", exact: true })).toBeVisible();
  await expect(results.getByRole("link", { name: "driver_weekly_activity", exact: true })).toBeVisible();
  // Objects of other teams are not tagged team:driver-ops.
  await expect(results.getByRole("link", { name: "driver_hourly_stats", exact: true })).toHaveCount(0);
  await snap("search-by-tag");

  // The URL is the state: reloading shows the same results.
  await page.reload();
  await expect(results.getByRole("link", { name: "driver_profile", exact: true })).toBeVisible();
});

test("Ctrl-K opens the palette from anywhere and Enter opens the result", async ({ page, snap }) => {
  await page.goto("/projects/model_b_features");
  await expect(page.getByRole("heading", { level: 1, name: "model_b_features" })).toBeVisible();
  // The shortcut is handled once the page is interactive (after hydration and the first data).
  await settle(page);
  await page.keyboard.press("Control+k");

  const palette = page.getByRole("dialog", { name: "Search the catalog" });
  await expect(palette).toBeVisible();
  await palette.getByRole("combobox").fill("conv_rate");
  const first = palette.getByRole("option").first();
  await expect(first).toContainText("driver_hourly_stats:conv_rate");
  await expect(first).toHaveAttribute("aria-selected", "true");
  await snap("palette");

  await page.keyboard.press("Enter");
  await expect(palette).toBeHidden();
  await expect(page).toHaveURL(/\/projects\/model_a_features\/features\/driver_hourly_stats\/conv_rate$/);

  // Escape closes it without navigating.
  await page.keyboard.press("Control+k");
  await expect(palette).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(palette).toBeHidden();
});
