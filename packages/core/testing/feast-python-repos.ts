/** Copies a Feast-style Python fixture repo into a temp folder (with its data from ../shared/data). */
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { sharedFixturePresent } from "./shared-fixtures";

const HERE = dirname(fileURLToPath(import.meta.url));
/** The fixture repos: Feast-style Python repos written for Pantry's tests (not Feast's files). */
const FIXTURES = resolve(HERE, "..", "test", "fixtures", "feast-python");
const REPO_ROOT = resolve(HERE, "..", "..", "..");
const SHARED_DATA = resolve(REPO_ROOT, "..", "shared", "data");
export const FEAST_DRIVER_STATS = join(SHARED_DATA, "feast-driver", "driver_stats.parquet");
export const FEAST_CREDIT_SCORING = join(SHARED_DATA, "feast-credit-scoring");
export const feastDriverDataAvailable = () => sharedFixturePresent(FEAST_DRIVER_STATS);
export const feastCreditScoringAvailable = () =>
  sharedFixturePresent(join(FEAST_CREDIT_SCORING, "my_training_ds.parquet"));

export type FeastPythonFixture = "quickstart" | "credit_scoring" | "postgres" | "unsupported";

/** A fresh copy of the fixture; `data` files are copied into its data/ folder. */
export function copyFeastPythonFixture(
  name: FeastPythonFixture,
  data: Record<string, string> = {},
): { path: string; remove: () => void } {
  const root = mkdtempSync(join(tmpdir(), `pantry-feast-py-${name}-`));
  const path = join(root, name);
  cpSync(join(FIXTURES, name), path, { recursive: true });
  rmSync(join(path, "README.md"), { force: true });
  mkdirSync(join(path, "data"), { recursive: true });
  for (const [target, source] of Object.entries(data)) copyFileSync(source, join(path, "data", target));
  return { path, remove: () => rmSync(root, { recursive: true, force: true }) };
}
