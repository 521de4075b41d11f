/**
 * The deprecation workflow through the console's procedures, over a real SQLite registry: the
 * impact the dialog shows first, the change as the acting user, the audit log entry, the catalog
 * badge, and errors that land on the form's fields.
 */
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZLifecycleFormSchema } from "../src/schemas/lifecycle";
import { type SeededWorkspace, seedWorkspace } from "./support/seed-workspace";

let seeded: SeededWorkspace;
beforeAll(async () => {
  seeded = await seedWorkspace();
});
afterAll(async () => {
  await seeded?.cleanup();
});

async function rejection(call: Promise<unknown>): Promise<TRPCError> {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof TRPCError)) throw new Error(`expected a TRPCError, got ${String(error)}`);
  return error;
}

const view = { project: "rides", kind: "featureView" as const, view: "driver_stats" };

describe("view lifecycle from the console", () => {
  it("shows the services (with their tagged models) and on-demand views a change affects", async () => {
    const impact = await seeded.caller().lifecycle.impact(view);
    expect(impact.status.state).toBe("active");
    expect(impact.onDemandViews).toEqual(["trip_eta"]);
    expect(impact.services).toEqual([{ name: "eta_v1", via: "driver_stats", consumers: ["eta_model"] }]);
    expect(impact.consumers).toEqual([]);
  });

  it("deprecates as the acting user, writes the audit log, then undoes it", async () => {
    const sunset = new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10);
    const result = await seeded.caller("ana").lifecycle.change({
      ...view,
      values: { action: "deprecate", reason: "profile has it", replacement: "driver_profile", sunsetAt: sunset },
    });
    expect(result.status).toMatchObject({ state: "deprecated", replacement: "driver_profile" });
    const audit = await seeded.caller().catalog.audit({ project: "rides" });
    expect(JSON.stringify(audit)).toContain("feature view 'driver_stats' deprecated; reason: profile has it");
    const undone = await seeded.caller("ana").lifecycle.change({ ...view, values: { action: "reactivate" } });
    expect(undone).toMatchObject({ from: "deprecated", status: { state: "active" } });
  });

  it("refuses a bad replacement as BAD_REQUEST and an unwarned retirement as PRECONDITION_FAILED", async () => {
    const badReplacement = await rejection(
      seeded.caller().lifecycle.change({
        ...view,
        values: { action: "deprecate", reason: "x", replacement: "driver_stats", sunsetAt: "" },
      }),
    );
    expect(badReplacement.code).toBe("BAD_REQUEST");
    expect(badReplacement.message).toContain("cannot replace itself");
    const active = await rejection(
      seeded.caller().lifecycle.change({ ...view, values: { action: "retire", force: false, replacement: "" } }),
    );
    expect(active.code).toBe("PRECONDITION_FAILED");
    expect(active.message).toContain("deprecate it first");
  });

  it("checks the form in the browser with the same schema", () => {
    const parsed = ZLifecycleFormSchema.safeParse({
      action: "deprecate",
      reason: " ",
      replacement: "",
      sunsetAt: "2020-01-01",
    });
    expect(parsed.success).toBe(false);
    const messages = parsed.error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    expect(messages).toEqual([
      "reason: Say why (consumers see it in warnings)",
      "sunsetAt: The sunset date must be in the future",
    ]);
  });
});
