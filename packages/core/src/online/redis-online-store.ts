/**
 * Redis online store on one Redis server, or on the master a Redis Sentinel group points to
 * (redis_type: redis_sentinel): the same data, the same layout (redis-common.ts). A request is one
 * pipeline of HMGETs (one round trip for all views and keys); writes go through a Lua script in
 * chunks, pipelined. The client never queues commands while disconnected: a down Redis answers
 * UNAVAILABLE at once, and the client keeps reconnecting in the background (through Sentinel, to
 * whichever server is the master by then).
 */
import type { Redis, RedisOptions } from "ioredis";
import { lazyRequire } from "../lazy-require";

const ioredis = lazyRequire<typeof import("ioredis")>("ioredis", import.meta.url);
import type { PantryError } from "../errors";
import {
  classifyRedisError,
  decodeHashRead,
  emptyResults,
  groupReads,
  type RedisKeyLayout,
  redisKeyLayout,
  redisUnavailable,
  SCAN_COUNT,
  WRITE_CHUNK,
  writeRows,
  writeRowsArgs,
} from "./redis-common";
import { changeNotice, changesChannel, RedisChangeFeed, type Subscriber } from "./redis-change-feed";
import { BUMP_NEWEST_LUA, WRITE_ROWS_LUA } from "./redis-scripts";
import type { OnlineChangeFeed, OnlineReadRequest, OnlineStore, OnlineValue, OnlineWriteBatch } from "./types";

export interface RedisOnlineStoreOptions {
  /** The server (plain Redis); ignored when `sentinels` are given. */
  host: string;
  port: number;
  db?: number;
  username?: string | null;
  password?: string | null;
  ssl?: boolean;
  /** Prepended to every key (tests use a unique prefix each). */
  keyPrefix?: string;
  /** How long a command waits for a (re)connection before answering UNAVAILABLE. */
  connectWaitMs?: number;
  /** Redis Sentinel: the sentinels to ask for the master named `sentinelMaster`. */
  sentinels?: { host: string; port: number }[];
  sentinelMaster?: string;
  sentinelPassword?: string | null;
}

interface ScriptedRedis extends Redis {
  pantryWriteRows(numKeys: number, ...args: (string | number)[]): Promise<number>;
  pantryBumpNewest(key: string, view: string, ts: number): Promise<number>;
}

export class RedisOnlineStore implements OnlineStore {
  readonly acceptsEncodedValues = true;
  private readonly client: ScriptedRedis;
  private readonly layout: RedisKeyLayout;
  private readonly connectWaitMs: number;
  /** "Redis online store at host:port" or "... at Sentinel master 'x' (sentinels h:p,...)", for messages. */
  private readonly what: string;
  private lastError = "";
  private closed = false;
  private readonly channel: string;
  private feed: RedisChangeFeed | null = null;

  constructor(options: RedisOnlineStoreOptions) {
    this.layout = redisKeyLayout(options.keyPrefix ?? "", false);
    this.channel = changesChannel(options.keyPrefix ?? "");
    this.connectWaitMs = options.connectWaitMs ?? 1000;
    const sentinels = options.sentinels && options.sentinels.length > 0 ? options.sentinels : null;
    this.what = sentinels
      ? `Redis online store at Sentinel master '${options.sentinelMaster ?? "mymaster"}' (sentinels ${sentinels.map((s) => `${s.host}:${s.port}`).join(",")})`
      : `Redis online store at ${options.host}:${options.port}`;
    const common: RedisOptions = {
      db: options.db ?? 0,
      username: options.username ?? undefined,
      password: options.password ?? undefined,
      tls: options.ssl ? {} : undefined,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 2000,
      // Reconnect forever, quickly at first: the server must recover by itself when Redis is back.
      retryStrategy: (times) => Math.min(50 * times, 1000),
      lazyConnect: false,
    };
    const redisOptions: RedisOptions = sentinels
      ? {
          ...common,
          sentinels,
          name: options.sentinelMaster ?? "mymaster",
          sentinelPassword: options.sentinelPassword ?? undefined,
          sentinelTLS: options.ssl ? {} : undefined,
          enableTLSForSentinelMode: options.ssl ?? false,
          // Keep asking the sentinels while none answers, as for a down server.
          sentinelRetryStrategy: (times) => Math.min(50 * times, 1000),
          sentinelMaxConnections: 10,
          // Subscribes to +switch-master: a failover reconnects at once instead of at the next error.
          failoverDetector: true,
        }
      : { ...common, host: options.host, port: options.port };
    this.client = new (ioredis().Redis)(redisOptions) as ScriptedRedis;
    this.client.on("error", (error: Error) => {
      this.lastError = error.message;
    });
    this.client.defineCommand("pantryWriteRows", { lua: WRITE_ROWS_LUA });
    this.client.defineCommand("pantryBumpNewest", { lua: BUMP_NEWEST_LUA, numberOfKeys: 1 });
  }

  async write(batch: OnlineWriteBatch): Promise<number> {
    if (batch.entityKeys.length === 0) return 0;
    const { rows, newest } = writeRows(batch, this.layout);
    await this.ready();
    const pipeline = this.client.pipeline() as unknown as ScriptedRedis;
    for (let start = 0; start < rows.length; start += WRITE_CHUNK) {
      const [numKeys, ...args] = writeRowsArgs(batch.view.name, rows.slice(start, start + WRITE_CHUNK));
      pipeline.pantryWriteRows(numKeys as number, ...args);
    }
    pipeline.pantryBumpNewest(this.layout.metaKey(batch.project), batch.view.name, newest);
    const notice = changeNotice(batch.project, batch.view.name);
    (pipeline as unknown as Redis).publish(this.channel, notice);
    let replies: unknown[];
    try {
      replies = await this.exec(pipeline as unknown as ReturnType<Redis["pipeline"]>);
    } finally {
      this.feed?.notice(notice);
    }
    let written = 0;
    for (let i = 0; i < replies.length - 2; i++) written += Number(replies[i]);
    return written;
  }

  /** Change notices for a cache: a subscriber connection of its own, opened on first call. */
  changes(): OnlineChangeFeed {
    if (!this.feed) {
      const subscriber = this.client.duplicate({ enableOfflineQueue: true, lazyConnect: false });
      subscriber.on("error", () => undefined);
      this.feed = new RedisChangeFeed(subscriber as unknown as Subscriber, this.channel);
    }
    return this.feed;
  }

  /** After a delete (done or not): the notice for other processes, and this process's versions. */
  private async published(project: string, view: string | null): Promise<void> {
    const notice = changeNotice(project, view);
    this.feed?.notice(notice);
    await this.guard(this.client.publish(this.channel, notice));
  }

  async read(requests: OnlineReadRequest[]): Promise<(OnlineValue | null)[][]> {
    const results = emptyResults(requests);
    const hashes = groupReads(requests, this.layout);
    if (hashes.size === 0) return results;
    await this.ready();
    const pipeline = this.client.pipeline();
    for (const [key, entry] of hashes) pipeline.hmget(key, ...entry.fields);
    const replies = await this.exec(pipeline);
    let h = 0;
    for (const entry of hashes.values()) decodeHashRead(requests, results, entry, replies[h++] as (string | null)[]);
    return results;
  }

  async deleteView(project: string, viewName: string): Promise<void> {
    await this.ready();
    await this.scanKeys(this.layout.entityPattern(project), async (keys) => {
      const pipeline = this.client.pipeline();
      for (const key of keys) pipeline.hdel(key, viewName, `_ts:${viewName}`);
      await this.exec(pipeline);
    }).finally(() => this.published(project, viewName));
    await this.guard(this.client.hdel(this.layout.metaKey(project), viewName));
  }

  async deleteProject(project: string): Promise<void> {
    await this.ready();
    await this.scanKeys(this.layout.projectPattern(project), async (keys) => {
      await this.guard(this.client.unlink(...keys));
    }).finally(() => this.published(project, null));
  }

  async newestEventTimestamp(project: string, viewName: string): Promise<Date | null> {
    await this.ready();
    const ts = await this.guard(this.client.hget(this.layout.metaKey(project), viewName));
    return ts === null ? null : new Date(Number(ts));
  }

  async ping(): Promise<void> {
    await this.ready();
    await this.guard(this.client.ping());
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.feed?.close();
    try {
      await this.client.quit();
    } catch {
      this.client.disconnect();
    }
  }

  private async scanKeys(pattern: string, onKeys: (keys: string[]) => Promise<void>): Promise<void> {
    let cursor = "0";
    do {
      const [next, keys] = await this.guard(this.client.scan(cursor, "MATCH", pattern, "COUNT", SCAN_COUNT));
      if (keys.length > 0) await onKeys(keys);
      cursor = next;
    } while (cursor !== "0");
  }

  /**
   * Waits briefly while a connection is being made (start-up, a reconnect in progress); while
   * Redis is known to be down (between retries) fails at once, so an outage costs no latency.
   */
  private async ready(): Promise<void> {
    const status = this.client.status;
    if (status === "ready") return;
    if (this.closed || status === "end") throw this.unavailable("the store was closed");
    if (status === "reconnecting") throw this.unavailable(this.lastError || "reconnecting");
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.client.off("ready", onReady);
        reject(this.unavailable(this.lastError || `not connected (${this.client.status})`));
      }, this.connectWaitMs);
      const onReady = () => {
        clearTimeout(timer);
        resolve();
      };
      this.client.once("ready", onReady);
    });
  }

  private async exec(pipeline: ReturnType<Redis["pipeline"]>): Promise<unknown[]> {
    const replies = await this.guard(pipeline.exec());
    if (!replies) throw this.unavailable("the pipeline was discarded");
    return replies.map(([error, value]) => {
      if (error) throw this.classify(error);
      return value;
    });
  }

  private async guard<T>(promise: Promise<T>): Promise<T> {
    try {
      return await promise;
    } catch (error) {
      throw this.classify(error);
    }
  }

  private classify(error: unknown): PantryError {
    return classifyRedisError(this.what, error);
  }

  private unavailable(reason: string): PantryError {
    return redisUnavailable(this.what, reason);
  }
}
