import type { OnlineStoreConfig } from "../config/repo-config";
import { RedisOnlineStore } from "./redis-online-store";
import { SqliteOnlineStore } from "./sqlite-online-store";
import type { OnlineStore } from "./types";

export interface CreateOnlineStoreOverrides {
  /** Replaces the configured Redis key prefix (tests and benchmarks isolate themselves with it). */
  keyPrefix?: string;
}

export function createOnlineStore(config: OnlineStoreConfig, overrides: CreateOnlineStoreOverrides = {}): OnlineStore {
  if (config.type === "sqlite") return new SqliteOnlineStore(config.path);
  return new RedisOnlineStore({
    host: config.host,
    port: config.port,
    db: config.db,
    password: config.password,
    ssl: config.ssl,
    keyPrefix: overrides.keyPrefix ?? config.keyPrefix,
  });
}
