/**
 * A throwaway feature repo for online-path integration tests: a temp folder with a
 * feature_store.yaml (SQLite registry; SQLite or Redis online store with a unique key prefix),
 * definitions, and Parquet written by DuckDB. `cleanup` removes the folder and the Redis keys.
 */
import { randomUUID } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { FeatureStore } from "../src/feature-store";
import type { MaterializationContext } from "../src/materialization/run-materialization";
import { createOnlineStore } from "../src/online/create-online-store";
import type { OnlineStore } from "../src/online/types";
import { type OnlineBackend, type OnlineKind, startOnlineBackend } from "./online-backends";

export const DEFINITIONS = `
import { Entity, FeatureService, FeatureView, FileSource, OnDemandFeatureView, PushSource, RequestSource } from "@pantry/sdk";

export const driver = new Entity({ name: "driver", joinKeys: ["driver_id"], valueType: "Int64" });

const driverStatsSource = new FileSource({
  name: "driver_stats_source",
  path: "data/driver_stats.parquet",
  timestampField: "event_timestamp",
  createdTimestampColumn: "created",
});

export const driverStats = new FeatureView({
  name: "driver_hourly_stats",
  entities: [driver],
  ttl: "1d",
  source: driverStatsSource,
  schema: [
    { name: "conv_rate", dtype: "Float32" },
    { name: "acc_rate", dtype: "Float32" },
    { name: "avg_daily_trips", dtype: "Int64" },
  ],
});

export const driverEverStats = new FeatureView({
  name: "driver_lifetime",
  entities: [driver],
  ttl: 0,
  source: driverStatsSource,
  schema: [{ name: "avg_daily_trips", dtype: "Int64" }],
});

export const driverPush = new PushSource({ name: "driver_stats_push", batchSource: driverStatsSource });

export const driverFresh = new FeatureView({
  name: "driver_fresh",
  entities: [driver],
  ttl: 0,
  source: driverPush,
  schema: [{ name: "conv_rate", dtype: "Float32" }],
});

const tripRequest = new RequestSource({ name: "trip_request", schema: [{ name: "val_to_add", dtype: "Int64" }] });

export const adjusted = new OnDemandFeatureView({
  name: "adjusted_conv_rate",
  sources: [driverStats.select(["conv_rate"]), tripRequest],
  schema: [{ name: "conv_rate_plus_val", dtype: "Float64" }],
  transform: (row) => ({ conv_rate_plus_val: row.conv_rate === null ? null : Number(row.conv_rate) + Number(row.val_to_add) }),
});

export const driverActivity = new FeatureService({ name: "driver_activity_v1", features: [driverStats.select(["conv_rate", "avg_daily_trips"]), adjusted] });
`;

export interface OnlineTestRepo {
  dir: string;
  store: FeatureStore;
  onlineStore: OnlineStore;
  /** Rows are hourly from 2024-01-01T00:00Z; this is the newest event time written. */
  lastEventTs: Date;
  cleanup(): Promise<void>;
}

/**
 * Drivers 1001..(1000 + drivers), one row per hour for `hours` hours; conv_rate = driver/10000 + hour/100.
 * Driver 1001's last hour is restated (same event time, later `created`) with conv_rate 0.999.
 */
export async function createOnlineTestRepo(options: {
  online: OnlineKind;
  /** Needed for redis_cluster and redis_sentinel (the processes the test file started). */
  backend?: OnlineBackend;
  drivers?: number;
  hours?: number;
}): Promise<OnlineTestRepo> {
  const dir = mkdtempSync(join(tmpdir(), "pantry-online-repo-"));
  const prefix = `pantry-test-${randomUUID()}:`;
  const drivers = options.drivers ?? 5;
  const hours = options.hours ?? 48;
  const backend = options.backend ?? (await startOnlineBackend(options.online));
  if (backend.kind !== options.online) throw new Error(`the backend is ${backend.kind}, not ${options.online}`);
  const online = backend.yaml(prefix);
  writeFileSync(
    join(dir, "feature_store.yaml"),
    `project: online_test\nprovider: local\nregistry: data/registry.db\n${online}offline_store:\n  type: file\nfeature_server:\n  max_entities: 50\n`,
  );
  writeFileSync(join(dir, "feature_definitions.ts"), DEFINITIONS);
  mkdirSync(join(dir, "data"));
  const duck = await DuckDBInstance.create(":memory:");
  const connection = await duck.connect();
  const path = join(dir, "data", "driver_stats.parquet").replaceAll("'", "''");
  await connection.run(`
    COPY (
      SELECT d AS driver_id,
             TIMESTAMPTZ '2024-01-01 00:00:00+00' + to_hours(h) AS event_timestamp,
             TIMESTAMPTZ '2024-01-01 00:00:00+00' + to_hours(h) + INTERVAL 5 MINUTE AS created,
             d / 10000 + h / 100 AS conv_rate,
             0.5::DOUBLE AS acc_rate,
             (d * 10 + h)::BIGINT AS avg_daily_trips
        FROM range(1001, ${1001 + drivers}) t(d), range(0, ${hours}) s(h)
      UNION ALL
      SELECT 1001, TIMESTAMPTZ '2024-01-01 00:00:00+00' + to_hours(${hours - 1}), TIMESTAMPTZ '2024-01-01 00:00:00+00' + to_hours(${hours - 1}) + INTERVAL 30 MINUTE,
             0.999, 0.5, 1
    ) TO '${path}' (FORMAT parquet)`);
  connection.closeSync();
  duck.closeSync();
  const store = new FeatureStore({ repoPath: dir });
  const onlineStore = createOnlineStore(store.config.onlineStore);
  return {
    dir,
    store,
    onlineStore,
    lastEventTs: new Date(Date.UTC(2024, 0, 1, hours - 1)),
    cleanup: async () => {
      await onlineStore.deleteProject("online_test").catch(() => undefined);
      await onlineStore.close();
      await store.close();
      await (await store.registry().catch(() => null))?.close();
      rmSync(dir, { recursive: true, force: true });
      // Processes started here (not handed in) stop with the repo.
      if (!options.backend) await backend.stop();
    },
  };
}

/** Applies the repo's definitions and returns the materialization context over its real registry. */
export async function appliedMaterializationContext(repo: OnlineTestRepo): Promise<MaterializationContext> {
  await repo.store.apply({ actor: "test" });
  const registry = await repo.store.registry();
  return {
    project: "online_test",
    contents: await repo.store.contents(),
    offlineStore: repo.store.offlineStore(),
    onlineStore: repo.onlineStore,
    registry: registry.jobs,
  };
}
