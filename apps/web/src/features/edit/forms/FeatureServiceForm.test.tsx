// @vitest-environment happy-dom
import { screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { descriptionOf } from "@/testing/dom";
import { catalogList, createPlan, features, summaries } from "@/testing/fixtures";
import { renderWithApi, type TestApi } from "@/testing/render-with-api";
import { EMPTY_FEATURE_SERVICE, FeatureServiceForm } from "./FeatureServiceForm";

const api: TestApi = {
  catalog: {
    list: catalogList([summaries.featureView("driver_stats", 2)]),
    features: ({ view }) => features(view ?? "", ["conv_rate", "acc_rate"]),
  },
  edit: {
    plan: () =>
      createPlan({
        kind: "featureService",
        name: "model_v1",
        projections: [{ view: "driver_stats", features: ["conv_rate"], alias: null, joinKeyMap: {} }],
        description: "",
        owner: "",
        tags: {},
      }),
  },
};

describe("FeatureServiceForm", () => {
  it("adds a view with all its features ticked, lets some be unticked, and plans the projection", async () => {
    const { user, inputsOf } = renderWithApi(
      <FeatureServiceForm project="p" intent="create" initial={EMPTY_FEATURE_SERVICE} />,
      { api },
    );
    await user.type(screen.getByRole("textbox", { name: "Name" }), "model_v1");

    // Without a view, the message is next to the view picker.
    await user.click(screen.getByRole("button", { name: "Review changes" }));
    const picker = screen.getByRole("combobox", { name: "Add a view" });
    expect(descriptionOf(picker)).toBeTruthy();
    expect(inputsOf("edit.plan")).toEqual([]);

    await waitFor(() => expect(screen.getByRole("option", { name: /driver_stats \(2 features\)/ })).toBeTruthy());
    await user.selectOptions(picker, "driver_stats");
    const acc = await screen.findByRole("checkbox", { name: /acc_rate/ });
    expect((acc as HTMLInputElement).checked).toBe(true);
    await user.click(acc);

    await user.click(screen.getByRole("button", { name: "Review changes" }));
    expect(await screen.findByTestId("plan")).toBeTruthy();
    expect(inputsOf("edit.plan")).toMatchObject([
      {
        form: {
          kind: "featureService",
          values: { name: "model_v1", projections: [{ view: "driver_stats", features: ["conv_rate"] }] },
        },
      },
    ]);
  });
});
