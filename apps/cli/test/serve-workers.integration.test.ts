/**
 * `pantry serve --workers 2`: two real processes behind one port (node:cluster). Requests reach
 * both (their pids differ on /health), every answer is right, and the usage rollups both workers
 * flush into one registry add up to exactly the number of requests sent: nothing counted twice,
 * no increment lost to a race. SIGTERM drains both and exits 0. On SQLite and on PostgreSQL.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { Agent, request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FeatureStore, initRepo } from "@pantry/core";
import { freeLoopbackPort, REGISTRY_PROVIDERS } from "@pantry/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, pantry } from "./run-cli";

const REQUESTS = 240;
const CONCURRENCY = 8;

/** One request on a connection of its own, so the primary hands each to the next worker. */
function post(port: number, path: string, body: unknown, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const data = JSON.stringify(body);
    const req = request(
      {
        host: "127.0.0.1",
        port,
        path,
        method: path === "/health" ? "GET" : "POST",
        agent: new Agent({ keepAlive: false }),
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(data), ...headers },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk) => (text += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on("error", reject);
    req.end(path === "/health" ? undefined : data);
  });
}

async function waitForHealth(port: number, child: ChildProcess, output: () => string): Promise<void> {
  for (let attempt = 0; attempt < 600; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`pantry serve exited with ${child.exitCode}:\n${output()}`);
    const ok = await fetch(`http://127.0.0.1:${port}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok && /with 2 workers/.test(output())) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`pantry serve --workers 2 did not answer /health:\n${output()}`);
}

describe.each(REGISTRY_PROVIDERS)("pantry serve --workers 2 on a $name registry", (provider) => {
  let workdir: string;
  let repoPath: string;
  let cleanup: () => Promise<void> = async () => {};

  beforeAll(async () => {
    workdir = mkdtempSync(join(tmpdir(), "pantry-workers-"));
    repoPath = await initRepo({ name: "workers_demo", parentPath: workdir, now: new Date("2026-11-01T00:00:00Z") });
    const registry = await provider.registryLine();
    cleanup = registry.cleanup;
    const yamlPath = join(repoPath, "feature_store.yaml");
    writeFileSync(yamlPath, readFileSync(yamlPath, "utf8").replace(/^registry: .*$/m, registry.line));
    const store = new FeatureStore({ repoPath });
    await store.apply({ actor: "test" });
    await store.materialize(new Date("2020-01-01T00:00:00Z"), new Date("2026-11-01T00:00:00Z"));
    await store.close();
  }, 120_000);
  afterAll(async () => {
    await cleanup();
    rmSync(workdir, { recursive: true, force: true });
  });

  it("spreads requests over both workers and counts each request exactly once", async () => {
    const port = await freeLoopbackPort();
    const child = spawn("node", [BIN, "serve", "--port", String(port), "--workers", "2"], {
      cwd: repoPath,
      env: { ...process.env, NO_COLOR: "1", PANTRY_SCHEDULER: "off" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout?.on("data", (chunk) => (output += chunk));
    child.stderr?.on("data", (chunk) => (output += chunk));
    const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
    try {
      await waitForHealth(port, child, () => output);
      // One start-up line for the whole server, not one per worker.
      expect(
        output.match(/Pantry feature server for workers_demo on http:\/\/127\.0\.0\.1:\d+ with 2 workers/g),
      ).toHaveLength(1);

      let sent = 0;
      const statuses: number[] = [];
      const bodies = new Set<string>();
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (sent < REQUESTS) {
            sent += 1;
            const answer = await post(
              port,
              "/get-online-features",
              { features: ["driver_profile:vehicle_type"], entities: { driver_id: [1001, 1002] } },
              { "x-pantry-consumer": "eta_model" },
            );
            statuses.push(answer.status);
            bodies.add(answer.body);
          }
        }),
      );
      expect(statuses.filter((s) => s === 200)).toHaveLength(REQUESTS);
      // Both workers answer the same values.
      expect(bodies.size).toBe(1);

      const pids = new Set<number>();
      for (let i = 0; i < 20; i++) {
        const health = await post(port, "/health", {}, { authorization: "Bearer x" });
        pids.add((JSON.parse(health.body) as { pid: number }).pid);
      }
      expect(pids.size).toBe(2);
      expect(pids.has(child.pid ?? -1)).toBe(false);

      child.kill("SIGTERM");
      expect(await exited, output).toBe(0);
      expect(output).toMatch(/SIGTERM: stopping the feature server's 2 workers/);
      expect(output).toMatch(/feature server worker 1 stopped/);
      expect(output).toMatch(/feature server worker 2 stopped/);
      await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }

    // Each worker flushed its own rollups at shutdown into the one registry: they add up exactly.
    const store = new FeatureStore({ repoPath });
    try {
      const registry = await store.registry();
      const usage = await registry.usage.listUsage({ projectName: "workers_demo", since: new Date(0) });
      const total = usage
        .filter((u) => u.consumer === "eta_model" && u.featureRef === "driver_profile:vehicle_type")
        .reduce((sum, u) => sum + u.requests, 0);
      expect(total).toBe(REQUESTS);
    } finally {
      await store.close();
    }
  }, 180_000);

  it("refuses a bad --workers value with a clear message", () => {
    const refused = pantry(["serve", "--workers", "zero"], repoPath);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--workers must be a whole number from 1 to 64, or 'auto'/);
  });
});
