import { expect, test } from "../support/fixtures";

interface Job {
  id: string;
  status: string;
  trigger: string;
  rowsWritten: number;
}

const PROJECT = "model_b_features";

test("an incremental materialization is launched from the console, watched to the end and opened", async ({
  page,
  snap,
  registry,
}) => {
  await page.goto(`/projects/${PROJECT}/jobs`);
  await expect(page.getByRole("heading", { level: 1, name: "Materialization jobs" })).toBeVisible();
  const empty = page.getByRole("status").filter({ hasText: "No materialization jobs yet" });
  await expect(empty).toContainText("pantry materialize-incremental");
  await snap("materialize-01-empty");

  await empty.getByRole("button", { name: "Materialize" }).click();
  const form = page.getByRole("form", { name: "Materialize" });
  await expect(form).toBeVisible();
  const preview = form.getByRole("region", { name: "What will run" });
  await expect(preview.getByRole("row")).not.toHaveCount(0);
  await expect(preview).toContainText("first run");

  // A window without a start is refused next to the field, before anything runs.
  await form.getByLabel("A window (backfill)").check();
  await form.getByRole("button", { name: "Start materialization" }).click();
  await expect(form.getByText("A window needs a start")).toBeVisible();
  await form.getByLabel("Incremental: each view from its last run up to now").check();
  await snap("materialize-02-form");

  await form.getByRole("button", { name: "Start materialization" }).click();
  await expect(page).toHaveURL(/[?&]job=/);
  const jobId = new URL(page.url()).searchParams.get("job") as string;
  const detail = page.getByRole("region", { name: `Job ${jobId}` });
  // The first property is the job's status (views finish one by one before the job does).
  await expect(detail.locator("dd").first()).toHaveText("succeeded", { timeout: 45_000 });
  await expect(detail.getByRole("button", { name: "Cancel job" })).toHaveCount(0);
  await expect(detail).toContainText("console");
  await snap("materialize-03-job");

  const jobs = await registry.query<Job[]>("catalog.jobs", { project: PROJECT, limit: 10 });
  const job = jobs.find((j) => j.id === jobId);
  expect(job).toMatchObject({ status: "succeeded", trigger: "console" });
  expect(job?.rowsWritten).toBeGreaterThan(0);

  // The shared URL opens the same job; the list says who started it and what it wrote.
  await page.goto(`/projects/${PROJECT}/jobs?job=${jobId}`);
  await expect(page.getByRole("table", { name: "Progress per view" })).toBeVisible();
  const row = page
    .getByRole("table", { name: `Materialization jobs of ${PROJECT}` })
    .getByRole("row")
    .nth(1);
  await expect(row).toContainText("console");
  await expect(row).toContainText(new Intl.NumberFormat("en").format(job?.rowsWritten ?? 0));
  await snap("materialize-04-list");

  // A feature view's "Materialize" action opens the form with that view ticked; a second run fills the chart.
  await page.goto(`/projects/${PROJECT}/feature-views/merchant_profile`);
  await page.getByRole("link", { name: "Materialize", exact: true }).click();
  await expect(form.getByLabel("merchant_profile")).toBeChecked();
  await expect(form.getByRole("region", { name: "What will run" }).getByRole("row")).toHaveCount(2);
  await expect(form.getByRole("region", { name: "What will run" })).toContainText("end of its last run");
  await form.getByRole("button", { name: "Start materialization" }).click();
  await expect(page.getByRole("region", { name: /^Job / }).locator("dd").first()).toHaveText("succeeded", {
    timeout: 45_000,
  });
  await expect(page.getByRole("figure", { name: "Rows written and duration per job" })).toBeVisible();
  await snap("materialize-05-chart");
});
