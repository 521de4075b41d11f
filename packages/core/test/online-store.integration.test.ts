import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { FeatureViewSpec, FieldSpec } from "../src/definitions/types";
import { RedisOnlineStore } from "../src/online/redis-online-store";
import { SqliteOnlineStore } from "../src/online/sqlite-online-store";
import type { OnlineStore, OnlineWriteBatch } from "../src/online/types";
import { ONLINE_KINDS, type OnlineBackend, startOnlineBackend } from "../testing/online-backends";

const field = (name: string, dtype: FieldSpec["dtype"]): FieldSpec => ({ name, dtype, description: "", tags: {} });

function view(name: string, features: FieldSpec[]): FeatureViewSpec {
  return {
    kind: "featureView",
    name,
    description: "",
    owner: "",
    tags: {},
    entities: ["driver"],
    schema: features,
    entityColumns: [],
    source: "src",
    ttlSeconds: 0,
    online: true,
    offline: true,
  };
}

const stats = view("driver_stats", [field("conv_rate", "Float32"), field("trips", "Int64")]);
const profile = view("driver_profile", [field("name", "String")]);
const t = (iso: string) => new Date(iso);

function batch(
  spec: FeatureViewSpec,
  rows: { id: number; ts: string; values: Record<string, unknown> }[],
): OnlineWriteBatch {
  const values: Record<string, unknown[]> = {};
  for (const f of spec.schema) values[f.name] = rows.map((r) => r.values[f.name] ?? null);
  return {
    project: "p1",
    view: spec,
    joinKeys: ["driver_id"],
    entityKeys: rows.map((r) => [r.id]),
    values,
    eventTimestamps: rows.map((r) => t(r.ts)),
    createdTimestamps: rows.map(() => null),
  };
}

async function readOne(store: OnlineStore, spec: FeatureViewSpec, id: unknown, project = "p1") {
  const [rows] = await store.read([
    { project, view: spec, features: spec.schema.map((f) => f.name), joinKeys: ["driver_id"], entityKeys: [[id]] },
  ]);
  return rows?.[0] ?? null;
}

/**
 * The same suite on every online store: SQLite, one Redis, a real 3-master Redis Cluster (one
 * replica each) and a Sentinel group, both started for this file on loopback ports.
 */
describe.each(ONLINE_KINDS)("%s online store", (kind) => {
  let backend: OnlineBackend;
  let store: OnlineStore;
  let dir: string;
  beforeAll(async () => {
    backend = await startOnlineBackend(kind);
  });
  afterAll(async () => {
    await backend?.stop();
  });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "pantry-online-"));
    store = backend.open(`pantry-test-${randomUUID()}:`, dir);
  });
  afterEach(async () => {
    await store.deleteProject("p1");
    await store.deleteProject("p2");
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("writes and reads several views and keys in one read call, null for unknown keys", async () => {
    await store.write(
      batch(stats, [
        { id: 1001, ts: "2024-01-01T00:00:00Z", values: { conv_rate: 0.5, trips: 10 } },
        { id: 1002, ts: "2024-01-01T00:00:00Z", values: { conv_rate: 0.25, trips: null } },
      ]),
    );
    await store.write(batch(profile, [{ id: 1001, ts: "2024-01-03T00:00:00Z", values: { name: "Ann" } }]));
    const result = await store.read([
      {
        project: "p1",
        view: stats,
        features: ["conv_rate", "trips"],
        joinKeys: ["driver_id"],
        entityKeys: [[1001], [9999], [1002]],
      },
      { project: "p1", view: profile, features: ["name"], joinKeys: ["driver_id"], entityKeys: [[1001n], [1002]] },
    ]);
    expect(result[0]?.[0]).toEqual({
      values: { conv_rate: 0.5, trips: 10 },
      eventTimestamp: t("2024-01-01T00:00:00Z"),
    });
    expect(result[0]?.[1]).toBeNull();
    expect(result[0]?.[2]?.values).toEqual({ conv_rate: 0.25, trips: null });
    expect(result[1]?.[0]?.values).toEqual({ name: "Ann" });
    expect(result[1]?.[1]).toBeNull();
  });

  it("never goes back in time: a late backfill of older rows changes nothing, equal timestamps win", async () => {
    const newer = await store.write(
      batch(stats, [{ id: 1, ts: "2024-02-01T00:00:00Z", values: { conv_rate: 0.9, trips: 2 } }]),
    );
    const older = await store.write(
      batch(stats, [{ id: 1, ts: "2024-01-01T00:00:00Z", values: { conv_rate: 0.1, trips: 1 } }]),
    );
    expect([newer, older]).toEqual([1, 0]);
    expect((await readOne(store, stats, 1))?.values).toEqual({ conv_rate: 0.9, trips: 2 });
    const equal = await store.write(
      batch(stats, [{ id: 1, ts: "2024-02-01T00:00:00Z", values: { conv_rate: 0.8, trips: 3 } }]),
    );
    expect(equal).toBe(1);
    expect((await readOne(store, stats, 1))?.values).toEqual({ conv_rate: 0.8, trips: 3 });
    expect(await store.newestEventTimestamp("p1", "driver_stats")).toEqual(t("2024-02-01T00:00:00Z"));
  });

  it("keeps the integer 1 and the string '1' apart, and projects apart", async () => {
    await store.write(batch(stats, [{ id: 1, ts: "2024-01-01T00:00:00Z", values: { conv_rate: 1, trips: 1 } }]));
    expect(await readOne(store, stats, "1")).toBeNull();
    expect(await readOne(store, stats, 1, "p2")).toBeNull();
  });

  it("deleteView removes only that view; deleteProject removes everything", async () => {
    await store.write(batch(stats, [{ id: 1, ts: "2024-01-01T00:00:00Z", values: { conv_rate: 1, trips: 1 } }]));
    await store.write(batch(profile, [{ id: 1, ts: "2024-01-01T00:00:00Z", values: { name: "A" } }]));
    await store.deleteView("p1", "driver_stats");
    expect(await readOne(store, stats, 1)).toBeNull();
    expect(await store.newestEventTimestamp("p1", "driver_stats")).toBeNull();
    expect((await readOne(store, profile, 1))?.values).toEqual({ name: "A" });
    await store.deleteProject("p1");
    expect(await readOne(store, profile, 1)).toBeNull();
  });

  it("writes a large batch and counts rows", async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => ({
      id: i,
      ts: "2024-01-01T00:00:00Z",
      values: { conv_rate: i / 10, trips: i },
    }));
    expect(await store.write(batch(stats, rows))).toBe(5000);
    expect((await readOne(store, stats, 4321))?.values).toEqual({ conv_rate: 432.1, trips: 4321 });
  });

  it("keeps the newest when one batch holds the same entity twice, in either order", async () => {
    const rows = (a: string, b: string) => [
      ...Array.from({ length: 150 }, (_, i) => ({
        id: 10_000 + i,
        ts: "2024-01-01T00:00:00Z",
        values: { conv_rate: 0, trips: 0 },
      })),
      { id: 1, ts: a, values: { conv_rate: 0.1, trips: Date.parse(a) } },
      { id: 1, ts: b, values: { conv_rate: 0.2, trips: Date.parse(b) } },
    ];
    await store.write(batch(stats, rows("2024-01-02T00:00:00Z", "2024-01-01T00:00:00Z")));
    expect((await readOne(store, stats, 1))?.eventTimestamp).toEqual(t("2024-01-02T00:00:00Z"));
    await store.write(batch(stats, rows("2024-01-02T00:00:00Z", "2024-01-03T00:00:00Z")));
    expect((await readOne(store, stats, 1))?.values).toEqual({
      conv_rate: 0.2,
      trips: Date.parse("2024-01-03T00:00:00Z"),
    });
  });

  it("answers ping", async () => {
    await expect(store.ping()).resolves.toBeUndefined();
  });
});

describe("redis online store when Redis is down", () => {
  it("fails fast with UNAVAILABLE naming the address", async () => {
    const store = new RedisOnlineStore({ host: "127.0.0.1", port: 1, connectWaitMs: 200 });
    const started = Date.now();
    await expect(readOne(store, stats, 1)).rejects.toMatchObject({
      code: "UNAVAILABLE",
      message: expect.stringContaining("127.0.0.1:1"),
    });
    expect(Date.now() - started).toBeLessThan(2000);
    await store.close();
  });
});

describe("sqlite online store written by the first layout", () => {
  it("moves the old table's rows over when it opens", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pantry-online-"));
    try {
      const { default: Database } = await import("better-sqlite3");
      const old = new Database(join(dir, "online.db"));
      old.exec(`CREATE TABLE online_rows (project TEXT NOT NULL, view TEXT NOT NULL, entity_key TEXT NOT NULL, event_ts INTEGER NOT NULL,
                  created_ts INTEGER, vals TEXT NOT NULL, PRIMARY KEY (project, view, entity_key)) WITHOUT ROWID`);
      old
        .prepare("INSERT INTO online_rows VALUES ('p1', 'driver_stats', 'driver_id=i7', ?, NULL, ?)")
        .run(Date.parse("2024-01-01T00:00:00Z"), '{"conv_rate":0.7,"trips":7}');
      old.close();
      const store = new SqliteOnlineStore(join(dir, "online.db"));
      expect((await readOne(store, stats, 7))?.values).toEqual({ conv_rate: 0.7, trips: 7 });
      await store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("redis_cluster layout", () => {
  let backend: OnlineBackend;
  let store: OnlineStore;
  let dir: string;
  let prefix: string;
  beforeAll(async () => {
    backend = await startOnlineBackend("redis_cluster");
  });
  afterAll(async () => {
    await backend?.stop();
  });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "pantry-online-"));
    prefix = `pantry-test-${randomUUID()}:`;
    store = backend.open(prefix, dir);
  });
  afterEach(async () => {
    await store.deleteProject("p1");
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Keys of this test on each master, by SCAN on that master. */
  function keysPerMaster(): string[][] {
    const cluster = backend.cluster as NonNullable<OnlineBackend["cluster"]>;
    return cluster.masters.map((m) =>
      cluster
        .cli(m.port, "--scan", "--pattern", `${prefix}*`)
        .split("\n")
        .filter((k) => k !== ""),
    );
  }

  it("reads and writes entity keys with braces in them (the hash tag ends early, the same way every time)", async () => {
    const ids = ["a}b", "{x}", "}{", "{", "}", "plain"];
    const rows = ids.map((id, i) => ({
      id: id as unknown as number,
      ts: "2024-01-01T00:00:00Z",
      values: { conv_rate: i, trips: i },
    }));
    expect(await store.write(batch(stats, rows))).toBe(ids.length);
    const [found] = await store.read([
      { project: "p1", view: stats, features: ["trips"], joinKeys: ["driver_id"], entityKeys: ids.map((id) => [id]) },
    ]);
    expect(found?.map((v) => v?.values.trips)).toEqual([0, 1, 2, 3, 4, 5]);
    await store.deleteView("p1", "driver_stats");
    expect(await readOne(store, stats, "a}b")).toBeNull();
  });

  it("tags each entity key, spreading one project over every master; teardown reaches every master", async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => ({
      id: i,
      ts: "2024-01-01T00:00:00Z",
      values: { conv_rate: i, trips: i },
    }));
    expect(await store.write(batch(stats, rows))).toBe(3000);
    expect(
      await store.write(
        batch(
          profile,
          rows.slice(0, 10).map((r) => ({ ...r, values: { name: `d${r.id}` } })),
        ),
      ),
    ).toBe(10);
    const perMaster = keysPerMaster();
    expect(perMaster.flat()).toContain(`${prefix}p1:e:{driver_id=i42}`);
    // 3000 entities over 3 masters: each holds about a third (their slot ranges are equal).
    for (const keys of perMaster) expect(keys.length).toBeGreaterThan(800);
    // One read across every master: all 3000 found, in order.
    const [found] = await store.read([
      { project: "p1", view: stats, features: ["trips"], joinKeys: ["driver_id"], entityKeys: rows.map((r) => [r.id]) },
    ]);
    expect(found?.map((v) => v?.values.trips)).toEqual(rows.map((r) => r.id));

    await store.deleteView("p1", "driver_stats");
    const [gone] = await store.read([
      { project: "p1", view: stats, features: ["trips"], joinKeys: ["driver_id"], entityKeys: rows.map((r) => [r.id]) },
    ]);
    expect(gone?.every((v) => v === null)).toBe(true);
    expect((await readOne(store, profile, 3))?.values).toEqual({ name: "d3" });
    await store.deleteProject("p1");
    expect(keysPerMaster().flat()).toEqual([]);
  });
});

describe("redis_sentinel failover", () => {
  it("answers UNAVAILABLE while the master is dead, then reads and writes on the promoted replica by itself", async () => {
    const backend = await startOnlineBackend("redis_sentinel");
    const dir = mkdtempSync(join(tmpdir(), "pantry-online-"));
    const prefix = `pantry-test-${randomUUID()}:`;
    const store = backend.open(prefix, dir);
    try {
      const sentinel = backend.sentinel as NonNullable<OnlineBackend["sentinel"]>;
      await store.write(batch(stats, [{ id: 7, ts: "2024-01-01T00:00:00Z", values: { conv_rate: 0.7, trips: 7 } }]));
      // Replication is asynchronous: wait until the replica has the row before killing the master.
      for (
        let i = 0;
        i < 50 &&
        sentinel.cli(sentinel.replica.port, "hget", `${prefix}p1:e:driver_id=i7`, "driver_stats").trim() === "";
        i++
      ) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await sentinel.master.kill();
      const codes = new Set<string>();
      let value: Awaited<ReturnType<typeof readOne>> = null;
      const deadline = Date.now() + 30_000;
      while (value === null && Date.now() < deadline) {
        try {
          value = await readOne(store, stats, 7);
        } catch (error) {
          codes.add((error as { code?: string }).code ?? String(error));
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
      expect([...codes]).toEqual(["UNAVAILABLE"]);
      expect(value?.values).toEqual({ conv_rate: 0.7, trips: 7 });
      // The promoted replica takes writes; the newer-or-equal rule still holds there.
      expect(
        await store.write(batch(stats, [{ id: 7, ts: "2024-01-02T00:00:00Z", values: { conv_rate: 0.8, trips: 8 } }])),
      ).toBe(1);
      expect(
        await store.write(batch(stats, [{ id: 7, ts: "2024-01-01T00:00:00Z", values: { conv_rate: 0.1, trips: 1 } }])),
      ).toBe(0);
      expect((await readOne(store, stats, 7))?.values).toEqual({ conv_rate: 0.8, trips: 8 });
      const newMaster = sentinel.cli(
        sentinel.sentinels[0]?.port ?? 0,
        "sentinel",
        "get-master-addr-by-name",
        sentinel.masterName,
      );
      expect(newMaster).toContain(String(sentinel.replica.port));
    } finally {
      await store.deleteProject("p1").catch(() => undefined);
      await store.close();
      await backend.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
