/**
 * `pantry init <name>`: a new feature repo in the seed's layout, with sample data (a small,
 * deterministic driver-statistics time series written with DuckDB) and definitions that apply
 * as they are. As `feast init`, the data ends at the moment of init (the hour it falls in), so
 * `materialize-incremental <now>` right after loads rows and online reads return PRESENT values;
 * the same moment always gives the same files.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { PantryError } from "../errors";

const DEFINITIONS = `import { Entity, FeatureService, FeatureView, FileSource } from "@pantry/sdk";

export const driver = new Entity({
  name: "driver",
  joinKeys: ["driver_id"],
  valueType: "Int64",
  description: "A driver of the fleet",
  owner: "ml-team@example.com",
});

export const driverProfileSource = new FileSource({
  name: "driver_profile",
  path: "data/base_data/driver_profile.parquet",
  timestampField: "event_timestamp",
  description: "Static driver attributes",
});

export const driverStatsSource = new FileSource({
  name: "driver_hourly_stats_source",
  path: "data/temporal_data/driver_hourly_stats.parquet",
  timestampField: "event_timestamp",
  createdTimestampColumn: "created",
  description: "Hourly driver statistics",
});

export const driverProfile = new FeatureView({
  name: "driver_profile",
  entities: [driver],
  ttl: 0,
  schema: [
    { name: "vehicle_type", dtype: "String", description: "sedan, suv or van" },
    { name: "years_active", dtype: "Int64", description: "Years since the driver joined" },
  ],
  source: driverProfileSource,
  owner: "ml-team@example.com",
  tags: { team: "drivers" },
});

export const driverHourlyStats = new FeatureView({
  name: "driver_hourly_stats",
  entities: [driver],
  ttl: "1d",
  schema: [
    { name: "conv_rate", dtype: "Float32", description: "Share of offers accepted in the hour" },
    { name: "acc_rate", dtype: "Float32", description: "Share of rides completed in the hour" },
    { name: "avg_daily_trips", dtype: "Int64", description: "Trips per day over the last week" },
  ],
  source: driverStatsSource,
  online: true,
  owner: "ml-team@example.com",
  tags: { team: "drivers" },
});

export const driverActivityV1 = new FeatureService({
  name: "driver_activity_v1",
  features: [driverHourlyStats, driverProfile.select(["vehicle_type"])],
  owner: "ml-team@example.com",
  description: "Features of the driver activity model",
});
`;

const YAML = (name: string) => `project: ${name}
provider: local
registry: data/registry.db
online_store:
  type: sqlite
  path: data/online_store.db
offline_store:
  type: file
entity_key_serialization_version: 3
`;

const PACKAGE_JSON = (name: string, version: string) =>
  `${JSON.stringify(
    {
      name: name.replaceAll("_", "-").toLowerCase(),
      private: true,
      type: "module",
      scripts: { apply: "pantry apply", serve: "pantry serve", ui: "pantry ui" },
      dependencies: { "@pantry/sdk": `^${version}`, pantry: `^${version}` },
    },
    null,
    2,
  )}\n`;

const GITIGNORE = "node_modules/\ndata/registry.db*\ndata/online_store.db*\n";

export interface InitRepoOptions {
  name: string;
  parentPath: string;
  /** Where the sample data ends (default: now); truncated to the hour. */
  now?: Date;
  /** The version the repo's package.json asks for (`^version` of pantry and @pantry/sdk). */
  packageVersion?: string;
}

export async function initRepo(options: InitRepoOptions): Promise<string> {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(options.name)) {
    throw new PantryError("INVALID_ARGUMENT", `'${options.name}' is not a valid project name; use letters, digits and '_'`);
  }
  const repoPath = resolve(options.parentPath, options.name);
  if (existsSync(repoPath)) {
    throw new PantryError("CONFLICT", `${repoPath} already exists; choose another name or remove it first`);
  }
  for (const folder of ["base_data", "temporal_data", "entity_snapshots", "labels"]) {
    mkdirSync(join(repoPath, "data", folder), { recursive: true });
  }
  try {
    writeFileSync(join(repoPath, "feature_store.yaml"), YAML(options.name));
    writeFileSync(join(repoPath, "feature_definitions.ts"), DEFINITIONS);
    writeFileSync(join(repoPath, "package.json"), PACKAGE_JSON(options.name, options.packageVersion ?? "0.1.0"));
    writeFileSync(join(repoPath, ".gitignore"), GITIGNORE);
    const end = new Date(options.now ?? Date.now());
    end.setUTCMinutes(0, 0, 0);
    await writeSampleData(repoPath, end);
  } catch (error) {
    // A half-made repo would block the next attempt with "already exists".
    rmSync(repoPath, { recursive: true, force: true });
    throw error;
  }
  return repoPath;
}

async function writeSampleData(repoPath: string, endsAt: Date): Promise<void> {
  const { DuckDBInstance } = await import("@duckdb/node-api");
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  const data = (file: string) => join(repoPath, "data", file).replaceAll("'", "''");
  const end = `TIMESTAMPTZ '${endsAt.toISOString().replace("T", " ").replace(/\.\d+Z$/, "+00")}'`;
  try {
    await connection.run("SET threads = 1");
    await connection.run(`COPY (
      SELECT 1000 + d AS driver_id, ${end} - INTERVAL 400 DAY AS event_timestamp,
             (['sedan','suv','van'])[CAST(1 + hash(d, 'type') % 3 AS BIGINT)] AS vehicle_type, CAST(1 + hash(d, 'years') % 12 AS BIGINT) AS years_active
      FROM range(50) t(d) ORDER BY driver_id) TO '${data("base_data/driver_profile.parquet")}' (FORMAT parquet)`);
    await connection.run(`COPY (
      SELECT 1000 + d AS driver_id, ${end} - h * INTERVAL 1 HOUR AS event_timestamp,
             ${end} - h * INTERVAL 1 HOUR + INTERVAL 5 MINUTE AS created,
             CAST((hash(d, h, 'conv') % 1000) / 1000.0 AS FLOAT) AS conv_rate,
             CAST((hash(d, h, 'acc') % 1000) / 1000.0 AS FLOAT) AS acc_rate,
             CAST(hash(d, h, 'trips') % 40 AS BIGINT) AS avg_daily_trips
      FROM range(50) t(d), range(24 * 14) s(h) ORDER BY driver_id, event_timestamp)
      TO '${data("temporal_data/driver_hourly_stats.parquet")}' (FORMAT parquet)`);
    await connection.run(`COPY (
      SELECT 1000 + d AS driver_id, ${end} - w * INTERVAL 7 DAY AS snapshot_date, CAST(hash(d, w) % 5 AS BIGINT) AS complaints
      FROM range(50) t(d), range(8) s(w) ORDER BY driver_id, snapshot_date)
      TO '${data("entity_snapshots/driver_weekly_snapshot.parquet")}' (FORMAT parquet)`);
    await connection.run(`COPY (
      SELECT 1000 + d AS driver_id, ${end} - h * INTERVAL 6 HOUR AS event_timestamp, hash(d, h, 'label') % 2 = 0 AS churned
      FROM range(50) t(d), range(40) s(h) ORDER BY driver_id, event_timestamp)
      TO '${data("labels/driver_labels.parquet")}' (FORMAT parquet)`);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
