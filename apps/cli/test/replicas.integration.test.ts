/**
 * Two feature servers (real `pantry serve` processes on two ports) against one PostgreSQL registry
 * (a database of its own): a `pantry apply` from a third process (a new feature service) and a
 * `pantry feature-views deprecate` are seen by both within their refresh interval (1 s; each
 * server re-reads the registry's change stamp in the background, started by a request).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FeatureStore, initRepo } from "@pantry/core";
import { createTestDatabase, freeLoopbackPort } from "@pantry/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, pantry } from "./run-cli";

const REFRESH_MS = 1000;
/** Refresh interval, one background read of the registry, and this busy machine's scheduling. */
const SEEN_WITHIN_MS = REFRESH_MS + 4000;

interface Server {
  url: string;
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

async function startServer(repoPath: string): Promise<Server> {
  const port = await freeLoopbackPort();
  const child = spawn("node", [BIN, "serve", "--port", String(port)], {
    cwd: repoPath,
    env: { ...process.env, NO_COLOR: "1", PANTRY_SCHEDULER: "off" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 600; attempt++) {
    if (child.exitCode !== null) throw new Error(`pantry serve exited with ${child.exitCode}:\n${output}`);
    if (
      await fetch(`${url}/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { url, child, output: () => output, exited };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`pantry serve did not answer /health:\n${output}`);
}

function ask(server: Server, features: string[] | string) {
  return fetch(`${server.url}/get-online-features`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      ...(typeof features === "string" ? { feature_service: features } : { features }),
      entities: { driver_id: [1001] },
    }),
  });
}

/** Asks until `seen` holds; returns how long after `since` it first did. */
async function timeUntil(server: Server, since: number, features: string[] | string, seen: (r: Response) => boolean) {
  let last = "";
  while (Date.now() - since < 20_000) {
    const response = await ask(server, features);
    last = `${response.status} ${await response.text()}`;
    if (seen(response)) return Date.now() - since;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(
    `${server.url} did not see the change within 20 s (last answer: ${last.slice(0, 300)}):\n${server.output()}`,
  );
}

describe("two feature servers on one PostgreSQL registry", () => {
  let workdir: string;
  let repoPath: string;
  let drop: () => Promise<void> = async () => {};
  const servers: Server[] = [];

  beforeAll(async () => {
    workdir = mkdtempSync(join(tmpdir(), "pantry-replicas-"));
    repoPath = await initRepo({ name: "replicas_demo", parentPath: workdir, now: new Date("2026-11-01T00:00:00Z") });
    const db = await createTestDatabase("pantry_replicas");
    drop = db.drop;
    const yamlPath = join(repoPath, "feature_store.yaml");
    writeFileSync(yamlPath, readFileSync(yamlPath, "utf8").replace(/^registry: .*$/m, `registry: ${db.url}`));
    const store = new FeatureStore({ repoPath });
    await store.apply({ actor: "test" });
    await store.materialize(new Date("2020-01-01T00:00:00Z"), new Date("2026-11-01T00:00:00Z"));
    await store.close();
    servers.push(await startServer(repoPath), await startServer(repoPath));
  }, 180_000);

  afterAll(async () => {
    for (const server of servers) {
      server.child.kill("SIGTERM");
      await server.exited;
    }
    await drop();
    rmSync(workdir, { recursive: true, force: true });
  }, 60_000);

  it("both see an apply and a deprecation within their refresh interval", async () => {
    // Before: the service does not exist on either server, the view is not deprecated.
    for (const server of servers) {
      const missing = await ask(server, "profile_service");
      expect(missing.status, await missing.text()).toBe(404);
      const plain = await ask(server, ["driver_profile:vehicle_type"]);
      expect(plain.status).toBe(200);
      expect(plain.headers.get("deprecation")).toBeNull();
    }

    writeFileSync(
      join(repoPath, "services.ts"),
      `import { FeatureService } from "@pantry/sdk";\nimport { driverProfile } from "./feature_definitions";\n` +
        `export const profileService = new FeatureService({ name: "profile_service", features: [driverProfile] });\n`,
    );
    const applied = pantry(["apply"], repoPath);
    expect(applied.code, applied.stderr).toBe(0);
    const appliedAt = Date.now();
    const applySeen = await Promise.all(
      servers.map((server) => timeUntil(server, appliedAt, "profile_service", (r) => r.status === 200)),
    );
    for (const ms of applySeen) expect(ms).toBeLessThan(SEEN_WITHIN_MS);

    const deprecated = pantry(
      [
        "feature-views",
        "deprecate",
        "driver_profile",
        "--reason",
        "moving to v2",
        "--replacement",
        "driver_hourly_stats",
      ],
      repoPath,
    );
    expect(deprecated.code, deprecated.stderr).toBe(0);
    const deprecatedAt = Date.now();
    const deprecationSeen = await Promise.all(
      servers.map((server) =>
        timeUntil(
          server,
          deprecatedAt,
          ["driver_profile:vehicle_type"],
          (r) => r.headers.get("deprecation") === "true",
        ),
      ),
    );
    for (const ms of deprecationSeen) expect(ms).toBeLessThan(SEEN_WITHIN_MS);
    console.log(`seen after apply: ${applySeen.join(", ")} ms; after deprecate: ${deprecationSeen.join(", ")} ms`);
  }, 120_000);
});
