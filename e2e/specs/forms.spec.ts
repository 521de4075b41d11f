import { expect, settle, test } from "../support/fixtures";

const PROJECT = "model_a_features";
const NEW_VIEW = "driver_online_activity";

interface Page<T> {
  items: T[];
  total: number;
}

test("an invalid feature view shows field errors and writes nothing", async ({ page, registry, snap }) => {
  const viewsBefore = await registry.query<Page<unknown>>("catalog.list", {
    project: PROJECT,
    kind: "featureView",
    limit: 200,
  });
  const auditBefore = await registry.query<{ items: unknown[] }>("catalog.audit", { project: PROJECT, limit: 200 });

  await page.goto(`/projects/${PROJECT}/create/feature-views`);
  await settle(page);
  await page.getByRole("textbox", { name: "Name", exact: true }).fill("9 not a name");
  await page.getByRole("textbox", { name: "TTL", exact: true }).fill("soon");
  await page.getByRole("button", { name: "Review changes" }).click();

  await expect(page.getByText("Use letters, digits and '_' only", { exact: false }).first()).toBeVisible();
  await expect(page.getByText("Pick the data source the features come from").first()).toBeVisible();
  await expect(page.getByText("Pick at least one column as a feature").first()).toBeVisible();
  await expect(page.getByText(/Write a duration like/).first()).toBeVisible();
  await expect(page.getByRole("alert").filter({ hasText: "nothing was written" })).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Name", exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByTestId("plan")).toHaveCount(0);
  await snap("form-invalid");

  // Fixing a field clears its message.
  await page.getByRole("textbox", { name: "Name", exact: true }).fill("valid_name");
  await expect(page.getByRole("textbox", { name: "Name", exact: true })).not.toHaveAttribute("aria-invalid", "true");

  const viewsAfter = await registry.query<Page<unknown>>("catalog.list", {
    project: PROJECT,
    kind: "featureView",
    limit: 200,
  });
  const auditAfter = await registry.query<{ items: unknown[] }>("catalog.audit", { project: PROJECT, limit: 200 });
  expect(viewsAfter.total).toBe(viewsBefore.total);
  expect(auditAfter.items.length).toBe(auditBefore.items.length);
});

test("a valid new feature view shows its plan, is applied, and appears in the list, search and lineage", async ({
  page,
  snap,
}) => {
  await page.goto(`/projects/${PROJECT}/create/feature-views`);
  await settle(page);
  await page.getByRole("textbox", { name: "Name", exact: true }).fill(NEW_VIEW);
  await page.getByRole("combobox", { name: "Data source", exact: true }).selectOption("driver_hourly_stats_source");
  await page.getByRole("checkbox", { name: /^driver\b/ }).check();

  // Columns come from the Parquet file, with their types proposed.
  await page.getByRole("checkbox", { name: "Use online_minutes as a feature" }).check();
  await page.getByRole("checkbox", { name: "Use avg_speed_kmh as a feature" }).check();
  await expect(page.getByLabel("Type of online_minutes")).toHaveValue("Int64");
  await expect(page.getByLabel("Type of avg_speed_kmh")).toHaveValue("Float32");
  await page.getByLabel("Description of online_minutes").fill("Minutes online in the hour.");
  await page.getByRole("textbox", { name: "TTL", exact: true }).fill("3h");
  await page.getByRole("combobox", { name: "Owner", exact: true }).fill("e2e@pantry.dev");
  await page.getByRole("button", { name: "Add tag" }).click();
  await page.getByLabel("Key 1").fill("team");
  await page.getByLabel("Value 1").fill("e2e-tests");
  await snap("form-valid");

  await page.getByRole("button", { name: "Review changes" }).click();
  const plan = page.getByTestId("plan");
  await expect(plan).toContainText("1 to create");
  await expect(plan.locator('[data-action="create"]')).toContainText(NEW_VIEW);
  await expect(plan.locator("[data-destructive]")).toHaveCount(0);
  await snap("form-plan");

  await page.getByRole("button", { name: "Apply", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/projects/${PROJECT}/feature-views/${NEW_VIEW}$`));
  await expect(page.getByRole("heading", { level: 1, name: new RegExp(NEW_VIEW) })).toBeVisible();
  await expect(page.getByText("created in console").first()).toBeVisible();
  await snap("form-applied");

  await page.goto(`/projects/${PROJECT}/feature-views`);
  await expect(page.getByRole("link", { name: NEW_VIEW, exact: true })).toBeVisible();

  await page.goto("/search?tag=team%3Ae2e-tests");
  await expect(
    page.getByRole("list", { name: "Search results" }).getByRole("link", { name: NEW_VIEW, exact: true }),
  ).toBeVisible();

  await page.goto(`/projects/${PROJECT}/lineage`);
  const canvas = page.getByTestId("lineage-canvas");
  await expect(canvas.locator(`[data-node-name="${NEW_VIEW}"]`)).toBeVisible();
  await snap("lineage-with-new-view");

  // Focused on the new view: its source upstream, nothing else from the project.
  await page.goto(`/projects/${PROJECT}/feature-views/${NEW_VIEW}?tab=lineage`);
  await expect(canvas.locator('[data-node-name="driver_hourly_stats_source"]')).toBeVisible();
  await expect(canvas.locator('[data-node-name="rider_activity"]')).toHaveCount(0);
});

test("editing the new view marks removing a feature as destructive and records a version with a readable diff", async ({
  page,
  snap,
}) => {
  await page.goto(`/projects/${PROJECT}/feature-views/${NEW_VIEW}/edit`);
  await settle(page);
  await expect(page.getByRole("textbox", { name: "Name", exact: true })).toBeDisabled();
  await page.getByRole("checkbox", { name: "Use avg_speed_kmh as a feature" }).uncheck();
  await page.getByRole("button", { name: "Review changes" }).click();

  const plan = page.getByTestId("plan");
  const item = plan.locator('[data-action="update"]');
  await expect(item).toContainText(NEW_VIEW);
  await expect(item).toHaveAttribute("data-destructive", "true");
  await expect(item).toContainText("removes feature 'avg_speed_kmh'");
  await snap("form-edit-destructive-plan");

  await page.getByRole("button", { name: "Apply, including destructive changes" }).click();
  await expect(page).toHaveURL(new RegExp(`/feature-views/${NEW_VIEW}$`));
  await expect(page.getByText("v2", { exact: true }).first()).toBeVisible();

  await page.getByRole("tab", { name: "Versions" }).click();
  await expect(page).toHaveURL(/tab=versions/);
  const diff = page.getByRole("table", { name: /Changes from version 1 to version 2/ });
  await expect(diff).toContainText("schema[avg_speed_kmh]");
  await snap("versions-diff");
});
