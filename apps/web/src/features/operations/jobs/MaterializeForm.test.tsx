// @vitest-environment happy-dom
import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { RouterOutputs } from "@/lib/trpc/types";
import { deferred, descriptionOf } from "@/testing/dom";
import { renderWithApi, type TestApi } from "@/testing/render-with-api";
import { MaterializeForm } from "./MaterializeForm";

const END = new Date("2024-02-01T00:00:00Z");

function preview(views: string[]): RouterOutputs["materialization"]["preview"] {
  return {
    mode: "incremental",
    end: END,
    views: views.map((name) => ({ name, start: null, end: END, upToDate: false, basis: "ttl" as const })),
  };
}

describe("MaterializeForm", () => {
  it("lists the online views, shows what will run, and cannot be started twice while starting", async () => {
    const started = deferred<{ jobId: string }>();
    const startedJobs: string[] = [];
    const api: TestApi = {
      materialization: {
        preview: ({ values }) => preview(values.views?.length ? values.views : ["driver_stats", "trips"]),
        start: () => started.promise,
      },
    };
    const { user, inputsOf } = renderWithApi(
      <MaterializeForm project="p" initialViews={[]} onStarted={(id) => startedJobs.push(id)} onClose={() => {}} />,
      { api },
    );
    const views = screen.getByRole("group", { name: "Views" });
    await user.click(await within(views).findByRole("checkbox", { name: "trips" }));
    const whatWillRun = await screen.findByRole("region", { name: "What will run" });
    await waitFor(() => expect(within(whatWillRun).queryByText("driver_stats")).toBeNull());
    expect(within(whatWillRun).getByText("trips")).toBeTruthy();

    const submit = screen.getByRole("button", { name: "Start materialization" }) as HTMLButtonElement;
    await user.click(submit);
    await waitFor(() => expect(submit.disabled).toBe(true));
    expect(inputsOf("materialization.start")).toEqual([
      { project: "p", values: { mode: "incremental", start: "", end: "", views: ["trips"] } },
    ]);
    started.resolve({ jobId: "job-1" });
    await waitFor(() => expect(startedJobs).toEqual(["job-1"]));
  });

  it("asks for both ends of a window, next to each field, before starting anything", async () => {
    const api: TestApi = { materialization: { preview: () => preview(["driver_stats"]) } };
    const { user, inputsOf } = renderWithApi(
      <MaterializeForm project="p" initialViews={[]} onStarted={() => {}} onClose={() => {}} />,
      { api },
    );
    await user.click(screen.getByRole("radio", { name: /A window/ }));
    await user.click(screen.getByRole("button", { name: "Start materialization" }));
    expect(descriptionOf(screen.getByRole("textbox", { name: /Start/ }))).toBe("A window needs a start");
    expect(descriptionOf(screen.getByRole("textbox", { name: /End/ }))).toBe("A window needs an end");
    expect(inputsOf("materialization.start")).toEqual([]);
  });
});
