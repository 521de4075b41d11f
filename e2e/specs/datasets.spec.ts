import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { expect, settle, test } from "../support/fixtures";
import { monorepoRoot } from "../support/paths";

/** Saves a training set in the seeded model_a_features repo, as a user does: the CLI with --save-as. */
function saveDataset(name: string): { rows: number; columns: string[] } {
  const workspace = process.env.PANTRY_E2E_WORKSPACE ?? "";
  const repo = join(workspace, "model_a_features");
  const stdout = execFileSync(
    process.execPath,
    [
      join(monorepoRoot, "apps", "cli", "bin", "pantry.mjs"),
      ...["-c", repo, "get-historical-features", "--feature-service", "driver_churn_v1"],
      ...["--entity-df", join(repo, "data", "labels", "driver_churn_labels.parquet")],
      // Inside the repo: saved-dataset files, like every path a repo uses, stay in its folder.
      ...["--output", join(repo, "data", "saved", `${name}.parquet`), "--save-as", name, "--json"],
    ],
    { cwd: monorepoRoot, encoding: "utf8" },
  );
  return JSON.parse(stdout) as { rows: number; columns: string[] };
}

/** driver_churn_v1: four driver_profile features and the seven of driver_weekly_activity. */
const CHURN_FEATURES = 11;

test("a project without saved datasets says how to create one", async ({ page, snap }) => {
  await page.goto("/projects/model_b_features/datasets");
  await expect(page.getByRole("heading", { level: 1, name: "Saved datasets" })).toBeVisible();
  const empty = page.getByRole("status").filter({ hasText: "No saved datasets yet" });
  await expect(empty).toBeVisible();
  await expect(empty).toContainText("pantry get-historical-features");
  await expect(empty).toContainText("--save-as");
  await snap("datasets-empty");
});

test("a saved dataset is listed with its size and time range, and opens to its features and columns", async ({
  page,
  snap,
}) => {
  const saved = saveDataset("churn_training_e2e");
  await page.goto("/projects/model_a_features/datasets");
  await settle(page);

  const table = page.getByRole("table", { name: "Saved datasets of model_a_features" });
  const row = table.getByRole("row", { name: /churn_training_e2e/ });
  await expect(row).toContainText("from feature service driver_churn_v1");
  await expect(row).toContainText(saved.rows.toLocaleString("en"));
  await expect(row).toContainText("1 Jun 2026, 00:00 UTC → 1 Oct 2026, 00:00 UTC");
  await expect(row).toContainText("churn_training_e2e.parquet");
  // The feature count carries the full list for a hover.
  const count = row.getByTitle(/driver_profile:vehicle_type/);
  await expect(count).toHaveText(String(CHURN_FEATURES));
  await expect(
    page.getByRole("navigation", { name: "Operations" }).getByRole("link", { name: /Saved datasets/ }),
  ).toContainText("1");
  await snap("datasets-list");

  await row.getByRole("link", { name: "churn_training_e2e" }).click();
  await expect(page).toHaveURL(/\?dataset=churn_training_e2e$/);
  const detail = page.getByRole("region", { name: "churn_training_e2e" });
  await expect(detail).toContainText("driver_churn_labels.parquet");
  await expect(detail.getByRole("link", { name: "driver_churn_v1" })).toBeVisible();
  const features = page.getByRole("list", { name: "Features" });
  await expect(features.getByRole("listitem")).toHaveCount(CHURN_FEATURES);
  await expect(features.getByRole("link", { name: "driver_weekly_activity:trips_last_7d" })).toHaveAttribute(
    "href",
    "/projects/model_a_features/features/driver_weekly_activity/trips_last_7d",
  );
  const columns = page.getByRole("list", { name: "Columns of churn_training_e2e" });
  await expect(columns.getByRole("listitem")).toHaveText(saved.columns);
  await snap("datasets-detail");

  // The selection is in the URL: a reload shows the same detail; Close clears it.
  await page.reload();
  await expect(page.getByRole("region", { name: "churn_training_e2e" })).toBeVisible();
  await page.getByRole("link", { name: "Close" }).click();
  await expect(page).toHaveURL(/\/datasets$/);
  await expect(page.getByRole("region", { name: "churn_training_e2e" })).toHaveCount(0);
});
