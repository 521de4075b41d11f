// @vitest-environment happy-dom
import { screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { descriptionOf } from "@/testing/dom";
import { createPlan, driverStatsFile } from "@/testing/fixtures";
import { apiError, renderWithApi, type TestApi } from "@/testing/render-with-api";
import { DataSourceForm, EMPTY_FILE_SOURCE } from "./DataSourceForm";

const PATH = "data/driver_stats.parquet";

const api: TestApi = {
  catalog: {
    inspectSource: ({ path }) => {
      if (path !== PATH) throw apiError("NOT_FOUND", `No file at ${path} (looked in /repo/${path})`);
      return driverStatsFile(path);
    },
  },
  edit: {
    plan: () =>
      createPlan({
        kind: "dataSource",
        type: "file",
        name: "driver_stats",
        path: PATH,
        format: "parquet",
        timestampField: "event_timestamp",
        createdTimestampColumn: null,
        fieldMapping: {},
        description: "",
        owner: "",
        tags: {},
      }),
  },
};

describe("DataSourceForm", () => {
  it("reads the typed file's columns, proposes its event timestamp, and plans with them", async () => {
    const { user, inputsOf } = renderWithApi(
      <DataSourceForm project="p" intent="create" initial={EMPTY_FILE_SOURCE} />,
      { api },
    );
    await user.type(screen.getByRole("textbox", { name: "Name" }), "driver_stats");
    await user.type(screen.getByRole("textbox", { name: "Path" }), PATH);

    expect(await screen.findByText(/parquet, 4 columns/, undefined, { timeout: 3000 })).toBeTruthy();
    expect(screen.getByRole("table", { name: `Columns of ${PATH}` }).textContent).toContain("conv_rate");
    const timestamp = screen.getByRole("combobox", { name: /Event timestamp column/ }) as HTMLSelectElement;
    await waitFor(() => expect(timestamp.value).toBe("event_timestamp"));

    await user.click(screen.getByRole("button", { name: "Review changes" }));
    expect(await screen.findByTestId("plan")).toBeTruthy();
    expect(inputsOf("edit.plan")).toMatchObject([
      { form: { kind: "dataSource", values: { name: "driver_stats", path: PATH, timestampField: "event_timestamp" } } },
    ]);
  });

  it("says why a path cannot be read, and requires the event timestamp next to its field", async () => {
    const { user, inputsOf } = renderWithApi(
      <DataSourceForm project="p" intent="create" initial={EMPTY_FILE_SOURCE} />,
      { api },
    );
    await user.type(screen.getByRole("textbox", { name: "Name" }), "driver_stats");
    await user.type(screen.getByRole("textbox", { name: "Path" }), "data/missing.parquet");
    expect(await screen.findByText(/No file at data\/missing.parquet/, undefined, { timeout: 3000 })).toBeTruthy();

    await user.click(screen.getByRole("button", { name: "Review changes" }));
    const timestamp = screen.getByRole("combobox", { name: /Event timestamp column/ });
    expect(timestamp.getAttribute("aria-invalid")).toBe("true");
    expect(descriptionOf(timestamp)).toBeTruthy();
    expect(inputsOf("edit.plan")).toEqual([]);
  });
});
