import type { Page } from "@playwright/test";
import { expect, settle, test } from "../support/fixtures";

const PROJECT = "model_a_features";
/** Included by the driver_churn_v1 service, whose tags name the driver_churn model. */
const VIEW = "driver_weekly_activity";
const REPLACEMENT = "driver_profile";
const REASON = "weekly snapshots are replaced by the daily profile";

interface Detail {
  summary: { lifecycle: string };
}

/** The page's own header (title, badges, actions), not a card's. */
function pageHeader(page: Page) {
  return page.locator("header").filter({ has: page.getByRole("heading", { level: 1 }) });
}

function isoDateInDays(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

// Other specs read this view: leave it active even when the test fails half-way.
test.afterEach(async ({ request, registry }) => {
  const detail = await registry.query<Detail>("catalog.get", { project: PROJECT, kind: "featureView", name: VIEW });
  if (detail.summary.lifecycle === "active") return;
  await request.post("/api/trpc/lifecycle.change", {
    data: { json: { project: PROJECT, kind: "featureView", view: VIEW, values: { action: "reactivate" } } },
  });
});

test("a feature view is deprecated from the console after reading who it affects, then reactivated", async ({
  page,
  snap,
  registry,
}) => {
  await page.goto(`/projects/${PROJECT}/feature-views/${VIEW}`);
  await expect(page.getByRole("heading", { level: 1, name: VIEW })).toBeVisible();
  await expect(page.locator("[data-lifecycle-banner]")).toHaveCount(0);

  // Escape closes the dialog and gives the focus back to the button that opened it.
  const open = page.getByRole("button", { name: "Lifecycle" });
  await open.click();
  const dialog = page.getByRole("dialog", { name: `Lifecycle of ${VIEW}` });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("textbox", { name: "Reason" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
  await expect(open).toBeFocused();

  await open.click();
  // The impact is on screen before anything is confirmed: the service and the model it names.
  const impact = dialog.getByRole("region", { name: "Who this affects" });
  await expect(impact.getByRole("link", { name: "driver_churn_v1" })).toBeVisible();
  await expect(impact).toContainText("driver_churn");

  // A deprecation without a reason is refused next to the field; nothing is written.
  await dialog.getByRole("button", { name: `Deprecate ${VIEW}` }).click();
  await expect(dialog.getByText("Say why (consumers see it in warnings)")).toBeVisible();
  await expect(dialog.getByRole("textbox", { name: "Reason" })).toHaveAttribute("aria-invalid", "true");

  await dialog.getByRole("textbox", { name: "Reason" }).fill(REASON);
  const replacement = dialog.getByRole("combobox", { name: "Replacement" });
  await expect(replacement.locator("option", { hasText: VIEW })).toHaveCount(0);
  await replacement.selectOption(REPLACEMENT);
  await dialog.getByLabel("Sunset date (UTC)").fill(isoDateInDays(90));
  await settle(page);
  await snap("lifecycle-01-deprecate");

  // Enter in a field confirms.
  await dialog.getByRole("textbox", { name: "Reason" }).press("Enter");
  await expect(dialog).toHaveCount(0);

  const banner = page.locator('[data-lifecycle-banner="deprecated"]');
  await expect(banner).toContainText("Deprecated");
  await expect(banner).toContainText(REASON);
  await expect(banner.getByRole("link", { name: REPLACEMENT })).toHaveAttribute(
    "href",
    `/projects/${PROJECT}/feature-views/${REPLACEMENT}`,
  );
  await expect(banner).toContainText(/in (89|90) days/);
  await expect(banner).toContainText("Deprecated by");
  await expect(pageHeader(page).getByText("deprecated", { exact: true })).toBeVisible();
  const stored = await registry.query<Detail>("catalog.get", { project: PROJECT, kind: "featureView", name: VIEW });
  expect(stored.summary.lifecycle).toBe("deprecated");
  await snap("lifecycle-02-banner");

  // The list shows the badge too.
  await page.goto(`/projects/${PROJECT}/feature-views`);
  await expect(page.getByRole("row").filter({ hasText: VIEW }).getByText("deprecated", { exact: true })).toBeVisible();

  // The audit log has the transition, linked to the view.
  await page.goto(`/projects/${PROJECT}/audit`);
  const row = page.getByRole("row").filter({ hasText: "deprecate" }).first();
  await expect(row).toContainText(`feature view '${VIEW}' deprecated; reason: ${REASON}`);
  await expect(row.getByRole("link", { name: VIEW })).toHaveAttribute(
    "href",
    `/projects/${PROJECT}/feature-views/${VIEW}`,
  );
  await snap("lifecycle-03-audit");

  // Undo: reactivate from the same dialog.
  await row.getByRole("link", { name: VIEW }).click();
  await expect(page.locator('[data-lifecycle-banner="deprecated"]')).toBeVisible();
  await page.getByRole("button", { name: "Lifecycle" }).click();
  await dialog.getByRole("radio", { name: /Reactivate/ }).check();
  await snap("lifecycle-04-reactivate");
  await dialog.getByRole("button", { name: `Reactivate ${VIEW}` }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.locator("[data-lifecycle-banner]")).toHaveCount(0);
  await expect(pageHeader(page).getByText("deprecated", { exact: true })).toHaveCount(0);
  const after = await registry.query<Detail>("catalog.get", { project: PROJECT, kind: "featureView", name: VIEW });
  expect(after.summary.lifecycle).toBe("active");
});
