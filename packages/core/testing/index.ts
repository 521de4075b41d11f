/**
 * @pantry/core/testing: helpers for tests and benchmarks, outside src so nothing in production
 * imports them. An in-memory materialization registry, a fake serving registry with its repo
 * contents, a throwaway online-path feature repo, and the registries a test runs against.
 */
export { InMemoryMaterializationRegistry } from "./memory-registry";
export {
  appliedMaterializationContext,
  createOnlineTestRepo,
  DEFINITIONS,
  type OnlineTestRepo,
} from "./online-test-repo";
export { ONLINE_KINDS, type OnlineBackend, type OnlineKind, startOnlineBackend } from "./online-backends";
export {
  freeLoopbackPort,
  type RedisClusterHandle,
  type RedisProcess,
  type RedisSentinelHandle,
  requireRedisBinaries,
  startRedisCluster,
  startRedisSentinel,
} from "./redis-topologies";
export { assertLocal, createTestDatabase, REGISTRY_PROVIDERS } from "./postgres";
export { FakeServingRegistry, field, servingContents } from "./serving-fixtures";
export { type ServableParts, servableFromParts } from "./servable";
export { sharedFixturePresent } from "./shared-fixtures";
export { type PostgresServerHandle, postgresBinariesPresent, startPostgresServer } from "./postgres-server";
