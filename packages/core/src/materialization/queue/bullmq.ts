/**
 * The queue engine's BullMQ side: the Redis connection (from batch_engine or the online store's
 * config), the queue's name per project, the partition task and its outcome, the stop flag.
 * BullMQ loads on first use (lazyRequire), so a local-engine run never loads it.
 */
import type { ConnectionOptions, Queue } from "bullmq";
import type { QueueBatchEngineConfig, RedisOnlineStoreConfig } from "../../config/repo-config";
import type { DataSourceSpec, EntitySpec, FeatureViewSpec } from "../../definitions/types";
import { isPantryError, PantryError, type PantryErrorCode } from "../../errors";
import { lazyRequire } from "../../lazy-require";
import type { ViewJoinKey } from "../../online/join-keys";

export const bullmq = lazyRequire<typeof import("bullmq")>("bullmq", import.meta.url);
const ioredis = lazyRequire<typeof import("ioredis")>("ioredis", import.meta.url);

/** BullMQ job name of a partition. */
export const PARTITION_JOB = "materialize-partition";

/** One partition of one view of one materialization job: what a worker needs, and nothing else. */
export interface PartitionTask {
  version: 1;
  jobId: string;
  project: string;
  view: FeatureViewSpec;
  source: DataSourceSpec;
  entities: EntitySpec[];
  joinKeys: ViewJoinKey[];
  /** ISO, inclusive; null = the whole source. */
  start: string | null;
  end: string;
  partition: number;
  partitions: number;
  batchSize: number;
}

/** A partition's progress (job.progress while it runs) and its result (job.returnvalue). */
export interface PartitionProgress {
  rowsRead: number;
  rowsWritten: number;
  newestEventTs: string | null;
}

/** The project's queue: `<queue_name>-<project>`, braced on a cluster so all its keys share one slot. */
export function queueNameFor(engine: QueueBatchEngineConfig, project: string): string {
  const name = `${engine.queueName}-${project}`;
  return engine.redis.redisType === "redis_cluster" ? `{${name}}` : name;
}

/** BullMQ job id of a partition (no ':' allowed). */
export function partitionJobId(jobId: string, viewIndex: number, partition: number): string {
  return `${jobId}-v${viewIndex}-p${partition}`;
}

/** Where the queue lives, for messages (no password). */
export function describeQueue(engine: QueueBatchEngineConfig, project: string): string {
  const redis = engine.redis;
  const where =
    redis.redisType === "redis_sentinel"
      ? `Sentinel master '${redis.sentinelMaster ?? "mymaster"}'`
      : redis.nodes.map((n) => `${n.host}:${n.port}`).join(",");
  return `queue '${queueNameFor(engine, project)}' on Redis ${where}`;
}

/**
 * A fresh connection option set (BullMQ duplicates it for its blocking connections). Workers wait
 * for Redis as long as it takes; the process that starts a run (`forRun`) gets an error after a
 * few reconnection attempts instead of hanging on a command.
 */
export function connectionFor(redis: RedisOnlineStoreConfig, options: { forRun?: boolean } = {}): ConnectionOptions {
  const common = {
    username: redis.username ?? undefined,
    password: redis.password ?? undefined,
    tls: redis.ssl ? {} : undefined,
    // BullMQ's workers block on Redis; they must wait for a reconnection, not give up.
    maxRetriesPerRequest: options.forRun ? 3 : null,
    connectTimeout: 2000,
    retryStrategy: (times: number) => Math.min(100 * times, 2000),
  };
  if (redis.redisType === "redis_cluster") {
    return new (ioredis().Cluster)(redis.nodes, {
      redisOptions: common,
      clusterRetryStrategy: (times: number) => Math.min(100 * times, 2000),
      scaleReads: "master",
    }) as unknown as ConnectionOptions;
  }
  if (redis.redisType === "redis_sentinel") {
    return {
      ...common,
      sentinels: redis.nodes,
      name: redis.sentinelMaster ?? "mymaster",
      sentinelPassword: redis.sentinelPassword ?? undefined,
      db: redis.db,
    };
  }
  return { ...common, host: redis.host, port: redis.port, db: redis.db };
}

export function openQueue(engine: QueueBatchEngineConfig, project: string): Queue<PartitionTask, PartitionProgress> {
  const { Queue } = bullmq();
  return new Queue<PartitionTask, PartitionProgress>(queueNameFor(engine, project), {
    connection: connectionFor(engine.redis, { forRun: true }),
    prefix: engine.keyPrefix,
  });
}

/** Key of a job's stop flag: set (to "cancelled" or "failed") when its partitions must stop. */
export function stopKey(engine: QueueBatchEngineConfig, project: string, jobId: string): string {
  return `${engine.keyPrefix}:${queueNameFor(engine, project)}:pantry-stop:${jobId}`;
}

/**
 * A partition's failure as BullMQ keeps it (a string): "[CODE] message", so the job that started
 * the run fails with the worker's own code and message.
 */
export function encodeFailure(error: unknown): string {
  if (isPantryError(error)) return `[${error.code}] ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}

export function decodeFailure(reason: string): { code: PantryErrorCode | null; message: string } {
  const match = /^\[([A-Z_]+)\] ([\s\S]*)$/.exec(reason);
  return match ? { code: match[1] as PantryErrorCode, message: match[2] as string } : { code: null, message: reason };
}

/** A Redis failure of the queue, as a PantryError naming the queue. */
export function queueUnavailable(engine: QueueBatchEngineConfig, project: string, error: unknown): PantryError {
  if (isPantryError(error)) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return new PantryError(
    "UNAVAILABLE",
    `the materialization ${describeQueue(engine, project)} cannot be reached: ${reason}; check that Redis is running and batch_engine / online_store.connection_string point to it`,
  );
}
