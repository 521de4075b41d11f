/**
 * Visits every page of the console and writes a full-page screenshot of each to e2e/screenshots/
 * (git-ignored), so a person can look at them. Also asserts each page rendered without an error box.
 */
import { expect, settle, test } from "../support/fixtures";

const P = "/projects/model_a_features";

const PAGES: [name: string, path: string][] = [
  ["01-projects", "/"],
  ["02-project-overview", P],
  ["03-entities", `${P}/entities`],
  ["04-data-sources", `${P}/data-sources`],
  ["05-feature-views", `${P}/feature-views`],
  ["06-on-demand-views", `${P}/on-demand-feature-views`],
  ["07-feature-services", `${P}/feature-services`],
  ["08-features", `${P}/features`],
  ["09-features-filtered", `${P}/features?q=rate&dtype=Float32`],
  ["10-entity", `${P}/entities/driver`],
  ["11-entity-definition", `${P}/entities/driver?tab=definition`],
  ["12-data-source", `${P}/data-sources/driver_hourly_stats_source`],
  ["13-data-source-sample", `${P}/data-sources/driver_hourly_stats_source?tab=sample`],
  ["14-request-source", `${P}/data-sources/trip_request`],
  ["15-feature-view", `${P}/feature-views/driver_hourly_stats`],
  ["16-feature-view-sample", `${P}/feature-views/driver_hourly_stats?tab=sample`],
  ["17-feature-view-definition", `${P}/feature-views/driver_hourly_stats?tab=definition`],
  ["18-feature-view-versions", `${P}/feature-views/driver_hourly_stats?tab=versions`],
  ["19-feature-view-lineage", `${P}/feature-views/driver_hourly_stats?tab=lineage`],
  ["20-on-demand-view", `${P}/on-demand-feature-views/trip_eta_features`],
  ["21-feature-service", `${P}/feature-services/model_a_v1`],
  ["22-feature-service-lineage", `${P}/feature-services/model_a_v1?tab=lineage&direction=upstream`],
  ["23-feature", `${P}/features/driver_hourly_stats/conv_rate`],
  ["24-lineage", `${P}/lineage`],
  ["25-lineage-focused", `${P}/lineage?focus=featureView%3Adriver_profile&depth=1`],
  ["26-lineage-entities", `${P}/lineage?entities=1`],
  ["27-search-empty", "/search"],
  ["28-search", "/search?q=driver"],
  ["29-search-filtered", "/search?q=rate&kind=feature&project=model_b_features"],
  ["30-create-entity", `${P}/create/entities`],
  ["31-create-data-source", `${P}/create/data-sources`],
  ["32-create-feature-view", `${P}/create/feature-views?source=location_hourly_stats_source`],
  ["33-create-feature-service", `${P}/create/feature-services`],
  ["34-edit-defined-in-code", `${P}/feature-views/driver_hourly_stats/edit`],
  ["35-import", "/import"],
  ["36-datasets", `${P}/datasets`],
  ["37-jobs", `${P}/jobs`],
  ["38-audit", `${P}/audit`],
  ["39-not-found-object", `${P}/feature-views/no_such_view`],
  ["40-not-found-page", "/nothing-here"],
];

for (const [name, path] of PAGES) {
  test(`screenshot ${name}`, async ({ page, snap }) => {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
    await snap(name);
    if (!name.includes("not-found"))
      await expect(page.getByRole("alert").filter({ hasText: /went wrong|Request failed/ })).toHaveCount(0);
  });
}

test("screenshot 41-palette", async ({ page, snap }) => {
  await page.goto(P);
  await settle(page);
  await page.keyboard.press("Control+k");
  const palette = page.getByRole("dialog", { name: "Search the catalog" });
  await palette.getByRole("combobox").fill("driver");
  await expect(palette.getByRole("option").first()).toContainText("driver");
  await snap("41-palette");
});

test("screenshot 42-data-source-form-inspected", async ({ page, snap }) => {
  await page.goto(`${P}/create/data-sources`);
  await settle(page);
  await page
    .getByRole("textbox", { name: "Path", exact: true })
    .fill("data/temporal_data/location_hourly_stats.parquet");
  await expect(page.getByText(/Found .*location_hourly_stats\.parquet/)).toBeVisible();
  await snap("42-data-source-form-inspected");
});

test("screenshot 43-service-form-with-views", async ({ page, snap }) => {
  await page.goto(`${P}/create/feature-services`);
  await settle(page);
  await page.getByRole("combobox", { name: "Add a view", exact: true }).selectOption("driver_hourly_stats");
  await expect(page.getByTestId("projection-driver_hourly_stats")).toBeVisible();
  await snap("43-service-form-with-views");
});
