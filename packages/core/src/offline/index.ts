/**
 * The offline store: point-in-time correct training data and the source reads of materialization.
 * The facade calls createOfflineStore(config) once and hands it resolved FeatureRequests.
 */
import type { RepoConfig } from "../config/repo-config";
import { DuckDBOfflineStore } from "./duckdb/duckdb-store";
import type { OfflineStore } from "./types";

export function createOfflineStore(config: RepoConfig): OfflineStore {
  const offline = config.offlineStore;
  switch (offline.type) {
    case "duckdb":
      return new DuckDBOfflineStore(config.repoPath);
    default:
      throw new Error(`offline store '${offline.type}' is not available yet`);
  }
}

export { DuckDBOfflineStore } from "./duckdb/duckdb-store";
export { outputName } from "./build-plan";
export type * from "./types";
