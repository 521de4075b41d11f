/**
 * Real Redis topologies for integration tests and benchmarks, as plain processes on free loopback
 * ports in a temp folder: a Redis Cluster (3 masters, one replica each, built with Debian's
 * `redis-server --cluster-enabled yes` and `redis-cli --cluster create`) and a Sentinel group (a
 * master, a replica and sentinels, `redis-server --sentinel`). `stop()` kills every process and
 * removes the folder. A missing redis-server is an error, never a skip: CI must run these.
 */
import { type ChildProcess, execFileSync, spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface RedisProcess {
  port: number;
  child: ChildProcess;
  /** SIGKILL, as a crash would: no goodbye to the cluster or the sentinels. */
  kill(): Promise<void>;
}

export interface RedisClusterHandle {
  /** "127.0.0.1:p1,127.0.0.1:p2,..." over the masters (a connection_string). */
  connectionString: string;
  masters: RedisProcess[];
  replicas: RedisProcess[];
  /** The process that serves a port now. */
  byPort(port: number): RedisProcess | undefined;
  /** The port of the master serving `key`'s slot now, asked of a live node (`via`). */
  masterPortOf(key: string, via?: number): number;
  /** `redis-cli -p port ...` on one node, its output as text. */
  cli(port: number, ...args: string[]): string;
  stop(): Promise<void>;
}

export interface RedisSentinelHandle {
  /** "127.0.0.1:s1,127.0.0.1:s2" over the sentinels (a connection_string). */
  connectionString: string;
  masterName: string;
  master: RedisProcess;
  replica: RedisProcess;
  sentinels: RedisProcess[];
  cli(port: number, ...args: string[]): string;
  stop(): Promise<void>;
}

export function requireRedisBinaries(): void {
  for (const binary of ["redis-server", "redis-cli"]) {
    const found = spawnSync(binary, ["--version"], { stdio: "ignore" });
    if (found.error || found.status !== 0) {
      throw new Error(
        `${binary} is not installed; the Redis Cluster and Sentinel tests need it (apt-get install -y redis-server redis-tools)`,
      );
    }
  }
}

export async function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * A cluster bus port is the data port + 10000 and both must be free. Data ports 20000-22767 keep
 * both below Linux's ephemeral range (32768+), where an outgoing connection could take one between
 * the check and redis-server's bind.
 */
async function freeClusterPort(taken: Set<number>): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 2_768);
    if (taken.has(port) || taken.has(port + 10_000)) continue;
    if ((await isFree(port)) && (await isFree(port + 10_000))) {
      taken.add(port);
      taken.add(port + 10_000);
      return port;
    }
  }
  throw new Error("no free loopback port pair for a Redis Cluster node");
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}

/** A test process that dies without its afterAll must not leave Redis processes behind. */
const running = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

function startProcess(args: string[], port: number, ready: RegExp, cwd: string): Promise<RedisProcess> {
  const child = spawn("redis-server", args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
  running.add(child);
  child.once("exit", () => running.delete(child));
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`redis-server on port ${port} did not start within 10 s:\n${output}`));
    }, 10_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (ready.test(output)) {
        clearTimeout(timer);
        child.stdout?.off("data", onData);
        child.stdout?.resume();
        child.stderr?.resume();
        resolve({ port, child, kill: () => killProcess(child) });
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server on port ${port} exited with ${code}:\n${output}`));
    });
  });
}

function killProcess(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGKILL");
  });
}

function cli(port: number, ...args: string[]): string {
  return execFileSync("redis-cli", ["-h", "127.0.0.1", "-p", String(port), ...args], { encoding: "utf8" });
}

const COMMON = ["--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "no"];

/**
 * 3 masters + 3 replicas. Node timeout 1 s so a killed master's replica is promoted within a few
 * seconds; `cluster-require-full-coverage no` so the other masters keep serving meanwhile (the
 * setting docs/PRODUCTION.md asks for).
 */
export async function startRedisCluster(
  options: { masters?: number; nodeTimeoutMs?: number } = {},
): Promise<RedisClusterHandle> {
  requireRedisBinaries();
  const count = options.masters ?? 3;
  const dir = mkdtempSync(join(tmpdir(), "pantry-redis-cluster-"));
  const processes: RedisProcess[] = [];
  const stop = async () => {
    await Promise.all(processes.map((p) => p.kill()));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const taken = new Set<number>();
    const ports: number[] = [];
    for (let i = 0; i < count * 2; i++) ports.push(await freeClusterPort(taken));
    const started = await Promise.all(
      ports.map((port) => {
        const nodeDir = join(dir, String(port));
        mkdirSync(nodeDir);
        return startProcess(
          [
            "--port",
            String(port),
            ...COMMON,
            "--cluster-enabled",
            "yes",
            "--cluster-config-file",
            join(nodeDir, "nodes.conf"),
            "--cluster-node-timeout",
            String(options.nodeTimeoutMs ?? 1000),
            "--cluster-require-full-coverage",
            "no",
            "--dir",
            nodeDir,
          ],
          port,
          /Ready to accept connections/,
          nodeDir,
        );
      }),
    );
    processes.push(...started);
    execFileSync(
      "redis-cli",
      ["--cluster", "create", ...ports.map((p) => `127.0.0.1:${p}`), "--cluster-replicas", "1", "--cluster-yes"],
      { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
    );
    // Ready when every node sees the whole cluster as ok and every replica has finished its sync.
    await until(
      () =>
        ports.every((p) => /cluster_state:ok/.test(cli(p, "cluster", "info"))) &&
        ports.every((p) => !/role:slave[\s\S]*master_link_status:down/.test(cli(p, "info", "replication"))),
      20_000,
      "the Redis Cluster did not become ok",
    );
    const byPort = (port: number) => processes.find((p) => p.port === port);
    const roles = ports.map((p) => ({ port: p, master: /role:master/.test(cli(p, "info", "replication")) }));
    const masters = roles.filter((r) => r.master).map((r) => byPort(r.port) as RedisProcess);
    const replicas = roles.filter((r) => !r.master).map((r) => byPort(r.port) as RedisProcess);
    const masterPortOf = (key: string, via = (masters[0] as RedisProcess).port) => {
      const slot = Number(cli(via, "cluster", "keyslot", key).trim());
      // CLUSTER SHARDS would be tidier; CLUSTER NODES reads the same in 7.0: "<id> <ip:port@bus> <flags> ... <ranges>".
      for (const line of cli(via, "cluster", "nodes").trim().split("\n")) {
        const parts = line.split(" ");
        if (!(parts[2] ?? "").includes("master") || (parts[2] ?? "").includes("fail")) continue;
        for (const range of parts.slice(8)) {
          const [from, to = from] = range.split("-").map(Number);
          if (from !== undefined && to !== undefined && slot >= from && slot <= to) {
            return Number((parts[1] ?? "").split("@")[0]?.split(":")[1]);
          }
        }
      }
      throw new Error(`no master serves slot ${slot} of ${key}`);
    };
    return {
      connectionString: masters.map((m) => `127.0.0.1:${m.port}`).join(","),
      masters,
      replicas,
      byPort,
      masterPortOf,
      cli,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** A master, one replica and `sentinels` sentinels (quorum: a majority), failover within ~2 s. */
export async function startRedisSentinel(options: { sentinels?: number } = {}): Promise<RedisSentinelHandle> {
  requireRedisBinaries();
  const dir = mkdtempSync(join(tmpdir(), "pantry-redis-sentinel-"));
  const processes: RedisProcess[] = [];
  const stop = async () => {
    await Promise.all(processes.map((p) => p.kill()));
    rmSync(dir, { recursive: true, force: true });
  };
  const masterName = "pantry-master";
  try {
    const masterPort = await freeLoopbackPort();
    const master = await startProcess(
      ["--port", String(masterPort), ...COMMON, "--dir", dir],
      masterPort,
      /Ready to accept/,
      dir,
    );
    processes.push(master);
    const replicaPort = await freeLoopbackPort();
    const replica = await startProcess(
      ["--port", String(replicaPort), ...COMMON, "--dir", dir, "--replicaof", "127.0.0.1", String(masterPort)],
      replicaPort,
      /Ready to accept/,
      dir,
    );
    processes.push(replica);
    await until(
      () => /master_link_status:up/.test(cli(replicaPort, "info", "replication")),
      10_000,
      "the Sentinel group's replica did not sync",
    );
    const count = options.sentinels ?? 3;
    const quorum = Math.floor(count / 2) + 1;
    const sentinels: RedisProcess[] = [];
    for (let i = 0; i < count; i++) {
      const port = await freeLoopbackPort();
      const file = join(dir, `sentinel-${port}.conf`);
      writeFileSync(
        file,
        [
          `port ${port}`,
          "bind 127.0.0.1",
          "protected-mode no",
          `dir ${dir}`,
          `sentinel monitor ${masterName} 127.0.0.1 ${masterPort} ${quorum}`,
          `sentinel down-after-milliseconds ${masterName} 1000`,
          `sentinel failover-timeout ${masterName} 5000`,
          `sentinel parallel-syncs ${masterName} 1`,
          "",
        ].join("\n"),
      );
      const sentinel = await startProcess([file, "--sentinel"], port, /Sentinel ID is|monitor master/, dir);
      processes.push(sentinel);
      sentinels.push(sentinel);
    }
    // Ready when every sentinel knows the replica and the other sentinels.
    await until(
      () =>
        sentinels.every((s) => {
          const text = cli(s.port, "sentinel", "master", masterName);
          const field = (name: string) => Number(text.split("\n")[text.split("\n").indexOf(name) + 1]);
          return field("num-slaves") >= 1 && field("num-other-sentinels") >= count - 1;
        }),
      15_000,
      "the sentinels did not discover each other and the replica",
    );
    return {
      connectionString: sentinels.map((s) => `127.0.0.1:${s.port}`).join(","),
      masterName,
      master,
      replica,
      sentinels,
      cli,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function until(check: () => boolean, timeoutMs: number, message: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (check()) return;
    } catch {
      // a node still starting answers nothing yet
    }
    if (Date.now() > deadline) throw new Error(`${message} within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
