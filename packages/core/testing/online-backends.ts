/**
 * The online stores the suites run on, each from its feature_store.yaml text (so the config path
 * is tested too): SQLite, the local Redis (127.0.0.1:6379), and a Redis Cluster and a Sentinel
 * group started for the test file (redis-topologies.ts). Keys get a unique prefix per use.
 */
import { join } from "node:path";
import { parseRepoConfig } from "../src/config/repo-config";
import { createOnlineStore } from "../src/online/create-online-store";
import type { OnlineStore } from "../src/online/types";
import {
  type RedisClusterHandle,
  type RedisSentinelHandle,
  startRedisCluster,
  startRedisSentinel,
} from "./redis-topologies";

export type OnlineKind = "sqlite" | "redis" | "redis_cluster" | "redis_sentinel";

export const ONLINE_KINDS: readonly OnlineKind[] = ["sqlite", "redis", "redis_cluster", "redis_sentinel"];

export interface OnlineBackend {
  kind: OnlineKind;
  /** The `online_store:` block of a feature_store.yaml (sqlite: relative to the repo). */
  yaml(keyPrefix: string): string;
  /** A store as a repo at `repoDir` with that yaml would open it. */
  open(keyPrefix: string, repoDir: string): OnlineStore;
  cluster?: RedisClusterHandle;
  sentinel?: RedisSentinelHandle;
  stop(): Promise<void>;
}

export async function startOnlineBackend(kind: OnlineKind): Promise<OnlineBackend> {
  let yaml: (prefix: string) => string;
  let cluster: RedisClusterHandle | undefined;
  let sentinel: RedisSentinelHandle | undefined;
  switch (kind) {
    case "sqlite":
      yaml = () => "online_store:\n  type: sqlite\n  path: data/online_store.db\n";
      break;
    case "redis":
      yaml = (prefix) =>
        `online_store:\n  type: redis\n  connection_string: "127.0.0.1:6379"\n  key_prefix: "${prefix}"\n`;
      break;
    case "redis_cluster": {
      const handle = await startRedisCluster();
      cluster = handle;
      yaml = (prefix) =>
        `online_store:\n  type: redis\n  redis_type: redis_cluster\n  connection_string: "${handle.connectionString}"\n  key_prefix: "${prefix}"\n`;
      break;
    }
    case "redis_sentinel": {
      const handle = await startRedisSentinel();
      sentinel = handle;
      yaml = (prefix) =>
        `online_store:\n  type: redis\n  redis_type: redis_sentinel\n  sentinel_master: ${handle.masterName}\n  connection_string: "${handle.connectionString}"\n  key_prefix: "${prefix}"\n`;
      break;
    }
  }
  return {
    kind,
    yaml,
    open: (prefix, repoDir) =>
      createOnlineStore(
        parseRepoConfig(`project: p\n${yaml(prefix)}`, join(repoDir, "feature_store.yaml")).onlineStore,
      ),
    cluster,
    sentinel,
    stop: async () => {
      await cluster?.stop();
      await sentinel?.stop();
    },
  };
}
