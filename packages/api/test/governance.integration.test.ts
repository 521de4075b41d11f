/**
 * Governance through the console's procedures, over a real SQLite registry: a feature's
 * deprecation as the acting user, the notices it sends and their count, acknowledging one,
 * the deprecation's report, the audit filters and the CSV export.
 */
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SeededWorkspace, seedWorkspace } from "./support/seed-workspace";

let seeded: SeededWorkspace;
beforeAll(async () => {
  seeded = await seedWorkspace();
});
afterAll(async () => {
  await seeded?.cleanup();
});

const feature = { project: "rides", kind: "feature" as const, name: "driver_profile:rating" };

describe("governance from the console", () => {
  it("deprecates a feature, notifies the service and model owners, and an owner acknowledges", async () => {
    const impact = await seeded.caller().governance.impact(feature);
    expect(impact.services).toEqual([{ name: "churn_v1", via: "driver_profile", consumers: ["churn_model"] }]);
    const before = (await seeded.caller().governance.noticeCount({ project: "rides" })).open;
    const result = await seeded.caller("ana").governance.change({
      ...feature,
      values: { action: "deprecate", reason: "ratings are biased", replacement: "", sunsetAt: "" },
    });
    expect(result.status).toMatchObject({ state: "deprecated", reason: "ratings are biased" });
    expect((await seeded.caller().governance.noticeCount({ project: "rides" })).open).toBe(before + 2);
    const notices = await seeded.caller().governance.notices({ project: "rides" });
    const service = notices.find((n) => n.subject === "churn_v1");
    expect(service).toMatchObject({ owner: "rides@pantry.dev", actor: "ana", target: "driver_profile:rating" });
    await seeded.caller("bo").governance.acknowledge({ project: "rides", id: service?.id ?? "" });
    const report = await seeded.caller().governance.report(feature);
    expect(report).toMatchObject({ state: "deprecated", acknowledged: 1 });
    expect(report.notices.map((n) => [n.subject, n.acknowledgedBy])).toEqual([
      ["churn_v1", "bo"],
      ["churn_model", null],
    ]);
    const again = await seeded
      .caller("bo")
      .governance.acknowledge({ project: "rides", id: service?.id ?? "" })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(again).toBeInstanceOf(TRPCError);
    expect((again as TRPCError).code).toBe("PRECONDITION_FAILED");
  });

  it("filters the audit log and exports the same entries as CSV", async () => {
    const filtered = await seeded.caller().catalog.audit({ project: "rides", actor: "bo" });
    expect(filtered.items.map((e) => e.action)).toEqual(["acknowledge"]);
    const bad = await seeded
      .caller()
      .catalog.audit({ project: "rides", since: "soon" })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect((bad as TRPCError).code).toBe("BAD_REQUEST");
    const exported = await seeded.caller().governance.auditExport({ project: "rides", action: "deprecate" });
    expect(exported.rows).toBe(1);
    expect(exported.filename).toMatch(/^pantry-audit-rides-.*\.csv$/);
    const [header, row] = exported.csv.trimEnd().split("\r\n");
    expect(header).toBe("time,project,actor,action,kind,name,summary,details");
    expect(row).toContain(",rides,ana,deprecate,feature,driver_profile:rating,");
  });
});
