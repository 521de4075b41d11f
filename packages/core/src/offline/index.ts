/**
 * The offline store: point-in-time correct training data and the source reads of materialization.
 * The facade calls createOfflineStore(config) once and hands it resolved FeatureRequests.
 */
import type { RepoConfig } from "../config/repo-config";
import { DuckDBOfflineStore } from "./duckdb/duckdb-store";
import { PostgresOfflineStore } from "./postgres/postgres-store";
import type { OfflineStore } from "./types";

export function createOfflineStore(config: RepoConfig): OfflineStore {
  const offline = config.offlineStore;
  switch (offline.type) {
    case "duckdb":
      return new DuckDBOfflineStore(config.repoPath, {
        memoryLimit: offline.memoryLimit,
        allowedPaths: config.allowedPaths,
        configPath: config.configPath,
      });
    case "postgres":
      return new PostgresOfflineStore(offline);
  }
}

export { DuckDBOfflineStore } from "./duckdb/duckdb-store";
export { PostgresOfflineStore } from "./postgres/postgres-store";
export { outputName } from "./build-plan";
export { resolveFeatureRequests } from "./resolve-requests";
export type * from "./types";
