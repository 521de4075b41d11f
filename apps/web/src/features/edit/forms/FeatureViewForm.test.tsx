// @vitest-environment happy-dom
import { screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { descriptionOf } from "@/testing/dom";
import { catalogList, createPlan, driverStatsFile, summaries } from "@/testing/fixtures";
import { renderWithApi, type TestApi } from "@/testing/render-with-api";
import { EMPTY_FEATURE_VIEW, FeatureViewForm } from "./FeatureViewForm";

const api: TestApi = {
  catalog: {
    list: catalogList([
      summaries.entity("driver", "driver_id"),
      summaries.fileSource("driver_stats_source", "data/driver_stats.parquet"),
    ]),
    inspectSource: ({ path }) => driverStatsFile(path),
  },
  edit: {
    plan: () =>
      createPlan({
        kind: "featureView",
        name: "driver_stats",
        entities: ["driver"],
        source: "driver_stats_source",
        schema: [{ name: "conv_rate", dtype: "Float32", description: "", tags: {} }],
        entityColumns: [],
        ttlSeconds: 86_400,
        online: true,
        offline: true,
        description: "",
        owner: "",
        tags: {},
      }),
  },
};

describe("FeatureViewForm", () => {
  it("offers the picked source's columns as features, join keys and timestamps set apart", async () => {
    const { user, inputsOf } = renderWithApi(
      <FeatureViewForm project="p" intent="create" initial={EMPTY_FEATURE_VIEW} />,
      { api },
    );
    await user.type(screen.getByRole("textbox", { name: "Name" }), "driver_stats");
    const source = screen.getByRole("combobox", { name: /Data source/ });
    await waitFor(() => expect(screen.getByRole("option", { name: /driver_stats_source/ })).toBeTruthy());
    await user.selectOptions(source, "driver_stats_source");
    await user.click(await screen.findByRole("checkbox", { name: /^driver\b/ }));

    expect(await screen.findByRole("checkbox", { name: "Use conv_rate as a feature" })).toBeTruthy();
    expect(screen.getByText("Select all 2 feature columns")).toBeTruthy();
    expect(screen.getByText("join key of a picked entity")).toBeTruthy();

    // No feature picked: the message sits under the features, and nothing is planned.
    await user.click(screen.getByRole("button", { name: "Review changes" }));
    const first = screen.getByRole("checkbox", { name: "Use driver_id as a feature" });
    expect(descriptionOf(first)).toBe("Pick at least one column as a feature");
    expect(inputsOf("edit.plan")).toEqual([]);

    await user.click(screen.getByRole("checkbox", { name: "Use conv_rate as a feature" }));
    expect((screen.getByLabelText("Type of conv_rate") as HTMLSelectElement).value).toBe("Float32");
    await user.click(screen.getByRole("button", { name: "Review changes" }));
    expect(await screen.findByTestId("plan")).toBeTruthy();
    expect(inputsOf("edit.plan")).toMatchObject([
      {
        form: {
          kind: "featureView",
          values: {
            name: "driver_stats",
            source: "driver_stats_source",
            entities: ["driver"],
            features: [{ name: "conv_rate", dtype: "Float32", description: "" }],
          },
        },
      },
    ]);
  });

  it("puts a bad TTL's message next to the TTL", async () => {
    const { user } = renderWithApi(<FeatureViewForm project="p" intent="create" initial={EMPTY_FEATURE_VIEW} />, {
      api,
    });
    const ttl = screen.getByRole("textbox", { name: "TTL" });
    await user.clear(ttl);
    await user.type(ttl, "soon");
    await user.click(screen.getByRole("button", { name: "Review changes" }));
    expect(ttl.getAttribute("aria-invalid")).toBe("true");
    expect(descriptionOf(ttl)).toContain('Write a duration like "2h"');
  });
});
