/** The online cache's bounds: at most max_entries rows (least recently used go first), each served for at most ttl. */
import { describe, expect, it } from "vitest";
import type { FeatureViewSpec } from "../src/definitions/types";
import { CachedOnlineStore } from "../src/online/cached-online-store";
import { SqliteOnlineStore } from "../src/online/sqlite-online-store";

const view: FeatureViewSpec = {
  kind: "featureView",
  name: "stats",
  description: "",
  owner: "",
  tags: {},
  entities: ["driver"],
  schema: [{ name: "x", dtype: "Float64", description: "", tags: {} }],
  entityColumns: [],
  source: "src",
  ttlSeconds: 0,
  online: true,
  offline: true,
};

async function seeded(): Promise<SqliteOnlineStore> {
  const store = new SqliteOnlineStore(":memory:");
  await store.write({
    project: "p",
    view,
    joinKeys: ["driver_id"],
    entityKeys: [[1], [2], [3]],
    values: { x: [1, 2, 3] },
    eventTimestamps: [new Date(), new Date(), new Date()],
    createdTimestamps: [null, null, null],
  });
  return store;
}

const read = (store: CachedOnlineStore, ids: number[]) =>
  store.read([{ project: "p", view, features: ["x"], joinKeys: ["driver_id"], entityKeys: ids.map((id) => [id]) }]);

describe("CachedOnlineStore", () => {
  it("keeps at most max_entries rows, evicting the least recently used", async () => {
    const inner = await seeded();
    const cache = new CachedOnlineStore(inner, { maxEntries: 2, ttlMs: 60_000 });
    await read(cache, [1]);
    await read(cache, [2]);
    await read(cache, [1]); // 1 is now the most recently used
    await read(cache, [3]); // evicts 2
    expect(cache.size).toBe(2);
    const hits = cache.stats.hits;
    expect((await read(cache, [1]))[0]?.[0]?.values.x).toBe(1);
    expect(cache.stats.hits).toBe(hits + 1);
    await read(cache, [2]);
    expect(cache.stats.hits).toBe(hits + 1);
    await inner.close();
  });

  it("serves an entry for at most ttl, and caches not-found rows too", async () => {
    const inner = await seeded();
    let now = 1_000_000;
    const cache = new CachedOnlineStore(inner, { maxEntries: 10, ttlMs: 5000, clock: () => now });
    expect((await read(cache, [9]))[0]?.[0]).toBeNull();
    await read(cache, [1]);
    const hits = cache.stats.hits;
    await read(cache, [1, 9]);
    expect(cache.stats.hits).toBe(hits + 2);
    now += 5000;
    await read(cache, [1]);
    expect(cache.stats.hits).toBe(hits + 2);
    await inner.close();
  });

  it("sees this process's own writes at once", async () => {
    const inner = await seeded();
    const cache = new CachedOnlineStore(inner, { maxEntries: 10, ttlMs: 60_000 });
    expect((await read(cache, [1]))[0]?.[0]?.values.x).toBe(1);
    await inner.write({
      project: "p",
      view,
      joinKeys: ["driver_id"],
      entityKeys: [[1]],
      values: { x: [10] },
      eventTimestamps: [new Date(Date.now() + 1000)],
      createdTimestamps: [null],
    });
    expect((await read(cache, [1]))[0]?.[0]?.values.x).toBe(10);
    await inner.deleteView("p", "stats");
    expect((await read(cache, [1]))[0]?.[0]).toBeNull();
    await inner.close();
  });
});
