/**
 * A workspace the router tests build for themselves: three feature repos, two sharing one registry
 * (SQLite file or a PostgreSQL database) and one with its own, each applied from code like a user
 * would (`pantry apply`). CSV files stand in for the offline data.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FeatureStore, Workspace } from "@pantry/core";
import { appRouter } from "../../src/root";
import { createContext } from "../../src/context";

export interface SeededWorkspace {
  root: string;
  workspace: Workspace;
  /** A caller acting as `user` (the x-pantry-user header), or as "console" without one. */
  caller(user?: string): ReturnType<typeof appRouter.createCaller>;
  /** Re-applies a repo from code (after its definitions changed). */
  applyFromCode(repo: "rides" | "fraud" | "solo"): Promise<void>;
  writeDefinitions(repo: "rides" | "fraud" | "solo", code: string): void;
  cleanup(): Promise<void>;
}

const DRIVER_STATS_CSV = `driver_id,event_timestamp,created,conv_rate,trips
1001,2024-01-01 00:00:00,2024-01-01 00:05:00,0.5,10
1002,2024-01-01 00:00:00,2024-01-01 00:05:00,0.25,4
1001,2024-01-01 01:00:00,2024-01-01 01:05:00,0.75,12
`;

const PROFILES_CSV = `driver_id,signup_ts,city,rating
1001,2023-05-01 00:00:00,Lisbon,4.8
1002,2023-06-01 00:00:00,Porto,4.5
`;

const CARDS_CSV = `card_id,event_timestamp,txn_count_1h,avg_amount,is_driver_card
1,2024-01-01 00:00:00,3,12.5,true
`;

export const RIDES_DEFINITIONS = `import { Entity, FeatureService, FeatureView, FileSource, OnDemandFeatureView, RequestSource } from "@pantry/sdk";

export const driver = new Entity({ name: "driver", joinKeys: ["driver_id"], valueType: "Int64", owner: "rides@pantry.dev", tags: { team: "rides" } });

export const driverStatsSource = new FileSource({
  name: "driver_stats_source",
  path: "data/driver_stats.csv",
  timestampField: "event_timestamp",
  createdTimestampColumn: "created",
  owner: "rides@pantry.dev",
});

export const driverStats = new FeatureView({
  name: "driver_stats",
  entities: [driver],
  schema: [
    { name: "conv_rate", dtype: "Float64", description: "Share of offers accepted" },
    { name: "trips", dtype: "Int64" },
  ],
  source: driverStatsSource,
  ttl: "1d",
  description: "Hourly driver statistics",
  owner: "rides@pantry.dev",
  tags: { team: "rides", stage: "prod" },
});

export const profilesSource = new FileSource({ name: "profiles_source", path: "data/profiles.csv", timestampField: "signup_ts", owner: "rides@pantry.dev" });

export const driverProfile = new FeatureView({
  name: "driver_profile",
  entities: [driver],
  schema: [
    { name: "city", dtype: "String" },
    { name: "rating", dtype: "Float64" },
  ],
  source: profilesSource,
  owner: "rides@pantry.dev",
  tags: { team: "rides", stage: "dev" },
});

export const tripRequest = new RequestSource({ name: "trip_request", schema: [{ name: "distance_km", dtype: "Float64" }] });

export const tripEta = new OnDemandFeatureView({
  name: "trip_eta",
  sources: [driverStats.select(["conv_rate"]), tripRequest],
  schema: [{ name: "eta_minutes", dtype: "Float64" }],
  transform: (row) => ({ eta_minutes: Number(row.distance_km) * 2 }),
  owner: "rides@pantry.dev",
});

export const etaV1 = new FeatureService({ name: "eta_v1", features: [driverStats, tripEta], tags: { model: "eta_model" }, owner: "rides@pantry.dev" });
export const churnV1 = new FeatureService({ name: "churn_v1", features: [driverProfile.select(["rating"])], tags: { model: "churn_model" }, owner: "rides@pantry.dev" });
`;

const FRAUD_DEFINITIONS = `import { Entity, FeatureService, FeatureView, FileSource } from "@pantry/sdk";

export const card = new Entity({ name: "card", joinKeys: ["card_id"], valueType: "Int64", owner: "fraud@pantry.dev", tags: { team: "fraud" } });

export const cardsSource = new FileSource({ name: "cards_source", path: "data/cards.csv", owner: "fraud@pantry.dev" });

export const cardVelocity = new FeatureView({
  name: "card_velocity",
  entities: [card],
  schema: [
    { name: "txn_count_1h", dtype: "Int64" },
    { name: "avg_amount", dtype: "Float64" },
    { name: "is_driver_card", dtype: "Bool" },
  ],
  source: cardsSource,
  description: "Card velocity; says nothing about any driver.",
  owner: "fraud@pantry.dev",
  tags: { team: "fraud", segment: "driver-partners" },
});

export const fraudV1 = new FeatureService({ name: "fraud_v1", features: [cardVelocity], tags: { consumers: "fraud_model" }, owner: "fraud@pantry.dev" });
`;

const SOLO_DEFINITIONS = `import { Entity, FeatureView, FileSource } from "@pantry/sdk";

export const rider = new Entity({ name: "rider", joinKeys: ["driver_id"] });
export const riderSource = new FileSource({ name: "rider_source", path: "data/driver_stats.csv" });
export const riderStats = new FeatureView({ name: "rider_stats", entities: [rider], schema: [{ name: "trips", dtype: "Int64" }], source: riderSource });
`;

export async function seedWorkspace(options: { postgresUrl?: string } = {}): Promise<SeededWorkspace> {
  const root = mkdtempSync(join(tmpdir(), "pantry-api-"));
  const shared = options.postgresUrl ?? "../shared/registry.db";
  const repos = {
    rides: {
      registry: shared,
      files: { "driver_stats.csv": DRIVER_STATS_CSV, "profiles.csv": PROFILES_CSV },
      code: RIDES_DEFINITIONS,
    },
    fraud: { registry: shared, files: { "cards.csv": CARDS_CSV }, code: FRAUD_DEFINITIONS },
    solo: { registry: "data/registry.db", files: { "driver_stats.csv": DRIVER_STATS_CSV }, code: SOLO_DEFINITIONS },
  };
  const writeDefinitions = (repo: keyof typeof repos, code: string) =>
    writeFileSync(join(root, repo, "definitions.ts"), code);
  for (const [name, repo] of Object.entries(repos)) {
    mkdirSync(join(root, name, "data"), { recursive: true });
    writeFileSync(
      join(root, name, "feature_store.yaml"),
      `project: ${name}\nregistry: ${repo.registry}\nprovider: local\n`,
    );
    for (const [file, text] of Object.entries(repo.files)) writeFileSync(join(root, name, "data", file), text);
    writeDefinitions(name as keyof typeof repos, repo.code);
  }
  const stores: FeatureStore[] = [];
  const applyFromCode = async (repo: keyof typeof repos) => {
    const store = new FeatureStore({ repoPath: join(root, repo) });
    stores.push(store);
    await store.apply({ actor: "ci" });
  };
  for (const repo of Object.keys(repos) as (keyof typeof repos)[]) await applyFromCode(repo);

  const workspace = new Workspace({ root });
  return {
    root,
    workspace,
    caller: (user) =>
      appRouter.createCaller(createContext({ workspace, headers: user ? { "x-pantry-user": user } : {} })),
    applyFromCode,
    writeDefinitions,
    cleanup: async () => {
      await workspace.close();
      for (const store of stores) await store.close();
      for (const registry of await workspace.openRegistries().catch(() => [])) await registry.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
