/**
 * The seed's flow on real engines: apply a repo (SQLite registry), materialize from Parquet
 * through DuckDB into SQLite and Redis, read back through online serving.
 */
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parseJobProgress } from "../src/materialization/registry";
import {
  type MaterializationContext,
  materialize,
  materializeIncremental,
} from "../src/materialization/run-materialization";
import { OnlineServing } from "../src/serving/online-serving";
import { servingRegistryFrom } from "../src/serving/registry-adapter";
import { ONLINE_KINDS, type OnlineBackend, startOnlineBackend } from "../testing/online-backends";
import { appliedMaterializationContext, createOnlineTestRepo, type OnlineTestRepo } from "../testing/online-test-repo";

const HOUR = 3_600_000;

describe.each(ONLINE_KINDS)("materialization into %s", (online) => {
  let backend: OnlineBackend;
  let repo: OnlineTestRepo;
  let context: MaterializationContext;

  beforeAll(async () => {
    backend = await startOnlineBackend(online);
  });
  afterAll(async () => {
    await backend?.stop();
  });
  beforeEach(async () => {
    repo = await createOnlineTestRepo({ online, backend });
    context = await appliedMaterializationContext(repo);
  });
  afterEach(async () => {
    await repo.cleanup();
  });

  async function serve(now: number) {
    const registry = await repo.store.registry();
    return OnlineServing.open({
      project: "online_test",
      registry: servingRegistryFrom(registry),
      onlineStore: repo.onlineStore,
      clock: () => now,
    });
  }

  it("materialize-incremental then getOnlineFeatures returns the latest values; a re-run writes nothing", async () => {
    const now = repo.lastEventTs.getTime() + HOUR;
    const result = await materializeIncremental(context, { end: new Date(now), now: new Date(now), trigger: "cli" });
    // driver_hourly_stats (ttl 1d) starts at now - 1d: hours 24..47 -> 5 drivers; the others read everything.
    const views = result.views.map((v) => [v.name, v.start?.toISOString() ?? null, v.rowsWritten]);
    expect(views.sort()).toEqual([
      ["driver_fresh", null, 5],
      ["driver_hourly_stats", new Date(now - 24 * HOUR).toISOString(), 5],
      ["driver_lifetime", null, 5],
    ]);

    const serving = await serve(now);
    const response = await serving.getOnlineFeatures({
      features: "driver_activity_v1",
      entityRows: [
        { driver_id: 1001, val_to_add: 1 },
        { driver_id: 1002, val_to_add: 2 },
        { driver_id: 9999, val_to_add: 0 },
      ],
    });
    const dict = response.toDict();
    expect(dict.driver_id).toEqual([1001, 1002, 9999]);
    // 1001's last hour was restated with a later created time: the restatement wins.
    expect(dict.conv_rate?.[0]).toBeCloseTo(0.999, 5);
    expect(dict.conv_rate?.[1]).toBeCloseTo(0.1002 + 0.47, 5);
    expect(dict.avg_daily_trips).toEqual([1, 10067, null]);
    expect(dict.conv_rate_plus_val?.[1]).toBeCloseTo(2.5702, 4);
    expect(response.statuses().conv_rate).toEqual(["PRESENT", "PRESENT", "NOT_FOUND"]);
    expect(response.eventTimestamps().conv_rate?.[0]).toEqual(repo.lastEventTs);
    await serving.close();

    const registry = await repo.store.registry();
    const job = await registry.jobs.getJob(result.jobId);
    expect(job).toMatchObject({
      status: "succeeded",
      mode: "incremental",
      rowsRead: 15,
      rowsWritten: 15,
      trigger: "cli",
      error: null,
    });
    expect(parseJobProgress(job?.progress ?? "{}").driver_lifetime).toMatchObject({
      status: "succeeded",
      rowsRead: 5,
      totalRows: 5,
    });

    const again = await materializeIncremental(context, { end: new Date(now), now: new Date(now) });
    expect(again.rowsWritten).toBe(0);
    expect(again.views.every((v) => v.status === "skipped")).toBe(true);
    expect(await registry.listIntervals("online_test", "driver_lifetime")).toHaveLength(1);
  });

  it("a late backfill of an old window does not move values back in time; OUTSIDE_MAX_AGE past the ttl", async () => {
    const end = repo.lastEventTs;
    await materialize(context, { start: new Date(0), end });
    const backfill = await materialize(context, {
      start: new Date("2024-01-01T00:00:00Z"),
      end: new Date("2024-01-01T05:00:00Z"),
    });
    expect(backfill.rowsRead).toBe(15);
    expect(backfill.rowsWritten).toBe(0);

    const serving = await serve(end.getTime() + 30 * HOUR);
    const response = await serving.getOnlineFeatures({
      features: ["driver_hourly_stats:avg_daily_trips", "driver_lifetime:avg_daily_trips"],
      entityRows: [{ driver_id: 1002 }],
      fullFeatureNames: true,
    });
    expect(response.toDict()).toEqual({
      driver_id: [1002],
      driver_hourly_stats__avg_daily_trips: [10067],
      driver_lifetime__avg_daily_trips: [10067],
    });
    expect(response.statuses().driver_hourly_stats__avg_daily_trips).toEqual(["OUTSIDE_MAX_AGE"]);
    await serving.close();
    expect(await repo.onlineStore.newestEventTimestamp("online_test", "driver_lifetime")).toEqual(end);
  });

  it("a source that lost a column fails before writing anything and records no interval", async () => {
    const duck = await DuckDBInstance.create(":memory:");
    const connection = await duck.connect();
    const path = join(repo.dir, "data", "driver_stats.parquet");
    await connection.run(
      `COPY (SELECT * EXCLUDE (acc_rate) FROM read_parquet('${path}')) TO '${path}.new' (FORMAT parquet)`,
    );
    connection.closeSync();
    duck.closeSync();
    const { renameSync } = await import("node:fs");
    renameSync(`${path}.new`, path);

    const error = await materialize(context, { start: new Date(0), end: repo.lastEventTs }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: "INVALID_ARGUMENT",
      message: expect.stringMatching(/feature 'acc_rate' is not a column of parquet file data\/driver_stats.parquet/),
    });
    const registry = await repo.store.registry();
    expect(await registry.listIntervals("online_test")).toHaveLength(0);
    const job = await registry.jobs.getJob((error as { details: { jobId: string } }).details.jobId);
    expect(job).toMatchObject({ status: "failed", rowsWritten: 0 });
    expect(await repo.onlineStore.newestEventTimestamp("online_test", "driver_lifetime")).toBeNull();
  });
});
