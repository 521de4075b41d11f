import { expect, test } from "../support/fixtures";

interface Schedule {
  name: string;
  views: string[];
  every: string;
  enabled: boolean;
}

// The schedule runs in an hour and is deleted before that: it starts no job (the freshness spec's
// empty state on this project holds) and, while it exists, 2 x 1h still leaves the views stale.
const PROJECT = "model_a_features";
const NAME = "e2e_hourly";

test("a schedule is created on the Materialization page, listed with its next run, paused and deleted", async ({
  page,
  snap,
  registry,
}) => {
  await page.goto(`/projects/${PROJECT}/jobs`);
  const card = page.getByRole("region", { name: /^Schedules/ });
  await expect(card.getByText("No schedules")).toBeVisible();
  await card.getByRole("button", { name: "New schedule" }).first().click();

  const form = page.getByRole("form", { name: "New schedule" });
  // Not an interval: the form's schema refuses it next to the field, nothing is sent.
  await form.getByLabel("Every").fill("every hour");
  await form.getByRole("button", { name: "Create schedule" }).click();
  await expect(form.getByText('Write an interval like "15m", "1h" or "1d"')).toBeVisible();
  // The engine's own check comes back next to the field too.
  await form.getByLabel("Every").fill("30s");
  await form.getByRole("button", { name: "Create schedule" }).click();
  await expect(form.getByText("shorter than a minute")).toBeVisible();

  await form.getByLabel("Every").fill("1h");
  await form.getByLabel("Name").fill(NAME);
  await form.getByLabel("driver_hourly_stats").check();
  await snap("schedules-01-form");
  await form.getByRole("button", { name: "Create schedule" }).click();

  const table = page.getByRole("table", { name: `Materialization schedules of ${PROJECT}` });
  const row = table.getByRole("row", { name: new RegExp(NAME) });
  await expect(row).toContainText("driver_hourly_stats");
  await expect(row).toContainText("1h");
  await expect(row).toContainText(/in (1 hour|59 minutes)/);
  await expect(row).toContainText("not yet");
  await snap("schedules-02-listed");
  const stored = await registry.query<Schedule[]>("schedules.list", { project: PROJECT });
  expect(stored).toMatchObject([{ name: NAME, views: ["driver_hourly_stats"], every: "1h", enabled: true }]);

  await row.getByRole("button", { name: `Pause ${NAME}` }).click();
  const dialog = page.getByRole("dialog", { name: `Pause schedule ${NAME}?` });
  await dialog.getByRole("button", { name: "Pause schedule" }).click();
  await expect(row.getByText("paused")).toBeVisible();
  await expect(row.getByRole("button", { name: `Resume ${NAME}` })).toBeVisible();
  await snap("schedules-03-paused");

  await row.getByRole("button", { name: `Delete ${NAME}` }).click();
  const confirm = page.getByRole("dialog", { name: `Delete schedule ${NAME}?` });
  await expect(confirm).toContainText("its jobs stay in the list");
  await snap("schedules-04-confirm-delete");
  await confirm.getByRole("button", { name: "Delete schedule" }).click();
  await expect(card.getByText("No schedules")).toBeVisible();
  expect(await registry.query<Schedule[]>("schedules.list", { project: PROJECT })).toEqual([]);
});
