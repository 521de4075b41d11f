/**
 * Saves a training set in a seeded repo through the SDK facade, as `pantry get-historical-features
 * --save-as <name>` does. Run by the datasets spec in a process of its own (tsx), so the specs'
 * workers never load DuckDB or Prisma. Usage: save-dataset.ts <repo> <name> <output file>
 */
import { join } from "node:path";
import { FeatureStore } from "@pantry/core";

const [repo, name, output] = process.argv.slice(2);
if (!repo || !name || !output) throw new Error("usage: save-dataset.ts <repo> <name> <output file>");

const store = new FeatureStore({ repoPath: repo });
try {
  const entityDf = join(repo, "data", "labels", "driver_churn_labels.parquet");
  const job = await store.getHistoricalFeatures({ entityDf, features: "driver_churn_v1" });
  const saved = await store.createSavedDataset({ name, job, features: "driver_churn_v1", path: output, entityDf });
  process.stdout.write(`${JSON.stringify({ rows: saved.rows, features: saved.features.length })}\n`);
} finally {
  await store.close();
  await (await store.registry()).close();
}
