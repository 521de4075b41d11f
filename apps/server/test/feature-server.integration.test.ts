/**
 * The feature server over real engines: a repo applied to a SQLite registry, Parquet read by
 * DuckDB, SQLite and Redis online stores, requests over HTTP on loopback.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { OnlineServing, RedisOnlineStore, type ServingRegistry, servingRegistryFrom } from "@pantry/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createOnlineTestRepo,
  DEFINITIONS,
  FakeServingRegistry,
  ONLINE_KINDS,
  type OnlineTestRepo,
  servableFromParts,
  servingContents,
} from "@pantry/core/testing";
import { createFeatureServer, type RunningFeatureServer, startFeatureServer } from "../src/index";
import { freePort, get, post, startRedis, waitFor } from "./helpers";

async function startFor(
  repo: OnlineTestRepo,
  overrides: { registry?: ServingRegistry; refreshIntervalMs?: number } = {},
) {
  await repo.store.apply({ actor: "test" });
  const registry = await repo.store.registry();
  return startFeatureServer({
    port: 0,
    refreshIntervalMs: overrides.refreshIntervalMs,
    projects: [
      servableFromParts({
        project: repo.store.project,
        registry: overrides.registry ?? servingRegistryFrom(registry),
        onlineStore: repo.onlineStore,
        offlineStore: repo.store.offlineStore(),
        materializationRegistry: registry.jobs,
        maxEntities: repo.store.config.featureServer.maxEntities,
      }),
    ],
  });
}

// Every online store: the statuses, ttl and write rules must not depend on where values live.
describe.each(ONLINE_KINDS)("feature server on %s", (online) => {
  let repo: OnlineTestRepo;
  let server: RunningFeatureServer;
  let base: string;

  beforeAll(async () => {
    repo = await createOnlineTestRepo({ online });
    server = await startFor(repo);
    base = server.url;
    const end = repo.lastEventTs.toISOString().slice(0, 19);
    const materialized = await post(base, "/materialize", { start_ts: "2000-01-01T00:00:00", end_ts: end });
    expect(materialized.status).toBe(200);
    expect(materialized.body).toMatchObject({ status: "succeeded", rows_written: 15 });
  });
  afterAll(async () => {
    await server?.close();
    await repo?.cleanup();
  });

  it("answers /get-online-features in Feast's column-major JSON, join keys first", async () => {
    const response = await post(
      base,
      "/get-online-features",
      {
        features: ["driver_hourly_stats:avg_daily_trips", "driver_lifetime:avg_daily_trips"],
        entities: { driver_id: [1002, 4242] },
        full_feature_names: true,
      },
      { "x-pantry-consumer": "eta_model_v3" },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json");
    const ts = "2024-01-02T23:00:00Z";
    // The repo's data ended long ago: the 1-day ttl view is OUTSIDE_MAX_AGE (served with its value,
    // as Feast's Go and Java servers do), the ttl-0 view is not.
    expect(response.body).toEqual({
      metadata: {
        feature_names: ["driver_id", "driver_hourly_stats__avg_daily_trips", "driver_lifetime__avg_daily_trips"],
      },
      results: [
        {
          values: [1002, 4242],
          statuses: ["PRESENT", "PRESENT"],
          event_timestamps: ["1970-01-01T00:00:00Z", "1970-01-01T00:00:00Z"],
        },
        {
          values: [10067, null],
          statuses: ["OUTSIDE_MAX_AGE", "NOT_FOUND"],
          event_timestamps: [ts, "1970-01-01T00:00:00Z"],
        },
        { values: [10067, null], statuses: ["PRESENT", "NOT_FOUND"], event_timestamps: [ts, "1970-01-01T00:00:00Z"] },
      ],
    });
    const usage = server.servings[0]?.usage.snapshot() ?? [];
    expect(
      usage.find((u) => u.consumer === "eta_model_v3" && u.featureRef === "driver_lifetime:avg_daily_trips")?.requests,
    ).toBe(1);
  });

  it("serves a feature service with an on-demand view and request data", async () => {
    const response = await post(base, "/get-online-features", {
      feature_service: "driver_activity_v1",
      entities: { driver_id: [1001], val_to_add: [2] },
    });
    expect(response.status).toBe(200);
    expect((response.body.metadata as { feature_names: string[] }).feature_names).toEqual([
      "driver_id",
      "conv_rate",
      "avg_daily_trips",
      "conv_rate_plus_val",
    ]);
    // Join keys and on-demand outputs carry the epoch, as Feast's servers answer.
    const results = response.body.results as { event_timestamps: string[] }[];
    expect(results[0]?.event_timestamps).toEqual(["1970-01-01T00:00:00Z"]);
    expect(results[3]?.event_timestamps).toEqual(["1970-01-01T00:00:00Z"]);
  });

  it('accepts a feature_service with "features": [] beside it, as Feast\'s Go and Java clients send', async () => {
    const response = await post(base, "/get-online-features", {
      feature_service: "driver_activity_v1",
      features: [],
      entities: { driver_id: [1001], val_to_add: [2] },
    });
    expect(response.status).toBe(200);
    expect((response.body.metadata as { feature_names: string[] }).feature_names).toHaveLength(4);
    // Non-empty features beside a service is still ambiguous.
    const both = await post(base, "/get-online-features", {
      feature_service: "driver_activity_v1",
      features: ["driver_lifetime:avg_daily_trips"],
      entities: { driver_id: [1001], val_to_add: [2] },
    });
    expect(both.status).toBe(400);
  });

  it.each([
    [
      "an unknown view (404, named)",
      { features: ["driver_hourly_stat:conv_rate"], entities: { driver_id: [1] } },
      404,
      /feature view 'driver_hourly_stat'.*did you mean 'driver_hourly_stats'/,
    ],
    [
      "an unknown feature (404, named)",
      { features: ["driver_lifetime:nope"], entities: { driver_id: [1] } },
      404,
      /driver_lifetime:nope/,
    ],
    [
      "an unknown service (404, named)",
      { feature_service: "driver_activity_v9", entities: { driver_id: [1] } },
      404,
      /driver_activity_v9/,
    ],
    ["malformed JSON (400)", '{"features": [', 400, /not valid JSON/],
    [
      "a string for an Int64 join key (400)",
      { features: ["driver_lifetime:avg_daily_trips"], entities: { driver_id: ["1001"] } },
      400,
      /'driver_id' must be an integer/,
    ],
    [
      "a missing join key (400)",
      { features: ["driver_lifetime:avg_daily_trips"], entities: { driver: [1001] } },
      400,
      /missing join key 'driver_id'/,
    ],
    [
      "too many entities (413)",
      {
        features: ["driver_lifetime:avg_daily_trips"],
        entities: { driver_id: Array.from({ length: 51 }, (_, i) => i) },
      },
      413,
      /at most 50/,
    ],
    ["neither features nor a service (400)", { entities: { driver_id: [1] } }, 400, /either 'features'/],
    [
      "columns of different lengths (400)",
      { feature_service: "driver_activity_v1", entities: { driver_id: [1, 2], val_to_add: [1] } },
      400,
      /differ in length/,
    ],
  ])("refuses %s", async (_name, body, status, message) => {
    const response = await post(base, "/get-online-features", body);
    expect(response.status).toBe(status);
    expect(String(response.body.detail)).toMatch(message);
    expect((response.body.error as { message: string }).message).toMatch(message);
  });

  it("answers unknown endpoints with 404 and wrong methods with 405, and keeps serving", async () => {
    expect((await post(base, "/get-online-feature", {})).status).toBe(404);
    expect((await get(base, "/get-online-features")).status).toBe(405);
    const health = await get(base, "/health");
    expect(health.status).toBe(200);
    // Without a token: the status and nothing else; with one (no_auth: any), the details.
    expect(health.body).toEqual({ status: "ok" });
    const detailed = await get(base, "/health", { authorization: "Bearer any" });
    expect(detailed.body).toMatchObject({ status: "ok", projects: [{ project: "online_test", online_store: "ok" }] });
  });

  it("push writes newer rows; an older push does not go back in time", async () => {
    const push = (ts: string, rate: number) =>
      post(base, "/push", {
        push_source_name: "driver_stats_push",
        df: {
          driver_id: [1003],
          event_timestamp: [ts],
          conv_rate: [rate],
          acc_rate: [0.1],
          avg_daily_trips: [1],
          created: [ts],
        },
      });
    const newer = await push("2024-02-01T00:00:00Z", 0.42);
    expect(newer.body).toEqual({ views: [{ feature_view: "driver_fresh", rows_received: 1, rows_written: 1 }] });
    const older = await push("2024-01-15T00:00:00Z", 0.01);
    expect(older.body).toEqual({ views: [{ feature_view: "driver_fresh", rows_received: 1, rows_written: 0 }] });
    const read = await post(base, "/get-online-features", {
      features: ["driver_fresh:conv_rate"],
      entities: { driver_id: [1003] },
    });
    expect((read.body.results as { values: unknown[] }[])[1]?.values[0]).toBeCloseTo(0.42, 5);
    expect((await post(base, "/push", { push_source_name: "nope", df: {} })).status).toBe(404);
    expect((await post(base, "/push", { push_source_name: "driver_stats_push", df: {}, to: "offline" })).status).toBe(
      400,
    );
  });

  it("write-to-online-store checks types and writes", async () => {
    const bad = await post(base, "/write-to-online-store", {
      feature_view_name: "driver_lifetime",
      df: { driver_id: [1004], event_timestamp: ["2025-01-01T00:00:00Z"], avg_daily_trips: ["many"] },
    });
    expect(bad.status).toBe(400);
    expect(String(bad.body.detail)).toMatch(/driver_lifetime:avg_daily_trips' is Int64.*"many"/);
    const good = await post(base, "/write-to-online-store", {
      feature_view_name: "driver_lifetime",
      df: { driver_id: [1004], event_timestamp: ["2025-01-01T00:00:00Z"], avg_daily_trips: [7] },
    });
    expect(good.body).toEqual({ views: [{ feature_view: "driver_lifetime", rows_received: 1, rows_written: 1 }] });
  });

  it("materialize-incremental over HTTP skips views already up to date", async () => {
    const response = await post(base, "/materialize-incremental", {
      end_ts: repo.lastEventTs.toISOString(),
      feature_views: ["driver_lifetime"],
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      rows_written: 0,
      views: [{ feature_view: "driver_lifetime", status: "skipped" }],
    });
    const bad = await post(base, "/materialize-incremental", { end_ts: "yesterday" });
    expect(bad.status).toBe(400);
  });
});

describe("feature server resilience and registry changes", () => {
  let repo: OnlineTestRepo;
  beforeAll(async () => {
    repo = await createOnlineTestRepo({ online: "sqlite" });
  });
  afterAll(async () => {
    await repo?.cleanup();
  });

  it("answers 503 while Redis is down and recovers by itself when it comes back", async () => {
    await repo.store.apply({ actor: "test" });
    const port = await freePort();
    const redis = new RedisOnlineStore({
      host: "127.0.0.1",
      port,
      keyPrefix: "pantry-test-recovery:",
      connectWaitMs: 300,
    });
    const registry = servingRegistryFrom(await repo.store.registry());
    const serving = await OnlineServing.open({ project: "online_test", registry, onlineStore: redis });
    const server = createFeatureServer({ serving, onInternalError: () => undefined });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    const base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
    const body = { features: ["driver_lifetime:avg_daily_trips"], entities: { driver_id: [1001] } };
    let redisServer: { stop: () => Promise<void> } | null = null;
    try {
      const down = await post(base, "/get-online-features", body);
      expect(down.status).toBe(503);
      expect(down.headers.get("retry-after")).toBe("1");
      expect(String(down.body.detail)).toMatch(new RegExp(`Redis online store at 127.0.0.1:${port} is unavailable`));
      expect((await get(base, "/health")).status).toBe(503);

      redisServer = await startRedis(port);
      const up = await waitFor(
        () => post(base, "/get-online-features", body),
        (r) => r.status === 200,
      );
      expect(up.status).toBe(200);
      expect((up.body.results as { statuses: string[] }[])[1]?.statuses).toEqual(["NOT_FOUND"]);
      const written = await post(base, "/write-to-online-store", {
        feature_view_name: "driver_lifetime",
        df: { driver_id: [1001], event_timestamp: ["2024-01-01T00:00:00Z"], avg_daily_trips: [3] },
      });
      expect(written.status).toBe(200);
      expect((await post(base, "/get-online-features", body)).body.results).toMatchObject([
        {},
        { values: [3], statuses: ["PRESENT"] },
      ]);

      await redisServer.stop();
      redisServer = null;
      expect(
        (
          await waitFor(
            () => post(base, "/get-online-features", body),
            (r) => r.status === 503,
          )
        ).status,
      ).toBe(503);
    } finally {
      await redisServer?.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await redis.close();
    }
  });

  it("serves deprecated views with Deprecation/Sunset headers and refuses retired ones with 410", async () => {
    await repo.store.apply({ actor: "test" });
    const real = servingRegistryFrom(await repo.store.registry());
    let state: "deprecated" | "retired" = "deprecated";
    let stamp = 1;
    const registry: ServingRegistry = {
      changeStamp: async () => `${stamp}`,
      getContents: (project) => real.getContents(project),
      viewLifecycles: async () =>
        new Map([
          [
            "driver_lifetime",
            {
              state,
              reason: "use lifetime_v2",
              replacement: "driver_lifetime_v2",
              sunsetAt: new Date("2025-01-31T00:00:00Z"),
            },
          ],
        ]),
    };
    const server = await startFor(repo, { registry, refreshIntervalMs: 0 });
    try {
      const body = { features: ["driver_lifetime:avg_daily_trips"], entities: { driver_id: [1001] } };
      const deprecated = await post(server.url, "/get-online-features", body);
      expect(deprecated.status).toBe(200);
      expect(deprecated.headers.get("deprecation")).toBe("true");
      expect(deprecated.headers.get("sunset")).toBe("Fri, 31 Jan 2025 00:00:00 GMT");
      expect(deprecated.headers.get("x-pantry-deprecated")).toBe("driver_lifetime (use driver_lifetime_v2)");
      state = "retired";
      stamp++;
      await server.servings[0]?.refresh();
      const retired = await post(server.url, "/get-online-features", body);
      expect(retired.status).toBe(410);
      expect(String(retired.body.detail)).toMatch(/'driver_lifetime' was retired.*use 'driver_lifetime_v2'/);
    } finally {
      await server.close();
    }
  });

  it("picks up an apply without a restart (registry change stamp)", async () => {
    await repo.store.apply({ actor: "test" });
    const server = await startFor(repo, { refreshIntervalMs: 100 });
    try {
      const body = { features: ["driver_lifetime:acc_rate"], entities: { driver_id: [1001] } };
      expect((await post(server.url, "/get-online-features", body)).status).toBe(404);
      writeFileSync(
        join(repo.dir, "feature_definitions.ts"),
        DEFINITIONS.replace(
          'schema: [{ name: "avg_daily_trips", dtype: "Int64" }],',
          'schema: [{ name: "avg_daily_trips", dtype: "Int64" }, { name: "acc_rate", dtype: "Float32" }],',
        ),
      );
      await repo.store.apply({ actor: "test" });
      const after = await waitFor(
        () => post(server.url, "/get-online-features", body),
        (r) => r.status === 200,
        5000,
      );
      expect(after.status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it("routes requests between several projects", async () => {
    await repo.store.apply({ actor: "test" });
    const other = await OnlineServing.open({
      project: "p",
      registry: new FakeServingRegistry(servingContents()),
      onlineStore: repo.onlineStore,
    });
    const mine = await OnlineServing.open({
      project: "online_test",
      registry: servingRegistryFrom(await repo.store.registry()),
      onlineStore: repo.onlineStore,
    });
    const server = createFeatureServer({ projects: [{ serving: mine }, { serving: other }] });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    const base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
    try {
      const byView = await post(base, "/get-online-features", {
        features: ["driver_stats:conv_rate"],
        entities: { driver_id: [1] },
      });
      expect(byView.status).toBe(200);
      const byService = await post(base, "/get-online-features", {
        feature_service: "driver_activity_v1",
        entities: { driver_id: [1], val_to_add: [1] },
      });
      expect(byService.status).toBe(400);
      expect(String(byService.body.detail)).toMatch(/several projects.*x-pantry-project/);
      const named = await post(
        base,
        "/get-online-features",
        { feature_service: "driver_activity_v1", entities: { driver_id: [1], val_to_add: [1] } },
        { "x-pantry-project": "online_test" },
      );
      expect(named.status).toBe(200);
      const unknown = await post(
        base,
        "/get-online-features",
        { feature_service: "x", entities: {} },
        { "x-pantry-project": "nope" },
      );
      expect(unknown.status).toBe(404);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
