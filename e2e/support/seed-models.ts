/**
 * Seeds what the model pages show in a seeded repo: per-minute request metrics of a model (as the
 * feature server records them for requests naming it), feature statistics, a saved training set
 * of the driver churn model, and a deprecated view it reads (`undo` reactivates it).
 * `node --import tsx seed-models.ts <repo> seed|undo` (run from apps/cli, which has tsx).
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(import.meta.url);

export function seedModels(repo: string, action: "seed" | "undo"): void {
  const cliDir = join(here, "..", "..", "..", "apps", "cli");
  execFileSync(process.execPath, ["--import", "tsx", here, repo, action], { cwd: cliDir, stdio: "pipe" });
}

async function main(repo: string, action: string): Promise<void> {
  const { FeatureStore } = await import("@pantry/core");
  const store = new FeatureStore({ repoPath: repo });
  const registry = await store.registry();
  if (action === "undo") {
    await store.reactivate("driver_profile", { actor: "e2e" }).catch(() => undefined);
  } else {
    const now = Date.now() - (Date.now() % 60_000);
    const minutes = Array.from({ length: 6 * 60 }, (_, i) => i * 5);
    await registry.statistics.recordConsumerMetrics(
      store.project,
      minutes.map((ago, i) => ({
        consumer: "driver_churn",
        bucket: new Date(now - ago * 60_000),
        requests: 20 + (i % 7),
        entityRows: 200 + (i % 7) * 10,
        errors: i % 40 === 0 ? 2 : 0,
        totalLatencyMs: 60,
        latencyBuckets: { "2": 12, "3": 6, "5": 1 + (i % 7), "20": 1 },
      })),
    );
    await registry.usage.recordUsage(
      store.project,
      ["driver_profile:vehicle_type", "driver_weekly_activity:trips_last_7d"].flatMap((featureRef) =>
        minutes.map((ago) => ({
          consumer: "driver_churn",
          featureRef,
          bucket: new Date(now - ago * 60_000),
          requests: 20,
          totalLatencyMs: 60,
          maxLatencyMs: 20,
        })),
      ),
    );
    const job = await store.getHistoricalFeatures({
      entityDf: Array.from({ length: 300 }, (_, i) => ({
        driver_id: 1001 + i * 10,
        event_timestamp: new Date("2026-10-01T00:00:00Z"),
      })),
      features: "driver_churn_v1",
    });
    await store.createSavedDataset({
      name: "driver_churn_train",
      job,
      features: "driver_churn_v1",
      path: join(repo, "data", "driver_churn_train.parquet"),
      overwrite: true,
      actor: "e2e",
    });
    for (const view of ["driver_profile", "driver_weekly_activity", "driver_hourly_stats"]) {
      await store.computeStatistics(view);
    }
    await store.deprecate("driver_profile", {
      reason: "vehicle data moves to the fleet API",
      sunsetAt: new Date(Date.now() + 30 * 24 * 3_600_000),
      actor: "e2e",
    });
  }
  await store.close();
}

if (process.argv[1] === here) {
  const [repo, action] = process.argv.slice(2);
  if (!repo || !action) throw new Error("usage: seed-models.ts <repo> seed|undo");
  await main(repo, action);
}
