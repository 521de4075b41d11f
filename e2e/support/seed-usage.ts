/**
 * Records online reads in a seeded repo's registry, as the feature server's usage buffer does when
 * requests carry `x-pantry-consumer`: `node --import tsx seed-usage.ts <repo> <rollups.json>`
 * (run from apps/cli, which has tsx), or seedUsage() from a spec.
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export interface SeedRollup {
  consumer: string;
  featureRef: string;
  /** Minutes before now. */
  minutesAgo: number;
  requests: number;
  totalLatencyMs: number;
  maxLatencyMs: number;
}

const here = fileURLToPath(import.meta.url);

export function seedUsage(repo: string, rollups: SeedRollup[]): void {
  const cliDir = join(here, "..", "..", "..", "apps", "cli");
  execFileSync(process.execPath, ["--import", "tsx", here, repo, JSON.stringify(rollups)], {
    cwd: cliDir,
    stdio: "pipe",
  });
}

async function main(repo: string, json: string): Promise<void> {
  const { FeatureStore } = await import("@pantry/core");
  const store = new FeatureStore({ repoPath: repo });
  const registry = await store.registry();
  const now = Date.now() - (Date.now() % 60_000);
  const rollups = JSON.parse(json) as SeedRollup[];
  await registry.usage.recordUsage(
    store.project,
    rollups.map(({ minutesAgo, ...r }) => ({ ...r, bucket: new Date(now - minutesAgo * 60_000) })),
  );
  await store.close();
  await registry.close();
}

if (process.argv[1] === here) {
  const [repo, json] = process.argv.slice(2);
  if (!repo || !json) throw new Error("usage: seed-usage.ts <repo> <rollups.json>");
  await main(repo, json);
}
