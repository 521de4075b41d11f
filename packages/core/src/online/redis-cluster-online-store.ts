/**
 * Redis online store on a Redis Cluster (redis_type: redis_cluster). Entity keys are hash tags
 * (redis-common.ts), so entities spread over every master while one entity's views share a slot.
 *
 * - A read groups its HMGETs by the master that owns each key's slot and sends one pipeline per
 *   master, all at once: a request costs one round trip to each master it touches, in parallel.
 * - A write groups rows by slot (the Lua script's keys must share one), chunks each slot's rows,
 *   and sends one pipeline of script calls per master, all at once.
 * - Teardown scans every master (SCAN sees one node's keys only) and deletes per key.
 * - No change feed (online_store.cache is refused on a cluster): PUBLISH reaches the other nodes
 *   over the cluster bus after the writer's reply, so a cache subscribed elsewhere could serve a
 *   value a moment after a write returned.
 * - A master that is down fails only the requests touching its slots, with UNAVAILABLE (503,
 *   retry); once the cluster has promoted its replica, the slot map is refreshed (every second and
 *   on the first failure) and those requests succeed again without a restart.
 */
import calculateSlot from "cluster-key-slot";
import type { Cluster, ClusterOptions, Redis } from "ioredis";
import { lazyRequire } from "../lazy-require";

const ioredis = lazyRequire<typeof import("ioredis")>("ioredis", import.meta.url);
import { PantryError } from "../errors";
import {
  classifyRedisError,
  decodeHashRead,
  emptyResults,
  groupReads,
  type HashRead,
  isTransientRedisError,
  type RedisKeyLayout,
  redisKeyLayout,
  redisUnavailable,
  SCAN_COUNT,
  WRITE_CHUNK,
  type WriteRow,
  writeRows,
  writeRowsArgs,
} from "./redis-common";
import { BUMP_NEWEST_LUA, WRITE_ROWS_LUA } from "./redis-scripts";
import type { OnlineReadRequest, OnlineStore, OnlineValue, OnlineWriteBatch } from "./types";

export interface RedisClusterOnlineStoreOptions {
  /** Startup nodes: any masters or replicas of the cluster; the rest is discovered. */
  nodes: { host: string; port: number }[];
  username?: string | null;
  password?: string | null;
  ssl?: boolean;
  keyPrefix?: string;
  /** How long a command waits for the cluster to be connected before answering UNAVAILABLE. */
  connectWaitMs?: number;
  /** How often the slot map is re-read (a failover is picked up within this). Default 1000 ms. */
  slotsRefreshIntervalMs?: number;
}

type Pipeline = ReturnType<Cluster["pipeline"]>;

interface ScriptedPipeline {
  pantryWriteRows(numKeys: number, ...args: (string | number)[]): unknown;
}

interface ScriptedCluster extends Cluster {
  pantryBumpNewest(key: string, view: string, ts: number): Promise<number>;
}

/** Total slots of a Redis Cluster. */
const SLOTS = 16_384;

export class RedisClusterOnlineStore implements OnlineStore {
  readonly acceptsEncodedValues = true;
  private readonly client: ScriptedCluster;
  private readonly layout: RedisKeyLayout;
  private readonly connectWaitMs: number;
  private readonly what: string;
  private readonly refreshTimer: ReturnType<typeof setInterval>;
  private lastError = "";
  private closed = false;

  constructor(options: RedisClusterOnlineStoreOptions) {
    if (options.nodes.length === 0) {
      throw new PantryError("INVALID_ARGUMENT", "a Redis Cluster online store needs at least one node address");
    }
    this.layout = redisKeyLayout(options.keyPrefix ?? "", true);
    this.connectWaitMs = options.connectWaitMs ?? 2000;
    const listed = options.nodes.map((n) => `${n.host}:${n.port}`);
    this.what = `Redis Cluster online store at ${listed.slice(0, 3).join(",")}${listed.length > 3 ? ",..." : ""}`;
    const clusterOptions: ClusterOptions = {
      // Fail at once while the cluster is not connected, as the single-node store does.
      enableOfflineQueue: false,
      enableReadyCheck: true,
      // Reconnect forever: the server must recover by itself when the cluster is back.
      clusterRetryStrategy: (times) => Math.min(100 * times, 1000),
      // A failover in progress: a few short retries, then UNAVAILABLE rather than a hanging request.
      maxRedirections: 3,
      retryDelayOnFailover: 50,
      retryDelayOnClusterDown: 100,
      retryDelayOnTryAgain: 100,
      slotsRefreshTimeout: 1000,
      // Refreshed by our own unref'd timer instead (below): ioredis re-arms its refresh timer when
      // a refresh was in flight at quit(), which kept a finished CLI process alive forever.
      slotsRefreshInterval: 0,
      scaleReads: "master",
      redisOptions: {
        username: options.username ?? undefined,
        password: options.password ?? undefined,
        tls: options.ssl ? {} : undefined,
        connectTimeout: 1000,
        maxRetriesPerRequest: 1,
        // A node that stops answering without closing its socket must not hang a request.
        commandTimeout: 2000,
      },
    };
    this.client = new (ioredis().Cluster)(options.nodes, clusterOptions) as ScriptedCluster;
    this.client.on("error", (error: Error) => {
      this.lastError = error.message;
    });
    this.client.on("node error", (error: Error, node: string) => {
      this.lastError = `${node}: ${error.message}`;
    });
    this.client.defineCommand("pantryWriteRows", { lua: WRITE_ROWS_LUA });
    this.client.defineCommand("pantryBumpNewest", { lua: BUMP_NEWEST_LUA, numberOfKeys: 1 });
    this.refreshTimer = setInterval(() => {
      if (this.client.status === "ready") this.refreshSlots();
    }, options.slotsRefreshIntervalMs ?? 1000);
    this.refreshTimer.unref();
  }

  async write(batch: OnlineWriteBatch): Promise<number> {
    if (batch.entityKeys.length === 0) return 0;
    const { rows, newest } = writeRows(batch, this.layout);
    await this.ready();
    const bySlot = new Map<number, WriteRow[]>();
    for (const row of rows) {
      const slot = calculateSlot(row.key);
      const group = bySlot.get(slot);
      if (group) group.push(row);
      else bySlot.set(slot, [row]);
    }
    const byNode = new Map<string, Pipeline>();
    for (const [slot, slotRows] of bySlot) {
      const node = this.masterOf(slot);
      let pipeline = byNode.get(node);
      if (!pipeline) {
        pipeline = this.client.pipeline();
        byNode.set(node, pipeline);
      }
      for (let start = 0; start < slotRows.length; start += WRITE_CHUNK) {
        const [numKeys, ...args] = writeRowsArgs(batch.view.name, slotRows.slice(start, start + WRITE_CHUNK));
        (pipeline as unknown as ScriptedPipeline).pantryWriteRows(numKeys as number, ...args);
      }
    }
    const replies = await Promise.all([...byNode].map(([node, pipeline]) => this.exec(pipeline, node)));
    // After the rows: a reader that sees the new newest time finds the rows too.
    await this.guard(this.client.pantryBumpNewest(this.layout.metaKey(batch.project), batch.view.name, newest));
    let written = 0;
    for (const nodeReplies of replies) for (const reply of nodeReplies) written += Number(reply);
    return written;
  }

  async read(requests: OnlineReadRequest[]): Promise<(OnlineValue | null)[][]> {
    const results = emptyResults(requests);
    const hashes = groupReads(requests, this.layout);
    if (hashes.size === 0) return results;
    await this.ready();
    const byNode = new Map<string, { node: string; pipeline: Pipeline; entries: HashRead[] }>();
    for (const [key, entry] of hashes) {
      const node = this.masterOf(calculateSlot(key));
      let group = byNode.get(node);
      if (!group) {
        group = { node, pipeline: this.client.pipeline(), entries: [] };
        byNode.set(node, group);
      }
      group.pipeline.hmget(key, ...entry.fields);
      group.entries.push(entry);
    }
    const groups = [...byNode.values()];
    const replies = await Promise.all(groups.map((group) => this.exec(group.pipeline, group.node)));
    for (let g = 0; g < groups.length; g++) {
      const group = groups[g] as (typeof groups)[number];
      const nodeReplies = replies[g] as unknown[];
      for (let h = 0; h < group.entries.length; h++) {
        decodeHashRead(requests, results, group.entries[h] as HashRead, nodeReplies[h] as (string | null)[]);
      }
    }
    return results;
  }

  async deleteView(project: string, viewName: string): Promise<void> {
    await this.ready();
    await this.scanEveryMaster(this.layout.entityPattern(project), async (keys) => {
      const pipeline = this.client.pipeline();
      for (const key of keys) pipeline.hdel(key, viewName, `_ts:${viewName}`);
      await this.exec(pipeline);
    });
    await this.guard(this.client.hdel(this.layout.metaKey(project), viewName));
  }

  async deleteProject(project: string): Promise<void> {
    await this.ready();
    // UNLINK of several keys needs them in one slot; keys found on one master share its node, so
    // one pipeline of single-key UNLINKs per batch of scanned keys.
    await this.scanEveryMaster(this.layout.projectPattern(project), async (keys) => {
      const pipeline = this.client.pipeline();
      for (const key of keys) pipeline.unlink(key);
      await this.exec(pipeline);
    });
  }

  async newestEventTimestamp(project: string, viewName: string): Promise<Date | null> {
    await this.ready();
    const ts = await this.guard(this.client.hget(this.layout.metaKey(project), viewName));
    return ts === null ? null : new Date(Number(ts));
  }

  /**
   * Resolves when at least one master answers. A master that is down fails only the requests
   * for its keys; failing the health check of every server for it would take all of them out
   * of a load balancer, the keys on the healthy masters included.
   */
  async ping(): Promise<void> {
    await this.ready();
    const masters = this.client.nodes("master");
    if (masters.length === 0) throw this.unavailable("no master is connected");
    const answers = await Promise.allSettled(masters.map((node) => node.ping()));
    const failed = answers.find((a): a is PromiseRejectedResult => a.status === "rejected");
    if (answers.every((a) => a.status === "rejected")) throw this.classify(failed?.reason);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.refreshTimer);
    try {
      await this.client.quit();
    } catch {
      this.client.disconnect();
    }
  }

  /** The master serving a slot now, as "host:port"; UNAVAILABLE if none does (a failover underway). */
  private masterOf(slot: number): string {
    const node = this.client.slots[slot]?.[0];
    if (node === undefined) {
      this.refreshSlots();
      throw this.unavailable(`no master serves hash slot ${slot} (a failover is under way)`);
    }
    return node;
  }

  /**
   * SCAN every master of the slot map (SCAN walks one node's keys). Refuses to run with a slot
   * unserved: a teardown that skipped a master would leave that master's keys behind unnoticed.
   */
  private async scanEveryMaster(pattern: string, onKeys: (keys: string[]) => Promise<void>): Promise<void> {
    const masters = new Set<string>();
    for (let slot = 0; slot < SLOTS; slot++) masters.add(this.masterOf(slot));
    const connected = new Map<string, Redis>();
    for (const node of this.client.nodes("master")) connected.set(`${node.options.host}:${node.options.port}`, node);
    for (const address of masters) {
      const node = connected.get(address);
      if (!node) throw this.unavailable(`master ${address} is not connected`);
      let cursor = "0";
      do {
        const [next, keys] = await this.guard(node.scan(cursor, "MATCH", pattern, "COUNT", SCAN_COUNT));
        if (keys.length > 0) await onKeys(keys);
        cursor = next;
      } while (cursor !== "0");
    }
  }

  private refreshSlots(): void {
    if (this.closed) return;
    this.client.refreshSlotsCache(() => undefined);
  }

  private async ready(): Promise<void> {
    const status = this.client.status;
    if (status === "ready") return;
    if (this.closed || status === "end") throw this.unavailable("the store was closed");
    if (status === "reconnecting" || status === "close") {
      throw this.unavailable(this.lastError || "reconnecting to the cluster");
    }
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.client.off("ready", onReady);
        reject(this.unavailable(this.lastError || `not connected to the cluster (${this.client.status})`));
      }, this.connectWaitMs);
      const onReady = () => {
        clearTimeout(timer);
        resolve();
      };
      this.client.once("ready", onReady);
    });
  }

  /** Runs one node's pipeline; a failure names that node (`node`, when known). */
  private async exec(pipeline: Pipeline, node?: string): Promise<unknown[]> {
    const on = (error: unknown) =>
      node && isTransientRedisError(errorText(error))
        ? new Error(`master ${node} (the owner of some of the keys) is not answering (${errorText(error)})`)
        : error;
    let replies: [Error | null, unknown][] | null;
    try {
      replies = await pipeline.exec();
    } catch (error) {
      throw this.classify(on(error));
    }
    if (!replies) throw this.unavailable("the pipeline was discarded");
    return replies.map(([error, value]) => {
      if (error) throw this.classify(on(error));
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
    const classified = classifyRedisError(this.what, error);
    // A node that failed may have been replaced: re-read the slot map now, not at the next tick.
    if (classified.code === "UNAVAILABLE" && isTransientRedisError(classified.message)) this.refreshSlots();
    return classified;
  }

  private unavailable(reason: string): PantryError {
    return redisUnavailable(this.what, reason);
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
