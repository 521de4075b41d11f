import type { OnlineStoreConfig } from "../config/repo-config";
import { RedisClusterOnlineStore } from "./redis-cluster-online-store";
import { RedisOnlineStore } from "./redis-online-store";
import { SqliteOnlineStore } from "./sqlite-online-store";
import type { OnlineStore } from "./types";

export interface CreateOnlineStoreOverrides {
  /** Replaces the configured Redis key prefix (tests and benchmarks isolate themselves with it). */
  keyPrefix?: string;
}

export function createOnlineStore(config: OnlineStoreConfig, overrides: CreateOnlineStoreOverrides = {}): OnlineStore {
  if (config.type === "sqlite") return new SqliteOnlineStore(config.path);
  const keyPrefix = overrides.keyPrefix ?? config.keyPrefix;
  if (config.redisType === "redis_cluster") {
    return new RedisClusterOnlineStore({
      nodes: config.nodes,
      username: config.username,
      password: config.password,
      ssl: config.ssl,
      keyPrefix,
    });
  }
  return new RedisOnlineStore({
    host: config.host,
    port: config.port,
    db: config.db,
    username: config.username,
    password: config.password,
    ssl: config.ssl,
    keyPrefix,
    ...(config.redisType === "redis_sentinel"
      ? {
          sentinels: config.nodes,
          sentinelMaster: config.sentinelMaster ?? "mymaster",
          sentinelPassword: config.sentinelPassword,
        }
      : {}),
  });
}
