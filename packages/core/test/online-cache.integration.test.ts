/**
 * The feature server's online cache (online_store.cache) never serves a value older than the
 * last write that returned, whoever wrote it: here another process writes (and deletes a view)
 * through its own connection, and each read right after its "ok" must see the new value, on
 * SQLite (the write stamp, PRAGMA data_version) and Redis (pub/sub notices). The cache must also
 * really serve (hits counted), and OUTSIDE_MAX_AGE is decided at read time for cached rows.
 */
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { createInterface, type Interface } from "node:readline";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseRepoConfig } from "../src/config/repo-config";
import type { FeatureViewSpec, FieldSpec, RepoContents } from "../src/definitions/types";
import { CachedOnlineStore } from "../src/online/cached-online-store";
import { createOnlineStore } from "../src/online/create-online-store";
import type { OnlineStore } from "../src/online/types";
import { OnlineServing } from "../src/serving/online-serving";
import { type OnlineBackend, startOnlineBackend } from "../testing/online-backends";

const here = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(here, "../../..");
const WRITER = join(here, "online-cache-writer.ts");
const PROJECT = "p1";

const field = (name: string, dtype: FieldSpec["dtype"]): FieldSpec => ({ name, dtype, description: "", tags: {} });
const common = { description: "", owner: "", tags: {} };

function view(name: string, ttlSeconds: number): FeatureViewSpec {
  return {
    ...common,
    kind: "featureView",
    name,
    entities: ["driver"],
    schema: [field("conv_rate", "Float64"), field("trips", "Int64")],
    entityColumns: [],
    source: "src",
    ttlSeconds,
    online: true,
    offline: true,
  };
}

const stats = view("driver_stats", 0);
const fresh = view("driver_fresh", 60);

function contents(): RepoContents {
  return {
    project: { name: PROJECT, ...common },
    entities: [{ ...common, kind: "entity", name: "driver", joinKeys: ["driver_id"], valueType: "Int64" }],
    dataSources: [],
    featureViews: [stats, fresh],
    onDemandFeatureViews: [],
    featureServices: [],
  };
}

/** The other process, and a way to wait for each of its answers. */
class Writer {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly lines: Interface;
  private readonly waiting: ((line: string) => void)[] = [];
  private n = 0;

  constructor(repo: string, yaml: string) {
    this.child = spawn("node", ["--import", "tsx", WRITER, repo, JSON.stringify(yaml)], { cwd: ROOT });
    this.child.stderr.on("data", (chunk) => process.stderr.write(chunk));
    this.lines = createInterface({ input: this.child.stdout });
    this.lines.on("line", (line) => this.waiting.shift()?.(line));
  }

  async send(command: Record<string, unknown>): Promise<void> {
    const n = ++this.n;
    const answer = new Promise<string>((done) => this.waiting.push(done));
    this.child.stdin.write(`${JSON.stringify({ ...command, n })}\n`);
    expect(await answer).toBe(`ok ${n}`);
  }

  write(id: number, value: number, ts = new Date()): Promise<void> {
    return this.send({ op: "write", project: PROJECT, view: stats, id, value, ts: ts.toISOString() });
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((done) => this.child.once("exit", done));
    this.child.stdin.write(`${JSON.stringify({ op: "close" })}\n`);
    const timer = setTimeout(() => this.child.kill(), 5000);
    await exited;
    clearTimeout(timer);
  }
}

function cacheYaml(backend: OnlineBackend, prefix: string): string {
  return `${backend.yaml(prefix)}  cache: {max_entries: 1000, ttl: 5m}\n`;
}

for (const kind of ["sqlite", "redis"] as const) {
  describe(`online cache on ${kind}: writes from another process`, () => {
    let backend: OnlineBackend;
    let dir: string;
    let prefix: string;
    let raw: OnlineStore;
    let cached: CachedOnlineStore;
    let serving: OnlineServing;
    let writer: Writer;
    let clock = Date.now();

    beforeAll(async () => {
      backend = await startOnlineBackend(kind);
      dir = mkdtempSync(join(tmpdir(), "pantry-online-cache-"));
      prefix = `pantry-test-${randomUUID()}:`;
      const yaml = cacheYaml(backend, prefix);
      const config = parseRepoConfig(`project: p\n${yaml}`, join(dir, "feature_store.yaml"));
      expect(config.onlineStore.cache).toEqual({ maxEntries: 1000, ttlMs: 300_000 });
      raw = createOnlineStore(config.onlineStore);
      cached = new CachedOnlineStore(raw, config.onlineStore.cache ?? { maxEntries: 1, ttlMs: 1 });
      const repo = contents();
      serving = await OnlineServing.open({
        project: PROJECT,
        onlineStore: cached,
        registry: {
          changeStamp: async () => "1",
          getContents: async () => repo,
          viewLifecycles: async () => new Map(),
        },
        usageSink: null,
        clock: () => clock,
      });
      writer = new Writer(dir, yaml);
    });

    afterAll(async () => {
      await writer?.close();
      await serving?.close();
      await raw?.deleteProject(PROJECT).catch(() => undefined);
      await cached?.close();
      await raw?.close();
      await backend?.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    const read = async (ids: number[]) => {
      clock = Date.now();
      const response = await serving.getOnlineFeatures({
        features: ["driver_stats:conv_rate", "driver_stats:trips"],
        entities: { driver_id: ids },
      });
      return response.toDict() as { conv_rate: unknown[]; trips: unknown[] };
    };

    it("serves every value written by the other process right after its write returned", async () => {
      await writer.write(1, 0.5);
      await writer.write(2, 7);
      expect((await read([1, 2])).conv_rate).toEqual([0.5, 7]);
      for (let round = 1; round <= 40; round++) {
        // Warm: the value is now in the cache (served from it on the second read).
        const hitsBefore = cached.stats.hits;
        expect((await read([1, 2])).conv_rate).toEqual([round === 1 ? 0.5 : round - 1, 7]);
        expect(cached.stats.hits).toBeGreaterThan(hitsBefore);
        await writer.write(1, round);
        // The first read after the writer's call returned: never the cached old value.
        expect((await read([1, 2])).conv_rate).toEqual([round, 7]);
      }
    });

    it("an older write losing to a newer row changes nothing, and a deleted view reads NOT_FOUND", async () => {
      await writer.write(3, 1, new Date(Date.now() - 1000));
      expect((await read([3])).conv_rate).toEqual([1]);
      await writer.write(3, 99, new Date(Date.now() - 60_000));
      expect((await read([3])).conv_rate).toEqual([1]);
      await writer.send({ op: "deleteView", project: PROJECT, view: stats });
      const response = await serving.getOnlineFeatures({
        features: ["driver_stats:conv_rate"],
        entities: { driver_id: [3] },
      });
      expect(response.toDict().conv_rate).toEqual([null]);
      expect(response.columns[1]?.statuses).toEqual(["NOT_FOUND"]);
    });

    it("decides OUTSIDE_MAX_AGE at read time for a cached row", async () => {
      const written = Date.now();
      await raw.write({
        project: PROJECT,
        view: fresh,
        joinKeys: ["driver_id"],
        entityKeys: [[9]],
        values: { conv_rate: [0.25], trips: [3] },
        eventTimestamps: [new Date(written)],
        createdTimestamps: [null],
      });
      const ask = () =>
        serving.getOnlineFeatures({ features: ["driver_fresh:conv_rate"], entities: { driver_id: [9] } });
      clock = written + 1000;
      expect((await ask()).columns[1]?.statuses).toEqual(["PRESENT"]);
      const hits = cached.stats.hits;
      clock = written + 61_000;
      const late = await ask();
      expect(cached.stats.hits).toBe(hits + 1);
      expect(late.columns[1]?.statuses).toEqual(["OUTSIDE_MAX_AGE"]);
      // Served with its status (online_store.outside_max_age: value, the default).
      expect(late.toDict().conv_rate).toEqual([0.25]);
    });
  });
}

describe("online_store.cache config", () => {
  it("takes true, a map, or nothing, and names a bad key", () => {
    const parse = (text: string) => parseRepoConfig(`project: p\n${text}`, "/r/feature_store.yaml").onlineStore.cache;
    expect(parse("online_store: {type: sqlite}")).toBeUndefined();
    expect(parse("online_store: {type: sqlite, cache: true}")).toEqual({ maxEntries: 100_000, ttlMs: 60_000 });
    expect(parse("online_store: {type: sqlite, cache: {max_entries: 50, ttl: 2m}}")).toEqual({
      maxEntries: 50,
      ttlMs: 120_000,
    });
    expect(() => parse("online_store: {type: sqlite, cache: {size: 5}}")).toThrow(/online_store\.cache\.size/);
    expect(() => parse("online_store: {type: sqlite, cache: {max_entries: 0}}")).toThrow(
      /max_entries must be a whole number/,
    );
    expect(() => parse("online_store: {type: sqlite, cache: {ttl: 0}}")).toThrow(/ttl must be more than 0/);
    expect(() =>
      parse('online_store: {type: redis, redis_type: redis_cluster, connection_string: "127.0.0.1:7000", cache: true}'),
    ).toThrow(/online_store\.cache is not supported with redis_type: redis_cluster/);
  });
});
