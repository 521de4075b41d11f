import { readFileSync } from "node:fs";
import { expect, settle, test } from "../support/fixtures";

const PROJECT = "model_a_features";
/** A feature of a view the driver_churn_v1 service includes; its tags name the driver_churn model. */
const VIEW = "driver_weekly_activity";
const FEATURE = "trips_last_7d";
const REF = `${VIEW}:${FEATURE}`;
const REPLACEMENT = `${VIEW}:lifetime_trips`;

// Other specs read this feature: leave it active even when the test fails half-way.
test.afterEach(async ({ request, registry }) => {
  const report = await registry.query<{ state: string }>("governance.report", {
    project: PROJECT,
    kind: "feature",
    name: REF,
  });
  if (report.state === "active") return;
  await request.post("/api/trpc/governance.change", {
    data: { json: { project: PROJECT, kind: "feature", name: REF, values: { action: "reactivate" } } },
  });
});

test("deprecating a feature a model reads sends a notice, acknowledged from the inbox", async ({
  page,
  snap,
  registry,
}) => {
  const before = await registry.query<{ open: number }>("governance.noticeCount", { project: PROJECT });
  await page.goto(`/projects/${PROJECT}/features/${VIEW}/${FEATURE}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(FEATURE);

  await page.getByRole("button", { name: "Lifecycle" }).click();
  const dialog = page.getByRole("dialog", { name: `Lifecycle of ${REF}` });
  const impact = dialog.getByRole("region", { name: "Who this affects" });
  await expect(impact.getByRole("link", { name: "driver_churn_v1" })).toBeVisible();
  await expect(impact).toContainText("driver_churn");
  await dialog.getByRole("textbox", { name: "Reason" }).fill("weekly counts are replaced by lifetime trips");
  await dialog.getByRole("textbox", { name: "Replacement" }).fill(REPLACEMENT);
  await dialog.getByRole("textbox", { name: "Reason" }).press("Enter");
  await expect(dialog).toHaveCount(0);
  const banner = page.locator('[data-lifecycle-banner="deprecated"]');
  await expect(banner).toContainText("weekly counts are replaced by lifetime trips");
  await expect(banner.getByRole("link", { name: REPLACEMENT })).toHaveAttribute(
    "href",
    `/projects/${PROJECT}/features/${VIEW}/lifetime_trips`,
  );
  await snap("governance-01-feature-deprecated");

  // The sidebar counts the open notices: one for the service, one for the model it names.
  const notices = page.getByRole("link", { name: /Notices/ });
  await expect(notices).toContainText(String(before.open + 2));
  await notices.click();
  await expect(page).toHaveURL(new RegExp(`/projects/${PROJECT}/notices$`));
  const serviceRow = page.getByRole("row").filter({ hasText: REF }).filter({ hasText: "driver_churn_v1" });
  await expect(serviceRow).toHaveCount(1);
  await expect(serviceRow).toContainText("driver-ops@pantry.dev");
  await settle(page);
  await snap("governance-02-inbox");
  await serviceRow.getByRole("button", { name: /Acknowledge/ }).click();
  await expect(serviceRow).toHaveCount(0);
  await expect(notices).toContainText(String(before.open + 1));

  // The deprecation's page: who acknowledged, who is still waiting.
  await page.goto(`/projects/${PROJECT}/deprecations?kind=feature&name=${encodeURIComponent(REF)}`);
  await expect(page.locator("[data-acknowledged-by]")).toHaveCount(1);
  await expect(page.getByRole("row").filter({ hasText: "model driver_churn" })).toContainText("waiting");
  await expect(page.getByText("1 of 2 notices")).toBeVisible();
  await snap("governance-03-deprecation-page");
});

test("the audit log filters live in the URL and export as CSV", async ({ page, snap }) => {
  await page.goto(`/projects/${PROJECT}/audit?action=apply`);
  const form = page.getByRole("form", { name: "Audit log filters" });
  await expect(form.getByRole("combobox", { name: "Action" })).toHaveValue("apply");
  const rows = page.getByRole("table").getByRole("row");
  await expect(rows.nth(1)).toContainText("apply");
  for (const text of await rows.allInnerTexts()) if (!text.includes("Action")) expect(text).toContain("apply");

  // A filter that matches nothing says so and offers to clear.
  await form.getByRole("textbox", { name: "Actor" }).fill("nobody-at-all");
  await form.getByRole("textbox", { name: "Actor" }).press("Enter");
  await expect(page).toHaveURL(/actor=nobody-at-all/);
  await expect(page.getByText("No entry matches these filters")).toBeVisible();
  await page.goBack();
  await expect(page).not.toHaveURL(/actor=/);
  await expect(rows.nth(1)).toContainText("apply");
  await snap("governance-04-audit-filtered");

  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export CSV" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^pantry-audit-model_a_features-.*\.csv$/);
  const csv = readFileSync((await file.path()) ?? "", "utf8");
  const lines = csv.trimEnd().split("\r\n");
  expect(lines[0]).toBe("time,project,actor,action,kind,name,summary,details");
  expect(lines.length).toBeGreaterThan(1);
  for (const line of lines.slice(1)) expect(line).toContain(`,${PROJECT},`);
  for (const line of lines.slice(1)) expect(line.split(",")[3]).toBe("apply");
  await expect(page.getByRole("status").filter({ hasText: "entries exported" })).toBeVisible();
});

test("a feature service's page shows the view versions it was built from", async ({ page, snap }) => {
  await page.goto(`/projects/${PROJECT}/feature-services/driver_churn_v1`);
  const card = page.getByRole("region", { name: "Built from" });
  await expect(card.getByRole("link", { name: VIEW })).toBeVisible();
  await expect(card.getByText(/built from v\d+/).first()).toBeVisible();
  await expect(card.getByText("current").first()).toBeVisible();
  await expect(page.locator("[data-service-drift]")).toHaveCount(0);
  await snap("governance-05-built-from");
});
