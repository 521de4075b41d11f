/**
 * Deleting a view removes its online rows whatever deletes it (a console edit here; apply and
 * imports share the code), and a view created under a name that has none starts empty online:
 * a view re-created with the same name never serves the old values. SQLite and Redis alike.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { FeatureViewSpec } from "../src/definitions/types";
import { createOnlineTestRepo, type OnlineTestRepo } from "../testing/online-test-repo";

const consoleView = (name: string): FeatureViewSpec => ({
  kind: "featureView",
  name,
  description: "",
  owner: "",
  tags: {},
  entities: ["driver"],
  entityColumns: [{ name: "driver_id", dtype: "Int64", description: "", tags: {} }],
  schema: [{ name: "conv_rate", dtype: "Float32", description: "", tags: {} }],
  source: "driver_stats_source",
  ttlSeconds: 0,
  online: true,
  offline: true,
});

describe.each(["sqlite", "redis"] as const)("view deletion on the %s online store", (online) => {
  let repo: OnlineTestRepo;
  beforeEach(async () => {
    repo = await createOnlineTestRepo({ online, drivers: 2, hours: 3 });
    await repo.store.apply({ actor: "test" });
  });
  afterEach(async () => repo?.cleanup());

  const read = async (view: FeatureViewSpec) =>
    (
      await repo.onlineStore.read([
        { project: "online_test", view, features: ["conv_rate"], joinKeys: ["driver_id"], entityKeys: [[1001], [1002]] },
      ])
    )[0];
  const window = [new Date("2024-01-01T00:00:00Z"), new Date("2024-01-02T00:00:00Z")] as const;

  it("a console delete removes the rows, and the re-created view serves nothing old", async () => {
    const view = consoleView("console_rates");
    await repo.store.applyEdit({ upserts: [view] }, { actor: "ana" });
    await repo.store.materialize(...window, { views: ["console_rates"] });
    expect((await read(view))?.every((v) => v !== null)).toBe(true);

    const deleted = await repo.store.applyEdit({ upserts: [], deletions: [{ kind: "featureView", name: "console_rates" }] }, { actor: "ana" });
    expect(deleted.warnings).toEqual([]);
    expect(await read(view)).toEqual([null, null]);

    await repo.store.applyEdit({ upserts: [view] }, { actor: "ana" });
    expect(await read(view)).toEqual([null, null]);
  });

  it("rows left under a name with no view (a clean-up cut short) are cleared when a view of that name is created", async () => {
    const view = consoleView("orphaned");
    await repo.onlineStore.write({
      project: "online_test",
      view,
      joinKeys: ["driver_id"],
      entityKeys: [[1001]],
      values: { conv_rate: [0.5] },
      eventTimestamps: [new Date("2030-01-01T00:00:00Z")],
      createdTimestamps: [null],
    });
    expect((await read(view))?.[0]?.values.conv_rate).toBeCloseTo(0.5);
    const created = await repo.store.applyEdit({ upserts: [view] }, { actor: "ana" });
    expect(created.applied).toBe(true);
    expect(await read(view)).toEqual([null, null]);
    // And a materialization then writes the source's values, which an old far-future row would have beaten.
    await repo.store.materialize(...window, { views: ["orphaned"] });
    expect((await read(view))?.[0]?.eventTimestamp).toEqual(new Date("2024-01-01T02:00:00Z"));
  });
});
