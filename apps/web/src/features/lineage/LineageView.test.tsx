// @vitest-environment happy-dom
import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { RouterOutputs } from "@/lib/trpc/types";
import { renderWithApi } from "@/testing/render-with-api";
import { LineageView } from "./LineageView";

type Graph = RouterOutputs["lineage"]["graph"];

const node = (kind: Graph["nodes"][number]["kind"], name: string, detail = "") => ({
  id: `${kind}:${name}`,
  kind,
  name,
  detail,
  lifecycle: "active",
  focused: false,
});

/** Where the canvas drew a node: the x of its React Flow wrapper's translate(). */
function drawnX(canvas: HTMLElement, name: string): number {
  const wrapper = canvas.querySelector(`[data-node-name="${name}"]`)?.closest<HTMLElement>(".react-flow__node");
  const match = /translate\((-?[\d.]+)px/.exec(wrapper?.style.transform ?? "");
  if (!match) throw new Error(`${name} is not drawn`);
  return Number(match[1]);
}

const GRAPH: Graph = {
  nodes: [
    node("dataSource", "driver_stats_source", "file"),
    node("featureView", "driver_stats", "3 features"),
    node("featureService", "eta_v1"),
    node("consumer", "eta_model"),
  ],
  edges: [
    { id: "a", source: "dataSource:driver_stats_source", target: "featureView:driver_stats", kind: "reads" },
    { id: "b", source: "featureView:driver_stats", target: "featureService:eta_v1", kind: "includes" },
    { id: "c", source: "featureService:eta_v1", target: "consumer:eta_model", kind: "consumes" },
  ],
  focus: null,
};

describe("LineageView", () => {
  it("draws the project's graph: every node, linked to its page, and the counts", async () => {
    renderWithApi(<LineageView project="p" />, { api: { lineage: { graph: () => GRAPH } } });
    const canvas = await screen.findByTestId("lineage-canvas");
    expect(canvas.getAttribute("data-node-count")).toBe("4");
    expect(screen.getByText("4 nodes · 3 edges")).toBeTruthy();
    const view = await within(canvas).findByRole("link", { name: /Feature view driver_stats/ });
    expect(view.getAttribute("href")).toBe("/projects/p/feature-views/driver_stats");
    // Laid out in the browser, left to right: source, view, service, model.
    const xs = ["driver_stats_source", "driver_stats", "eta_v1", "eta_model"].map((name) => drawnX(canvas, name));
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    expect(new Set(xs).size).toBe(4);
  });

  it("says how to get a lineage when the project has nothing to draw", async () => {
    renderWithApi(<LineageView project="p" />, {
      api: { lineage: { graph: () => ({ nodes: [], edges: [], focus: null }) } },
    });
    expect(await screen.findByText("Nothing to draw yet")).toBeTruthy();
  });
});
