/**
 * The feature server's secure defaults over HTTP on loopback: Host and Origin checks under
 * no_auth, 415 for bodies that are not JSON, security headers, /health without details, the
 * event-time window and row/body limits on writes, consumer attribution and its cap, redaction,
 * and a removed user's token refused at once.
 */
import { request as httpRequest } from "node:http";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  accessPolicyFor,
  addTokenUser,
  OTHER_CONSUMER,
  PantryError,
  parseRepoConfig,
  removeTokenUser,
  servingRegistryFrom,
} from "@pantry/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOnlineTestRepo, type OnlineTestRepo, servableFromParts } from "@pantry/core/testing";
import { createFeatureServer, type RunningFeatureServer, startFeatureServer } from "../src/index";
import { get, post } from "./helpers";

/** A raw request, so Host and content-type can be anything (fetch would fix them). */
function raw(
  base: string,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Record<string, unknown> }> {
  const url = new URL(path, base);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: options.method ?? "POST",
        headers: options.headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text ? JSON.parse(text) : {} });
        });
      },
    );
    req.on("error", reject);
    req.end(options.body);
  });
}

const NOW = Date.now();
const iso = (ms: number) => new Date(ms).toISOString();

describe("feature server secure defaults (no_auth, loopback)", () => {
  let repo: OnlineTestRepo;
  let running: RunningFeatureServer;

  beforeAll(async () => {
    repo = await createOnlineTestRepo({ online: "sqlite" });
    await repo.store.apply({ actor: "test" });
    const registry = await repo.store.registry();
    running = await startFeatureServer({
      port: 0,
      allowedHosts: ["features.internal"],
      projects: [
        servableFromParts({
          project: repo.store.project,
          registry: servingRegistryFrom(registry),
          onlineStore: repo.onlineStore,
          repoPath: repo.dir,
          writeLimits: { maxRows: 5, maxFutureSkewMs: 86_400_000 },
        }),
      ],
    });
  });
  afterAll(async () => {
    await running?.close();
    await repo?.cleanup();
  });

  const write = (eventTimestamps: unknown[], extra: Record<string, unknown[]> = {}) =>
    post(running.url, "/write-to-online-store", {
      feature_view_name: "driver_lifetime",
      df: {
        driver_id: eventTimestamps.map((_, i) => 2001 + i),
        event_timestamp: eventTimestamps,
        avg_daily_trips: eventTimestamps.map(() => 1),
        ...extra,
      },
    });
  const read = async (driver: number) => {
    const response = await post(running.url, "/get-online-features", {
      features: ["driver_lifetime:avg_daily_trips"],
      entities: { driver_id: [driver] },
    });
    return (response.body.results as { values: unknown[]; event_timestamps: string[] }[])[1];
  };

  it("listens on 127.0.0.1 when no host is given, and says so in its URL", () => {
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it("sends the security headers on every answer", async () => {
    for (const response of [await get(running.url, "/health"), await post(running.url, "/nope", {})]) {
      expect(response.headers.get("x-frame-options")).toBe("DENY");
      expect(response.headers.get("content-security-policy")).toBe("frame-ancestors 'none'");
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    }
  });

  it("answers 415 to a text/plain or form body (what any web page can send cross-origin) and writes nothing", async () => {
    const body = JSON.stringify({
      feature_view_name: "driver_lifetime",
      df: { driver_id: [2999], event_timestamp: [iso(NOW - 60_000)], avg_daily_trips: [9] },
    });
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
      const response = await raw(running.url, "/write-to-online-store", { headers: { "content-type": type }, body });
      expect(response.status).toBe(415);
      expect(String(response.body.detail)).toContain("content-type: application/json");
    }
    expect((await raw(running.url, "/push", { body })).status).toBe(415);
    expect((await read(2999))?.values).toEqual([null]);
    const json = await raw(running.url, "/write-to-online-store", {
      headers: { "content-type": "application/json; charset=utf-8" },
      body,
    });
    expect(json.status).toBe(200);
  });

  it("refuses a Host that is not this server (DNS rebinding) and cross-origin pages, 403", async () => {
    const port = new URL(running.url).port;
    const body = JSON.stringify({ features: ["driver_lifetime:avg_daily_trips"], entities: { driver_id: [1001] } });
    const headers = { "content-type": "application/json" };
    const rebound = await raw(running.url, "/get-online-features", {
      headers: { ...headers, host: `attacker.example:${port}` },
      body,
    });
    expect(rebound.status).toBe(403);
    expect(String(rebound.body.detail)).toContain("PANTRY_ALLOWED_HOSTS");
    expect((await raw(running.url, "/health", { method: "GET", headers: { host: "attacker.example" } })).status).toBe(
      403,
    );
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `features.internal:${port}`]) {
      expect((await raw(running.url, "/get-online-features", { headers: { ...headers, host }, body })).status).toBe(
        200,
      );
    }
    const crossOrigin = await raw(running.url, "/get-online-features", {
      headers: { ...headers, host: `127.0.0.1:${port}`, origin: "https://evil.example" },
      body,
    });
    expect(crossOrigin.status).toBe(403);
    expect(String(crossOrigin.body.detail)).toContain("cross-origin request from 'https://evil.example' refused");
    const crossSite = await raw(running.url, "/get-online-features", {
      headers: { ...headers, host: `127.0.0.1:${port}`, "sec-fetch-site": "cross-site" },
      body,
    });
    expect(crossSite.status).toBe(403);
  });

  it("/health says ok and nothing else without a token", async () => {
    const health = await get(running.url, "/health");
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ status: "ok" });
  });

  it("refuses event timestamps before 1970 or after now + the skew (year 5138 too), naming column and row", async () => {
    const refusals: [unknown, RegExp][] = [
      ["5138-11-16T09:46:40Z", /'event_timestamp' of row 1 is 5138-11-16T09:46:40\.000Z, later than now \+ 1 day/],
      [1e11, /'event_timestamp' of row 1 is 100000000000: as epoch seconds that is after now \+ 1 day/],
      [NOW * 1000, /'event_timestamp' of row 1 is .*later than now \+ 1 day.*Check the unit/],
      [iso(NOW + 2 * 86_400_000), /later than now \+ 1 day/],
      ["1969-12-31T23:59:59Z", /before 1970-01-01/],
      [-5, /before 1970-01-01/],
      ["yesterday", /'event_timestamp' of row 1 is the string "yesterday", not a timestamp/],
      [true, /'event_timestamp' of row 1 is .*not a timestamp/],
    ];
    for (const [value, message] of refusals) {
      const response = await write([iso(NOW - 3_600_000), value]);
      expect(response.status, String(value)).toBe(400);
      expect(String(response.body.detail)).toMatch(message);
      expect(response.body.error).toMatchObject({ details: { column: "event_timestamp", row: 1 } });
    }
    // Nothing of a refused request is written, not even its valid first row.
    expect((await read(2001))?.values).toEqual([null]);
  });

  it("accepts ISO text, epoch seconds and epoch milliseconds (told apart by size) inside the window", async () => {
    const seconds = Math.floor((NOW - 7_200_000) / 1000);
    const millis = NOW - 3_600_000;
    const response = await write([iso(NOW - 10_800_000), seconds, millis, iso(NOW + 3_600_000)]);
    expect(response.status).toBe(200);
    const written = async (driver: number) => new Date(String((await read(driver))?.event_timestamps[0])).getTime();
    expect(await written(2002)).toBe(seconds * 1000);
    expect(await written(2003)).toBe(millis);
    expect(await written(2004)).toBe(NOW + 3_600_000);
  });

  it("answers 413 beyond max_push_rows and beyond the body limit", async () => {
    const tooMany = await write(Array.from({ length: 6 }, () => iso(NOW - 60_000)));
    expect(tooMany.status).toBe(413);
    expect(String(tooMany.body.detail)).toContain("at most 5 are written per request (feature_server.max_push_rows");
    const push = await post(running.url, "/push", {
      push_source_name: "driver_stats_push",
      df: { driver_id: [1, 2, 3, 4, 5, 6], event_timestamp: Array(6).fill(iso(NOW)), conv_rate: Array(6).fill(0.1) },
    });
    expect(push.status).toBe(413);

    const small = createFeatureServer({ serving: running.servings[0], maxBodyBytes: 1024 });
    await new Promise<void>((resolve) => small.listen(0, "127.0.0.1", resolve));
    try {
      const address = small.address() as { port: number };
      const big = await post(`http://127.0.0.1:${address.port}`, "/write-to-online-store", {
        feature_view_name: "driver_lifetime",
        df: { driver_id: [1], event_timestamp: [iso(NOW)], avg_daily_trips: [1], padding: ["x".repeat(2000)] },
      });
      expect(big.status).toBe(413);
      expect(String(big.body.detail)).toContain("the limit is 1024 bytes");
    } finally {
      await new Promise<void>((resolve) => small.close(() => resolve()));
    }
  });

  it("caps consumer names in length and number: new names beyond the cap count as 'other'", async () => {
    const serving = running.servings[0];
    if (!serving) throw new Error("no serving");
    const ask = (consumer: string) =>
      post(
        running.url,
        "/get-online-features",
        { features: ["driver_lifetime:avg_daily_trips"], entities: { driver_id: [1001] } },
        { "x-pantry-consumer": consumer },
      );
    await ask(`model_${"x".repeat(500)}`);
    for (let i = 0; i < 210; i++) await ask(`flood_${i}`);
    await ask("flood_3");
    const consumers = new Set(serving.usage.snapshot().map((r) => r.consumer));
    expect(consumers.size).toBeLessThanOrEqual(201);
    expect(consumers.has(OTHER_CONSUMER)).toBe(true);
    expect(consumers.has("flood_3")).toBe(true);
    expect(consumers.has("flood_209")).toBe(false);
    expect(Math.max(...[...consumers].map((c) => c.length))).toBe(100);
  });

  it("never shows absolute paths outside the repo or secrets in error answers", async () => {
    const leaky = createFeatureServer({
      serving: running.servings[0],
      repoPaths: [repo.dir],
      materialization: async () => {
        throw new PantryError(
          "FAILED_PRECONDITION",
          `cannot read /home/someone/.secrets/creds.csv or ${join(repo.dir, "data", "x.parquet")} with postgresql://pantry:hunter2@db:5432/x?password=hunter3`,
          { path: "/etc/passwd" },
        );
      },
    });
    await new Promise<void>((resolve) => leaky.listen(0, "127.0.0.1", resolve));
    try {
      const address = leaky.address() as { port: number };
      const response = await post(`http://127.0.0.1:${address.port}`, "/materialize", {
        start_ts: "2024-01-01T00:00:00",
        end_ts: "2024-01-02T00:00:00",
      });
      expect(response.status).toBe(400);
      const text = JSON.stringify(response.body);
      expect(text).not.toContain("hunter2");
      expect(text).not.toContain("hunter3");
      expect(text).not.toContain("/home/someone");
      expect(text).not.toContain("/etc/passwd");
      expect(String(response.body.detail)).toContain("<path outside the repo>/creds.csv");
      expect(String(response.body.detail)).toContain(join(repo.dir, "data", "x.parquet"));
      expect(String(response.body.detail)).toContain("postgresql://pantry:***@db:5432/x?password=***");
    } finally {
      await new Promise<void>((resolve) => leaky.close(() => resolve()));
    }
  });
});

describe("feature server secure defaults (token auth)", () => {
  let repo: OnlineTestRepo;
  let running: RunningFeatureServer;
  let users = "";
  const tokens = { viewer: "", editor: "" };

  beforeAll(async () => {
    repo = await createOnlineTestRepo({ online: "sqlite" });
    await repo.store.apply({ actor: "test" });
    users = join(mkdtempSync(join(tmpdir(), "pantry-server-sec-")), "users.yaml");
    tokens.viewer = addTokenUser(users, "vic", "viewer").token;
    tokens.editor = addTokenUser(users, "eve", "editor").token;
    const config = parseRepoConfig(
      `project: online_test\nauth:\n  type: token\n  tokens_file: ${users}\n`,
      "/r/feature_store.yaml",
    );
    const registry = await repo.store.registry();
    running = await startFeatureServer({
      port: 0,
      access: accessPolicyFor([config]),
      projects: [
        servableFromParts({ project: repo.store.project, registry: servingRegistryFrom(registry), onlineStore: repo.onlineStore }),
      ],
    });
  });
  afterAll(async () => {
    await running?.close();
    await repo?.cleanup();
  });

  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  it("/health: the status without a token, details with a viewer's token, 401 with a wrong one", async () => {
    expect((await get(running.url, "/health")).body).toEqual({ status: "ok" });
    const detailed = await get(running.url, "/health", bearer(tokens.viewer));
    expect(detailed.body).toMatchObject({ status: "ok", projects: [{ project: "online_test", online_store: "ok" }] });
    expect((await get(running.url, "/health", bearer("pantry_wrong"))).status).toBe(401);
  });

  it("records usage under the token's user; the consumer header only adds a model name under it", async () => {
    const ask = (token: string, consumer?: string) =>
      post(
        running.url,
        "/get-online-features",
        { features: ["driver_lifetime:avg_daily_trips"], entities: { driver_id: [1001] } },
        { ...bearer(token), ...(consumer ? { "x-pantry-consumer": consumer } : {}) },
      );
    expect((await ask(tokens.viewer)).status).toBe(200);
    expect((await ask(tokens.viewer, "eve")).status).toBe(200);
    expect((await ask(tokens.viewer, "fraud_model")).status).toBe(200);
    const consumers = new Set(running.servings[0]?.usage.snapshot().map((r) => r.consumer));
    expect([...consumers].sort()).toEqual(["vic", "vic/eve", "vic/fraud_model"]);
  });

  it("a Host other than this server's is accepted under token auth (the browser has no token to send)", async () => {
    const port = new URL(running.url).port;
    const response = await raw(running.url, "/get-online-features", {
      headers: { "content-type": "application/json", host: `features.prod.svc:${port}`, ...bearer(tokens.viewer) },
      body: JSON.stringify({ features: ["driver_lifetime:avg_daily_trips"], entities: { driver_id: [1001] } }),
    });
    expect(response.status).toBe(200);
  });

  it("a removed user's token is refused on the very next request", async () => {
    const ok = await post(
      running.url,
      "/get-online-features",
      {
        features: ["driver_lifetime:avg_daily_trips"],
        entities: { driver_id: [1001] },
      },
      bearer(tokens.editor),
    );
    expect(ok.status).toBe(200);
    removeTokenUser(users, "eve");
    const after = await post(
      running.url,
      "/get-online-features",
      {
        features: ["driver_lifetime:avg_daily_trips"],
        entities: { driver_id: [1001] },
      },
      bearer(tokens.editor),
    );
    expect(after.status).toBe(401);
    // Replacing a token (same file size, same second) also takes effect at once.
    const replaced = addTokenUser(users, "vic", "viewer").token;
    expect((await get(running.url, "/health", bearer(tokens.viewer))).status).toBe(401);
    expect((await get(running.url, "/health", bearer(replaced))).status).toBe(200);
  });
});
