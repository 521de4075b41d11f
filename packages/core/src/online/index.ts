export { createOnlineStore, type CreateOnlineStoreOverrides } from "./create-online-store";
export { serializeEntityKey } from "./entity-key";
export { RedisClusterOnlineStore, type RedisClusterOnlineStoreOptions } from "./redis-cluster-online-store";
export { isTransientRedisError } from "./redis-common";
export { RedisOnlineStore, type RedisOnlineStoreOptions } from "./redis-online-store";
export { CachedOnlineStore, type OnlineCacheOptions } from "./cached-online-store";
export { SqliteOnlineStore } from "./sqlite-online-store";
export type { OnlineReadRequest, OnlineStore, OnlineValue, OnlineWriteBatch } from "./types";
export { createViewValueCodec, type ViewValueCodec } from "./value-codec";
