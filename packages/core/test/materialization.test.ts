/**
 * Materialization semantics against a real (in-memory) SQLite online store and a tiny offline
 * store double that yields fixed rows (the real engines are covered by the integration test).
 */
import { beforeEach, describe, expect, it } from "vitest";
import type { DataSourceSpec, EntitySpec, FeatureViewSpec, RepoContents } from "../src/definitions/types";
import { InMemoryMaterializationRegistry } from "../testing/memory-registry";
import { parseJobProgress } from "../src/materialization/registry";
import {
  materialize,
  materializeIncremental,
  type MaterializationContext,
} from "../src/materialization/run-materialization";
import type { MaterializationBatch, OfflineStore, PullLatestOptions, SourceColumn } from "../src/offline/types";
import { SqliteOnlineStore } from "../src/online/sqlite-online-store";

interface Row {
  driver_id: number;
  ts: string;
  conv_rate: number | null;
}

const entity: EntitySpec = {
  kind: "entity",
  name: "driver",
  description: "",
  owner: "",
  tags: {},
  joinKeys: ["driver_id"],
  valueType: "Int64",
};

function source(name: string): DataSourceSpec {
  return {
    kind: "dataSource",
    name,
    description: "",
    owner: "",
    tags: {},
    type: "file",
    path: `${name}.parquet`,
    format: "parquet",
    timestampField: "event_timestamp",
    createdTimestampColumn: null,
    fieldMapping: {},
  };
}

function view(name: string, ttlSeconds = 0): FeatureViewSpec {
  return {
    kind: "featureView",
    name,
    description: "",
    owner: "",
    tags: {},
    entities: ["driver"],
    schema: [{ name: "conv_rate", dtype: "Float32", description: "", tags: {} }],
    entityColumns: [],
    source: `${name}_src`,
    ttlSeconds,
    online: true,
    offline: true,
  };
}

function contents(views: FeatureViewSpec[]): RepoContents {
  return {
    project: { name: "p", description: "", owner: "", tags: {} },
    entities: [entity],
    dataSources: views.map((v) => source(v.source)),
    featureViews: views,
    onDemandFeatureViews: [],
    featureServices: [],
  };
}

/** Latest row per driver with start <= ts <= end, in batches of 2 (to exercise batching). */
class FixedOfflineStore implements Pick<OfflineStore, "pullLatest" | "countLatest" | "describeSource"> {
  pulls: { view: string; start: Date | null; end: Date }[] = [];
  columns: SourceColumn[] = [
    { name: "driver_id", dtype: "Int64", rawType: "BIGINT" },
    { name: "event_timestamp", dtype: "UnixTimestamp", rawType: "TIMESTAMP" },
    { name: "conv_rate", dtype: "Float64", rawType: "DOUBLE" },
  ];
  constructor(private readonly rows: Record<string, Row[]>) {}

  private latest(options: PullLatestOptions): Row[] {
    const byDriver = new Map<number, Row>();
    for (const row of this.rows[options.source.name] ?? []) {
      const t = Date.parse(row.ts);
      if (options.start && t < options.start.getTime()) continue;
      if (t > options.end.getTime()) continue;
      const seen = byDriver.get(row.driver_id);
      if (!seen || Date.parse(seen.ts) < t) byDriver.set(row.driver_id, row);
    }
    return [...byDriver.values()];
  }

  async *pullLatest(options: PullLatestOptions): AsyncIterable<MaterializationBatch> {
    this.pulls.push({ view: options.view.name, start: options.start, end: options.end });
    const rows = this.latest(options);
    for (let i = 0; i < rows.length; i += 2) {
      if (options.signal?.aborted) throw Object.assign(new Error("aborted"), { name: "AbortError" });
      const chunk = rows.slice(i, i + 2);
      await new Promise((resolve) => setTimeout(resolve, 1));
      yield {
        entityKeys: chunk.map((r) => [r.driver_id]),
        values: { conv_rate: chunk.map((r) => r.conv_rate) },
        eventTimestamps: chunk.map((r) => new Date(r.ts)),
        createdTimestamps: chunk.map(() => null),
      };
    }
  }

  async countLatest(options: PullLatestOptions): Promise<number> {
    return this.latest(options).length;
  }

  async describeSource(): Promise<SourceColumn[]> {
    return this.columns;
  }
}

const D = (iso: string) => new Date(iso);

describe("materialization", () => {
  let online: SqliteOnlineStore;
  let registry: InMemoryMaterializationRegistry;
  let offline: FixedOfflineStore;
  let context: MaterializationContext;
  const stats = view("driver_stats");

  async function onlineRate(id: number, spec = stats) {
    const [rows] = await online.read([
      { project: "p", view: spec, features: ["conv_rate"], joinKeys: ["driver_id"], entityKeys: [[id]] },
    ]);
    return rows?.[0]?.values.conv_rate ?? null;
  }

  beforeEach(() => {
    online = new SqliteOnlineStore(":memory:");
    registry = new InMemoryMaterializationRegistry();
    offline = new FixedOfflineStore({
      driver_stats_src: [
        { driver_id: 1, ts: "2024-01-01T00:00:00Z", conv_rate: 0.1 },
        { driver_id: 1, ts: "2024-01-03T00:00:00Z", conv_rate: 0.3 },
        { driver_id: 2, ts: "2024-01-02T00:00:00Z", conv_rate: 0.2 },
        { driver_id: 3, ts: "2024-01-05T00:00:00Z", conv_rate: 0.5 },
      ],
    });
    context = { project: "p", contents: contents([stats]), offlineStore: offline, onlineStore: online, registry };
  });

  it("writes the latest row per entity in the inclusive window, records the interval and a job", async () => {
    const result = await materialize(context, {
      start: D("2024-01-01T00:00:00Z"),
      end: D("2024-01-03T00:00:00Z"),
      trigger: "cli",
    });
    expect([await onlineRate(1), await onlineRate(2), await onlineRate(3)]).toEqual([
      expect.closeTo(0.3),
      expect.closeTo(0.2),
      null,
    ]);
    expect(result).toMatchObject({ status: "succeeded", rowsRead: 2, rowsWritten: 2, mode: "full" });
    expect(await registry.listIntervals("p", "driver_stats")).toMatchObject([
      { startTs: D("2024-01-01T00:00:00Z"), endTs: D("2024-01-03T00:00:00Z"), jobId: result.jobId },
    ]);
    const job = await registry.getJob(result.jobId);
    expect(job).toMatchObject({
      status: "succeeded",
      rowsRead: 2,
      rowsWritten: 2,
      trigger: "cli",
      mode: "full",
      error: null,
    });
    expect(job?.startedAt).toBeInstanceOf(Date);
    expect(job?.finishedAt).toBeInstanceOf(Date);
    expect(parseJobProgress(job?.progress ?? "")).toMatchObject({
      driver_stats: { status: "succeeded", rowsRead: 2, rowsWritten: 2, totalRows: 2 },
    });
  });

  it("a late backfill of an older window never moves values back in time", async () => {
    await materialize(context, { start: D("2024-01-01T00:00:00Z"), end: D("2024-01-10T00:00:00Z") });
    const backfill = await materialize(context, { start: D("2024-01-01T00:00:00Z"), end: D("2024-01-01T12:00:00Z") });
    expect(backfill.rowsRead).toBe(1);
    expect(backfill.rowsWritten).toBe(0);
    expect(await onlineRate(1)).toBeCloseTo(0.3);
  });

  it("incremental: first run reads the whole source when ttl is 0, then starts at the last end; same end writes nothing", async () => {
    const first = await materializeIncremental(context, { end: D("2024-01-02T00:00:00Z") });
    expect(offline.pulls[0]).toMatchObject({ start: null, end: D("2024-01-02T00:00:00Z") });
    expect(first.rowsWritten).toBe(2);
    const second = await materializeIncremental(context, { end: D("2024-01-06T00:00:00Z") });
    expect(offline.pulls[1]).toMatchObject({ start: D("2024-01-02T00:00:00Z"), end: D("2024-01-06T00:00:00Z") });
    expect(await onlineRate(3)).toBeCloseTo(0.5);
    expect(second.views[0]?.start).toEqual(D("2024-01-02T00:00:00Z"));
    const again = await materializeIncremental(context, { end: D("2024-01-06T00:00:00Z") });
    expect(again).toMatchObject({ rowsRead: 0, rowsWritten: 0, views: [{ status: "skipped" }] });
    expect(offline.pulls).toHaveLength(2);
    expect(await registry.listIntervals("p", "driver_stats")).toHaveLength(2);
  });

  it("incremental: the first run of a view with a ttl starts at now - ttl", async () => {
    const withTtl = view("driver_stats", 86_400);
    context.contents = contents([withTtl]);
    await materializeIncremental(context, { end: D("2024-01-06T00:00:00Z"), now: D("2024-01-05T12:00:00Z") });
    expect(offline.pulls[0]?.start).toEqual(D("2024-01-04T12:00:00Z"));
    expect(await registry.listIntervals("p")).toMatchObject([{ startTs: D("2024-01-04T12:00:00Z") }]);
  });

  it("schema problems fail the run before anything is written, naming every problem", async () => {
    offline.columns = [
      { name: "driver_id", dtype: "String", rawType: "VARCHAR" },
      { name: "event_timestamp", dtype: "UnixTimestamp", rawType: "TIMESTAMP" },
      { name: "conv_rte", dtype: "Float64", rawType: "DOUBLE" },
    ];
    const error = await materialize(context, {
      start: D("2024-01-01T00:00:00Z"),
      end: D("2024-01-10T00:00:00Z"),
    }).catch((e) => e);
    expect(error).toMatchObject({ code: "INVALID_ARGUMENT" });
    expect(error.message).toMatch(/feature 'conv_rate' is not a column.*did you mean 'conv_rte'/s);
    expect(error.message).toMatch(/join key 'driver_id' of entity 'driver' is Int64.*VARCHAR/s);
    expect(offline.pulls).toHaveLength(0);
    expect(await onlineRate(1)).toBeNull();
    expect(await registry.listIntervals("p")).toHaveLength(0);
    const job = await registry.getJob(error.details.jobId);
    expect(job).toMatchObject({ status: "failed", error: expect.stringContaining("conv_rate") });
  });

  it("a wrong feature type is a clear error", async () => {
    offline.columns = offline.columns.map((c) =>
      c.name === "conv_rate" ? { ...c, dtype: "String", rawType: "VARCHAR" } : c,
    );
    await expect(
      materialize(context, { start: D("2024-01-01T00:00:00Z"), end: D("2024-01-10T00:00:00Z") }),
    ).rejects.toThrow(/driver_stats:conv_rate' is declared Float32.*VARCHAR/);
  });

  it("unknown or offline-only views are refused before a job exists", async () => {
    await expect(
      materialize(context, { start: D("2024-01-01"), end: D("2024-01-02"), views: ["driver_stat"] }),
    ).rejects.toThrow(/feature view 'driver_stat' is not in project 'p'; did you mean 'driver_stats'/);
    await expect(materialize(context, { start: D("2024-01-03"), end: D("2024-01-02") })).rejects.toThrow(
      /is after the end/,
    );
    expect(registry.jobs.size).toBe(0);
  });

  describe("cancellation and failure", () => {
    const other = view("other_stats");
    beforeEach(() => {
      context.contents = contents([stats, other]);
      offline = new FixedOfflineStore({
        driver_stats_src: Array.from({ length: 10 }, (_, i) => ({
          driver_id: i,
          ts: "2024-01-01T00:00:00Z",
          conv_rate: i,
        })),
        other_stats_src: Array.from({ length: 10 }, (_, i) => ({
          driver_id: i,
          ts: "2024-01-01T00:00:00Z",
          conv_rate: i,
        })),
      });
      context.offlineStore = offline;
    });

    it("an AbortSignal cancels; the finished view keeps its interval, the other is redone next time", async () => {
      const controller = new AbortController();
      const run = materializeIncremental(context, {
        end: D("2024-01-02T00:00:00Z"),
        signal: controller.signal,
        onProgress: (p) => {
          if (p.view === "other_stats" && p.rowsRead >= 14) controller.abort();
        },
      });
      const error = await run.catch((e) => e);
      expect(error).toMatchObject({ code: "CANCELLED" });
      const job = await registry.getJob(error.details.jobId);
      expect(job?.status).toBe("cancelled");
      expect(parseJobProgress(job?.progress ?? "")).toMatchObject({
        driver_stats: { status: "succeeded" },
        other_stats: { status: "cancelled" },
      });
      expect((await registry.listIntervals("p")).map((i) => i.viewName)).toEqual(["driver_stats"]);

      offline.pulls = [];
      const next = await materializeIncremental(context, { end: D("2024-01-02T00:00:00Z") });
      expect(offline.pulls.map((p) => p.view)).toEqual(["other_stats"]);
      expect(next.views.map((v) => [v.name, v.status])).toEqual([
        ["driver_stats", "skipped"],
        ["other_stats", "succeeded"],
      ]);
    });

    it("the job's cancel flag cancels a running job", async () => {
      let jobId = "";
      const error = await materialize(context, {
        start: D("2024-01-01T00:00:00Z"),
        end: D("2024-01-02T00:00:00Z"),
        cancelPollMs: 0,
        onJobCreated: (id) => {
          jobId = id;
        },
        onProgress: (p) => {
          if (p.rowsRead >= 4) void registry.requestCancel(jobId);
        },
      }).catch((e) => e);
      expect(error).toMatchObject({ code: "CANCELLED" });
      expect((await registry.getJob(jobId))?.status).toBe("cancelled");
      expect(await registry.listIntervals("p")).toHaveLength(0);
      expect(await registry.requestCancel(jobId)).toBe(false);
    });

    it("a store failure fails the job with its message and records no interval for the failed view", async () => {
      let writes = 0;
      const original = online.write.bind(online);
      online.write = async (batch) => {
        if (batch.view.name === "other_stats" && ++writes === 2) throw new Error("disk full");
        return original(batch);
      };
      const error = await materialize(context, {
        start: D("2024-01-01T00:00:00Z"),
        end: D("2024-01-02T00:00:00Z"),
      }).catch((e) => e);
      expect(error.message).toMatch(/disk full/);
      const job = await registry.getJob(error.details.jobId);
      expect(job).toMatchObject({ status: "failed", error: expect.stringContaining("disk full") });
      expect(job?.rowsRead).toBeGreaterThanOrEqual(14);
      // Two writes are in flight: the batch after the failed one may land too (newer-wins makes it harmless).
      expect(job?.rowsWritten).toBeGreaterThanOrEqual(12);
      expect(job?.rowsWritten).toBeLessThanOrEqual(job?.rowsRead ?? 0);
      expect((await registry.listIntervals("p")).map((i) => i.viewName)).toEqual(["driver_stats"]);
    });
  });

  it("reports progress with the counted total", async () => {
    const seen: number[] = [];
    let total: number | null = null;
    await materialize(context, {
      start: D("2024-01-01T00:00:00Z"),
      end: D("2024-01-10T00:00:00Z"),
      onProgress: (p) => {
        if (p.phase === "writing") seen.push(p.rowsRead);
        total = p.totalRows;
      },
    });
    expect(total).toBe(3);
    expect(seen.at(-1)).toBe(3);
  });
});

describe("incremental window edge", () => {
  it("skips a first run whose END is older than now - ttl (nothing servable to read)", async () => {
    const { incrementalWindow } = await import("../src/materialization/windows");
    const spec = view("v", 3600);
    expect(incrementalWindow(spec, [], D("2024-01-01T00:00:00Z"), D("2024-01-02T00:00:00Z"))).toMatchObject({
      upToDate: true,
    });
    expect(incrementalWindow(spec, [], D("2024-01-02T00:00:00Z"), D("2024-01-02T00:30:00Z"))).toMatchObject({
      start: D("2024-01-01T23:30:00Z"),
      upToDate: false,
    });
  });
});

describe("planMaterializationWindows (what the console previews, what the run reads)", () => {
  it("says where each incremental start comes from: last interval, now - ttl, or the whole source", async () => {
    const { planMaterializationWindows } = await import("../src/materialization/plan");
    const registry = new InMemoryMaterializationRegistry();
    await registry.addInterval("p", "seen", D("2024-01-01T00:00:00Z"), D("2024-01-05T00:00:00Z"), null);
    const plan = await planMaterializationWindows(
      { project: "p", contents: contents([view("seen", 3600), view("fresh", 3600), view("forever")]), registry },
      { mode: "incremental", end: D("2024-01-10T00:00:00Z"), now: D("2024-01-10T00:00:00Z") },
    );
    expect(plan.targets.map((t) => t.view.name)).toEqual(["seen", "fresh", "forever"]);
    expect(plan.windows.get("seen")).toMatchObject({ start: D("2024-01-05T00:00:00Z"), basis: "lastInterval" });
    expect(plan.windows.get("fresh")).toMatchObject({ start: D("2024-01-09T23:00:00Z"), basis: "ttl" });
    expect(plan.windows.get("forever")).toMatchObject({ start: null, basis: "wholeSource", upToDate: false });
  });

  it("gives every named view the asked window, and refuses an unknown view before anything runs", async () => {
    const { planMaterializationWindows } = await import("../src/materialization/plan");
    const registry = new InMemoryMaterializationRegistry();
    const context = { project: "p", contents: contents([view("a"), view("b")]), registry };
    const start = D("2024-01-01T00:00:00Z");
    const end = D("2024-01-02T00:00:00Z");
    const plan = await planMaterializationWindows(context, { mode: "full", start, end, views: ["b"] });
    expect([...plan.windows]).toEqual([["b", { start, end, upToDate: false, basis: "window" }]]);
    await expect(planMaterializationWindows(context, { mode: "full", start, end, views: ["c"] })).rejects.toThrow(
      /feature view 'c' is not in project 'p'/,
    );
  });
});
