/**
 * PostgreSQL restarted under a running `pantry serve` (a server of the test's own on a free port,
 * never the shared one). While it is down: online reads keep answering from the server's registry
 * snapshot (the online store is not the registry), a request that needs the registry
 * (/materialize) fails at once with 503 UNAVAILABLE naming the registry, none hangs, and /health
 * reports the failed refresh. Once it is back the same process reconnects by itself: /materialize
 * answers 200 again and an apply made meanwhile is served.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FeatureStore, initRepo } from "@pantry/core";
import {
  freeLoopbackPort,
  type PostgresServerHandle,
  postgresBinariesPresent,
  startPostgresServer,
} from "@pantry/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, pantry } from "./run-cli";

const WINDOW = { start_ts: "2026-10-31T00:00:00", end_ts: "2026-11-01T00:00:00" };

async function call(url: string, path: string, body?: unknown) {
  const started = Date.now();
  const response = await fetch(`${url}${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { "content-type": "application/json", authorization: "Bearer details" },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  return {
    status: response.status,
    text,
    json: JSON.parse(text) as Record<string, unknown>,
    ms: Date.now() - started,
    headers: response.headers,
  };
}

const read = (url: string, features: string[] | string) =>
  call(url, "/get-online-features", {
    ...(typeof features === "string" ? { feature_service: features } : { features }),
    entities: { driver_id: [1001] },
  });

describe.runIf(postgresBinariesPresent())("pantry serve while its PostgreSQL registry restarts", () => {
  let workdir: string;
  let repoPath: string;
  let postgres: PostgresServerHandle;
  let child: ChildProcess;
  let output = "";
  let exited: Promise<number | null>;
  let url: string;

  beforeAll(async () => {
    postgres = await startPostgresServer();
    workdir = mkdtempSync(join(tmpdir(), "pantry-pg-restart-"));
    repoPath = await initRepo({ name: "restart_demo", parentPath: workdir, now: new Date("2026-11-01T00:00:00Z") });
    const yamlPath = join(repoPath, "feature_store.yaml");
    writeFileSync(
      yamlPath,
      readFileSync(yamlPath, "utf8").replace(/^registry: .*$/m, `registry: ${postgres.url("pantry_registry")}`),
    );
    const store = new FeatureStore({ repoPath });
    await store.apply({ actor: "test" });
    await store.materialize(new Date("2020-01-01T00:00:00Z"), new Date("2026-11-01T00:00:00Z"));
    await store.close();
    const port = await freeLoopbackPort();
    url = `http://127.0.0.1:${port}`;
    child = spawn("node", [BIN, "serve", "--port", String(port)], {
      cwd: repoPath,
      env: { ...process.env, NO_COLOR: "1", PANTRY_SCHEDULER: "off" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout?.on("data", (chunk) => (output += chunk));
    child.stderr?.on("data", (chunk) => (output += chunk));
    exited = new Promise((r) => child.on("exit", (code) => r(code)));
    for (let attempt = 0; ; attempt++) {
      if (child.exitCode !== null || attempt > 600) throw new Error(`pantry serve did not start:\n${output}`);
      if (
        await fetch(`${url}/health`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      await new Promise((r) => setTimeout(r, 100));
    }
  }, 180_000);

  afterAll(async () => {
    if (child && child.exitCode === null) {
      child.kill("SIGKILL");
      await exited;
    }
    postgres?.destroy();
    if (workdir) rmSync(workdir, { recursive: true, force: true });
  }, 60_000);

  it("fails fast with 503 during the outage and recovers by itself", async () => {
    expect((await read(url, ["driver_profile:vehicle_type"])).status).toBe(200);
    expect((await call(url, "/materialize", WINDOW)).status).toBe(200);

    postgres.stop();
    // Online reads do not need the registry: the snapshot keeps serving.
    const during = await read(url, ["driver_profile:vehicle_type"]);
    expect(during.status).toBe(200);
    // What needs the registry fails at once, clearly, and nothing waits for PostgreSQL to return.
    const outage: { status: number; ms: number; text: string }[] = [];
    for (let i = 0; i < 3; i++) outage.push(await call(url, "/materialize", WINDOW));
    for (const answer of outage) {
      expect(answer.status, answer.text).toBe(503);
      expect(answer.text).toMatch(/"code":"UNAVAILABLE"/);
      expect(answer.text).toMatch(/registry/);
      expect(answer.text).not.toMatch(/password/);
      expect(answer.ms).toBeLessThan(10_000);
    }
    // The background refresh failed and /health says so (the online store is fine: still 200).
    await new Promise((r) => setTimeout(r, 1200));
    await read(url, ["driver_profile:vehicle_type"]);
    let health = await call(url, "/health");
    for (let i = 0; i < 50 && JSON.stringify(health.json).includes('"registry_refresh_error":null'); i++) {
      await new Promise((r) => setTimeout(r, 200));
      await read(url, ["driver_profile:vehicle_type"]);
      health = await call(url, "/health");
    }
    expect(health.status).toBe(200);
    expect(JSON.stringify(health.json)).not.toContain('"registry_refresh_error":null');

    postgres.start();
    const backAt = Date.now();
    let after = await call(url, "/materialize", WINDOW);
    while (after.status !== 200 && Date.now() - backAt < 20_000) {
      await new Promise((r) => setTimeout(r, 200));
      after = await call(url, "/materialize", WINDOW);
    }
    expect(after.status, after.text).toBe(200);
    console.log(
      `outage answers: ${outage.map((a) => `${a.status} in ${a.ms} ms`).join(", ")}; ` +
        `/materialize 200 again ${Date.now() - backAt} ms after PostgreSQL was back; first answer: ${outage[0]?.text}`,
    );

    // Registry reads work again: an apply made now is served by the same process.
    writeFileSync(
      join(repoPath, "services.ts"),
      `import { FeatureService } from "@pantry/sdk";\nimport { driverProfile } from "./feature_definitions";\n` +
        `export const profileService = new FeatureService({ name: "profile_service", features: [driverProfile] });\n`,
    );
    const applied = pantry(["apply"], repoPath);
    expect(applied.code, applied.stderr).toBe(0);
    let served = await read(url, "profile_service");
    for (let i = 0; i < 100 && served.status !== 200; i++) {
      await new Promise((r) => setTimeout(r, 200));
      served = await read(url, "profile_service");
    }
    expect(served.status, served.text).toBe(200);
    health = await call(url, "/health");
    expect(JSON.stringify(health.json)).toContain('"registry_refresh_error":null');

    child.kill("SIGTERM");
    expect(await exited, output).toBe(0);
  }, 240_000);
});
