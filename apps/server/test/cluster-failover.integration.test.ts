/**
 * The feature server on a real Redis Cluster (3 masters, one replica each, on loopback) when one
 * master's process is killed (SIGKILL) under load, through HTTP /get-online-features: requests for
 * keys on the other masters keep answering 200; requests touching the dead master's slots answer
 * 503 (store unavailable, retry) until the cluster promotes its replica, then 200 again with the
 * same values, without restarting anything.
 */
import { servingRegistryFrom } from "@pantry/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createOnlineTestRepo,
  type OnlineBackend,
  type OnlineTestRepo,
  type RedisClusterHandle,
  type RedisProcess,
  servableFromParts,
  startOnlineBackend,
} from "@pantry/core/testing";
import { type RunningFeatureServer, startFeatureServer } from "../src/index";
import { type JsonResponse, post } from "./helpers";

const HOURS = 2;
/** driver_lifetime:avg_daily_trips of a driver after materializing everything (see online-test-repo). */
const trips = (driver: number) => driver * 10 + HOURS - 1;

interface Outcome {
  at: number;
  kind: "safe" | "affected" | "mixed" | "write";
  drivers: number[];
  response: JsonResponse;
}

describe("feature server on a Redis Cluster when a master dies", () => {
  let backend: OnlineBackend;
  let cluster: RedisClusterHandle;
  let repo: OnlineTestRepo;
  let server: RunningFeatureServer;
  const internalErrors: unknown[] = [];

  beforeAll(async () => {
    backend = await startOnlineBackend("redis_cluster");
    cluster = backend.cluster as RedisClusterHandle;
    repo = await createOnlineTestRepo({ online: "redis_cluster", backend, drivers: 40, hours: HOURS });
    await repo.store.apply({ actor: "test" });
    const registry = await repo.store.registry();
    server = await startFeatureServer({
      port: 0,
      projects: [
        servableFromParts({
          project: repo.store.project,
          registry: servingRegistryFrom(registry),
          onlineStore: repo.onlineStore,
          offlineStore: repo.store.offlineStore(),
          materializationRegistry: registry.jobs,
          maxEntities: repo.store.config.featureServer.maxEntities,
        }),
      ],
      onInternalError: (error) => internalErrors.push(error),
    });
    const end = repo.lastEventTs.toISOString().slice(0, 19);
    const materialized = await post(server.url, "/materialize", { start_ts: "2000-01-01T00:00:00", end_ts: end });
    expect(materialized.body).toMatchObject({ status: "succeeded" });
  });
  afterAll(async () => {
    await server?.close();
    await repo?.cleanup();
    await backend?.stop();
  });

  it("serves the other masters' keys throughout; the dead master's get 503 until its replica takes over, then recover", async () => {
    const onlineStore = repo.store.config.onlineStore;
    const prefix = onlineStore.type === "redis" ? onlineStore.keyPrefix : "";
    const keyOf = (driver: number) => `${prefix}online_test:e:{driver_id=i${driver}}`;
    const victim = cluster.masters[0] as RedisProcess;
    const survivor = (cluster.masters[1] as RedisProcess).port;
    // Driver 1001 is restated in the test data; the others follow trips().
    const drivers = Array.from({ length: 39 }, (_, i) => 1002 + i);
    const affected = drivers.filter((d) => cluster.masterPortOf(keyOf(d)) === victim.port).slice(0, 4);
    const safe = drivers.filter((d) => cluster.masterPortOf(keyOf(d)) !== victim.port).slice(0, 4);
    expect(affected.length).toBeGreaterThan(0);
    expect(safe.length).toBeGreaterThan(0);

    const outcomes: Outcome[] = [];
    let killedAt = Number.POSITIVE_INFINITY;
    let stop = false;
    const started = Date.now();
    const ask = async (kind: Outcome["kind"], ids: number[]) => {
      const response = await post(server.url, "/get-online-features", {
        features: ["driver_lifetime:avg_daily_trips"],
        entities: { driver_id: ids },
      });
      outcomes.push({ at: Date.now(), kind, drivers: ids, response });
    };
    // A push of the values the key already has (same event time: equal wins, nothing changes).
    const write = async (driver: number) => {
      const response = await post(server.url, "/write-to-online-store", {
        feature_view_name: "driver_lifetime",
        df: {
          driver_id: [driver],
          event_timestamp: [repo.lastEventTs.toISOString()],
          avg_daily_trips: [trips(driver)],
        },
      });
      outcomes.push({ at: Date.now(), kind: "write", drivers: [driver], response });
    };
    const worker = async (w: number) => {
      for (let i = w; !stop; i++) {
        const s = safe[i % safe.length] as number;
        const a = affected[i % affected.length] as number;
        await ask("safe", [s]);
        await ask("affected", [a]);
        if (i % 4 === 0) await ask("mixed", [s, a]);
        if (i % 4 === 1) await write(a);
      }
    };
    const recovered = () => {
      const after = outcomes.filter((o) => o.at > killedAt && o.kind === "affected");
      const lastFailure = after.findLastIndex((o) => o.response.status !== 200);
      // Recovered: it failed after the kill, and since then 20 affected requests in a row succeeded.
      return lastFailure !== -1 && after.length - lastFailure - 1 >= 20;
    };
    const load = Promise.all([0, 1, 2, 3].map(worker));
    try {
      while (Date.now() - started < 500) await new Promise((resolve) => setTimeout(resolve, 50));
      killedAt = Date.now();
      await victim.kill();
      while (!recovered() && Date.now() - killedAt < 30_000) await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      stop = true;
      await load;
    }

    // Never a 500 (nor anything but 200 and 503), whatever was asked when.
    expect(internalErrors).toEqual([]);
    expect([...new Set(outcomes.map((o) => o.response.status))].sort()).toEqual([200, 503]);
    // Keys on the other masters: every request answered, with the right values, before, during and after.
    const safeOnes = outcomes.filter((o) => o.kind === "safe");
    expect(safeOnes.filter((o) => o.at > killedAt).length).toBeGreaterThan(20);
    for (const o of safeOnes) {
      expect(o.response.status).toBe(200);
      expect(o.response.body.results).toMatchObject([
        {},
        { values: [trips(o.drivers[0] as number)], statuses: ["PRESENT"] },
      ]);
    }
    // The dead master's keys: 503 with a clear message and Retry-After, then recovered by themselves.
    const failures = outcomes.filter((o) => o.response.status === 503);
    expect(failures.length).toBeGreaterThan(0);
    for (const o of failures) {
      expect(o.kind).not.toBe("safe");
      if (o.kind === "write") continue;
      expect(o.at).toBeGreaterThanOrEqual(killedAt);
      expect(o.response.headers.get("retry-after")).toBe("1");
      expect(o.response.body).toMatchObject({ error: { code: "UNAVAILABLE" } });
      expect(String(o.response.body.detail)).toMatch(
        /Redis Cluster online store .* is unavailable: .*; the online store cannot be read or written now, retry shortly/,
      );
    }
    expect(recovered()).toBe(true);
    // Writes to the dead master's keys failed the same way and work again too.
    const writes = outcomes.filter((o) => o.kind === "write");
    expect(writes.some((o) => o.response.status === 503)).toBe(true);
    expect(writes.at(-1)?.response.status).toBe(200);
    const last = outcomes.filter((o) => o.kind === "affected" || o.kind === "mixed").slice(-8);
    for (const o of last) {
      expect(o.response.status).toBe(200);
      expect((o.response.body.results as { values: number[] }[])[1]?.values).toEqual(o.drivers.map(trips));
    }
    // The replica was promoted: the slots moved to another process, the dead one stayed dead.
    expect(cluster.masterPortOf(keyOf(affected[0] as number), survivor)).not.toBe(victim.port);
    expect(victim.child.exitCode !== null || victim.child.signalCode !== null).toBe(true);
  });
});
