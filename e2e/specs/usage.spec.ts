import { join } from "node:path";
import { expect, settle, test } from "../support/fixtures";
import { type SeedRollup, seedUsage } from "../support/seed-usage";

const PROJECT = "model_a_features";
const HOUR = 60;
const DAY = 24 * HOUR;

/** One request of a model reads all its features: one rollup per feature with the same counts. */
function reads(consumer: string, featureRefs: string[], at: [minutesAgo: number, requests: number][]): SeedRollup[] {
  return at.flatMap(([minutesAgo, requests]) =>
    featureRefs.map((featureRef) => ({
      consumer,
      featureRef,
      minutesAgo,
      requests,
      totalLatencyMs: requests * 3,
      maxLatencyMs: 12,
    })),
  );
}

/** Hourly for a week (short of its edge), busier by day than by night; the churn model every 3 hours for 5 days. */
const ETA: [number, number][] = Array.from({ length: 7 * 24 - 2 }, (_, i) => [
  5 + i * HOUR,
  30 + Math.round(20 * Math.sin((i / 24) * 2 * Math.PI)),
]);
const CHURN: [number, number][] = Array.from({ length: 40 }, (_, i) => [30 + i * 3 * HOUR, 4 + (i % 5)]);
const total = (at: [number, number][]) => at.reduce((n, [, requests]) => n + requests, 0);

test.beforeAll(() => {
  const repo = join(process.env.PANTRY_E2E_WORKSPACE ?? "", PROJECT);
  seedUsage(repo, [
    ...reads("eta_ranker", ["driver_hourly_stats:conv_rate", "driver_hourly_stats:acc_rate"], ETA),
    ...reads("churn_model", ["driver_profile:vehicle_type", "driver_profile:vehicle_year"], CHURN),
    ...reads("fraud_check", ["driver_hourly_stats:avg_speed_kmh"], [[15 * DAY, 9]]),
  ]);
});

test("a project without usage says how reads get recorded", async ({ page, snap }) => {
  await page.goto("/projects/model_b_features/usage");
  await expect(page.getByRole("heading", { level: 1, name: "Usage" })).toBeVisible();
  const empty = page.getByRole("status").filter({ hasText: "No online reads in the last 7 days" });
  await expect(empty).toContainText("x-pantry-consumer: <model>");
  await expect(empty).toContainText("POST /get-online-features");
  await expect(empty).toContainText('consumer: "<model>"');
  // Unread features are listed even without any usage.
  await expect(page.getByRole("table", { name: "Online features nobody read" })).toBeVisible();
  await snap("usage-empty");
});

test("usage per model: chart, model table, a model filter and range kept in the URL, unused features", async ({
  page,
  snap,
}) => {
  await page.goto(`/projects/${PROJECT}`);
  await page.getByRole("navigation", { name: "Operations" }).getByRole("link", { name: "Usage" }).click();
  await expect(page).toHaveURL(new RegExp(`/projects/${PROJECT}/usage$`));
  await settle(page);

  // Other specs (the model pages) record usage of models of their own in this project: this one
  // checks its own models, and that the chart has one area per model of the table.
  const chart = page.getByRole("figure", { name: "Requests over time per model" });
  const models = page.getByRole("table", { name: `Models that read features of ${PROJECT}` });
  const rows = models.getByRole("row");
  const eta = models.getByRole("row", { name: /eta_ranker/ });
  await expect(eta).toContainText(total(ETA).toLocaleString("en"));
  await expect(eta).toContainText("3.00 ms");
  const churn = models.getByRole("row", { name: /churn_model/ });
  await expect(churn).toContainText(String(total(CHURN)));
  await expect(models.getByRole("row", { name: /fraud_check/ })).toHaveCount(0);
  await expect(chart.locator(".recharts-area")).toHaveCount((await rows.count()) - 1);
  const features = page.getByRole("table", { name: `Features of ${PROJECT} by requests` });
  await expect(features).toContainText("driver_hourly_stats:conv_rate");
  await expect(features).toContainText("driver_profile:vehicle_type");

  const unused = page.getByRole("table", { name: "Online features nobody read" });
  const hourly = unused.getByRole("row", { name: /^driver_hourly_stats/ });
  await expect(hourly).toContainText("online_minutes");
  await expect(hourly).toContainText("avg_speed_kmh");
  await expect(hourly).not.toContainText("conv_rate");
  await expect(hourly).toContainText("model_a_v2");
  await expect(page.getByText("deprecation candidates")).toBeVisible();
  await snap("usage-7d");

  // Clicking a model narrows the page, in the URL.
  await models.getByRole("link", { name: "churn_model" }).click();
  await expect(page).toHaveURL(/\/usage\?model=churn_model$/);
  await expect(chart.locator(".recharts-area")).toHaveCount(1);
  await expect(page.getByRole("table", { name: `Features of ${PROJECT} by requests` })).not.toContainText(
    "driver_hourly_stats",
  );
  await expect(page.getByRole("heading", { name: "Features churn_model read" })).toBeVisible();
  await snap("usage-model-filter");

  // A wider range keeps the filter; the URL is shareable.
  await page.getByRole("group", { name: "Time range" }).getByRole("button", { name: "30 days" }).click();
  await expect(page).toHaveURL(/\/usage\?model=churn_model&range=30d$/);
  await page.reload();
  await expect(page.getByRole("button", { name: "30 days" })).toHaveAttribute("aria-pressed", "true");
  await page.getByRole("link", { name: "Show all models" }).click();
  await expect(page).toHaveURL(/\/usage\?range=30d$/);
  await expect(models.getByRole("row", { name: /fraud_check/ })).toBeVisible();
  await expect(unused.getByRole("row", { name: /^driver_hourly_stats/ })).not.toContainText("avg_speed_kmh");
  await snap("usage-30d");

  // An unused feature's view page: its Lifecycle action, and who read it.
  await unused.getByRole("link", { name: "driver_hourly_stats" }).click();
  await expect(page).toHaveURL(new RegExp(`/projects/${PROJECT}/feature-views/driver_hourly_stats$`));
  const readBy = page.getByRole("region", { name: /Read by/ });
  await expect(readBy).toContainText("eta_ranker");
  await expect(readBy).not.toContainText("fraud_check");
  await readBy.scrollIntoViewIfNeeded();
  await snap("usage-read-by");
});
