/**
 * The bad-input campaign: every tRPC procedure of the console and every endpoint of the feature
 * server gets random and adversarial input (fast-check, fixed seed, a fixed number of cases per
 * target), over HTTP against the real production console (`next start`) and a real `pantry serve`,
 * both on a workspace of their own. For every case: no 5xx, both processes stay up, and when the
 * request is refused (4xx) the registry dump of every project is byte-for-byte what it was before.
 *
 * Run by `pnpm test` after the console's build (`pnpm test:campaign` on its own). PANTRY_CAMPAIGN_RUNS
 * changes the number of cases per target (default 30), PANTRY_CAMPAIGN_SEED the seed.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, openSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { FeatureStore } from "@pantry/core";
import { appRouter } from "@pantry/api";
import fc from "fast-check";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SeededWorkspace, seedWorkspace } from "../../packages/api/test/support/seed-workspace";
import { freePort, startServer, stopServer, waitForServer } from "../support/global-setup";
import { monorepoRoot, webDir } from "../support/paths";
import { deepJsonText, hostileNumber, hostileString, inputFor, junk } from "./arbitraries";

const RUNS = Number(process.env.PANTRY_CAMPAIGN_RUNS ?? 30);
const SEED = Number(process.env.PANTRY_CAMPAIGN_SEED ?? 20261203);
// rides and fraud share one registry, solo has its own: one store per registry.
const REPOS = ["rides", "solo"] as const;

let seeded: SeededWorkspace;
let consoleServer: ChildProcess;
let featureServer: ChildProcess;
let consoleURL = "";
let serverURL = "";
let logDir = "";
const stores: FeatureStore[] = [];
let pool: string[] = [];
let featureRefs: string[] = [];

/** What `pantry registry-dump` prints, for every project of the workspace. */
async function registryDump(): Promise<string> {
  const parts: unknown[] = [];
  for (const store of stores) {
    const registry = await store.registry();
    for (const project of await registry.listProjects()) {
      parts.push({
        project: project.name,
        contents: await registry.getContents(project.name),
        intervals: await registry.listIntervals(project.name),
      });
    }
  }
  return JSON.stringify(parts);
}

function alive(): void {
  const logs = () =>
    ["next.log", "serve.log"].map((f) => `--- ${f}\n${readFileSync(join(logDir, f), "utf8").slice(-4000)}`).join("\n");
  if (consoleServer.exitCode !== null) throw new Error(`the console died (exit ${consoleServer.exitCode})\n${logs()}`);
  if (featureServer.exitCode !== null)
    throw new Error(`the feature server died (exit ${featureServer.exitCode})\n${logs()}`);
}

interface Outcome {
  status: number;
  body: string;
}

/** Node's servers close the connection on a request line and headers over 16 KiB (a refusal). */
const MAX_HEADER_BYTES = 16 * 1024;
/** The feature server's default body limit. */
const MAX_BODY_BYTES = 16 * 1024 * 1024;

async function send(url: string, init: RequestInit): Promise<Outcome> {
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(30_000) });
    return { status: response.status, body: (await response.text()).slice(0, 600) };
  } catch (error) {
    if (url.length > MAX_HEADER_BYTES) return { status: 431, body: "connection closed: request line too long" };
    // A server may answer 413 and close before a client has finished uploading an oversized body.
    if (String(init.body ?? "").length > MAX_BODY_BYTES)
      return { status: 413, body: "connection closed: body too large" };
    throw new Error(
      `${init.method} ${url.slice(0, 200)} (${String(init.body ?? "").length} bytes): ${String(error)} ${String((error as { cause?: unknown }).cause ?? "")}`,
    );
  }
}

/** fast-check's own report prints the whole counterexample (megabytes here); this one is cut short. */
async function check<T extends unknown[]>(name: string, property: fc.IAsyncProperty<T>): Promise<void> {
  const result = await fc.check(property, params(name));
  if (!result.failed) return;
  const example = JSON.stringify(result.counterexample, (_k, v) =>
    typeof v === "string" && v.length > 200 ? `${v.slice(0, 200)}...(${v.length} chars)` : v,
  );
  const reason = result.errorInstance instanceof Error ? result.errorInstance.message : String(result.errorInstance);
  throw new Error(
    `${name}: failed after ${result.numRuns} case(s) (seed ${result.seed}, path ${result.counterexamplePath})\n  ${reason.slice(0, 1500)}\n  input: ${example.slice(0, 1500)}`,
  );
}

/**
 * Sends one case and checks the three rules. `describe` names the case in a failure.
 */
async function probe(what: string, request: () => Promise<Outcome>): Promise<void> {
  const before = await registryDump();
  const outcome = await request();
  alive();
  if (outcome.status >= 500) throw new Error(`${what} answered ${outcome.status}: ${outcome.body}`);
  if (outcome.status >= 400) {
    const after = await registryDump();
    if (after !== before) throw new Error(`${what} was refused (${outcome.status}) but changed the registry`);
  }
}

beforeAll(async () => {
  if (!existsSync(join(webDir, process.env.PANTRY_NEXT_DIST_DIR ?? ".next", "BUILD_ID")))
    throw new Error(
      "the campaign runs against the console's production build: run `pnpm --filter @pantry/web build` first",
    );
  seeded = await seedWorkspace();
  logDir = seeded.root;
  for (const repo of REPOS) stores.push(new FeatureStore({ repoPath: join(seeded.root, repo) }));

  for (const store of stores) {
    const registry = await store.registry();
    for (const project of await registry.listProjects()) {
      const contents = await registry.getContents(project.name);
      pool.push(project.name);
      for (const list of Object.values(contents)) {
        if (!Array.isArray(list)) continue;
        for (const object of list as { name?: unknown; schema?: { name: string }[] }[]) {
          if (typeof object.name === "string") pool.push(object.name);
          for (const feature of object.schema ?? []) featureRefs.push(`${String(object.name)}:${feature.name}`);
        }
      }
    }
  }
  pool = [...new Set(pool)];
  featureRefs = [...new Set(featureRefs)];

  process.env.PANTRY_SCHEDULER = "off";
  const consolePort = await freePort();
  consoleServer = startServer(consolePort, seeded.root, join(logDir, "next.log"));
  consoleURL = `http://127.0.0.1:${consolePort}`;

  const servePort = await freePort();
  const log = openSync(join(logDir, "serve.log"), "a");
  featureServer = spawn(
    process.execPath,
    [join(monorepoRoot, "apps/cli/bin/pantry.mjs"), "serve", "--workspace", seeded.root, "--port", String(servePort)],
    { cwd: monorepoRoot, env: process.env, stdio: ["ignore", log, log], detached: true },
  );
  serverURL = `http://127.0.0.1:${servePort}`;
  await waitForServer(consoleURL, consoleServer, join(logDir, "next.log"));
  await waitForServer(serverURL, featureServer, join(logDir, "serve.log"), "/health");
}, 120_000);

afterAll(async () => {
  if (consoleServer) stopServer(consoleServer);
  if (featureServer) stopServer(featureServer);
  for (const store of stores) {
    await store.close();
    await (await store.registry().catch(() => null))?.close();
  }
  await seeded?.cleanup();
});

const params = (path: string) => ({
  seed: SEED + [...path].reduce((h, c) => (h * 31 + c.charCodeAt(0)) | 0, 0),
  numRuns: RUNS,
  endOnFailure: true,
});

// ---------------------------------------------------------------------------------------------
// The console's API: every procedure of the router the console mounts at /api/trpc
// ---------------------------------------------------------------------------------------------

interface ProcedureDef {
  _def: { type: "query" | "mutation" | "subscription"; inputs?: unknown[] };
}
const procedures = Object.entries(
  (appRouter as unknown as { _def: { procedures: Record<string, ProcedureDef> } })._def.procedures,
);

/** How a case is put on the wire: the console's own encoding, or something else. */
type Wire = "superjson" | "raw" | "batch" | "text/plain" | "no-origin" | "cross-origin";
const WIRE = fc.constantFrom<Wire>(
  "superjson",
  "superjson",
  "superjson",
  "raw",
  "batch",
  "text/plain",
  "no-origin",
  "cross-origin",
);

/** The console's encoding; a hostile client is not bound by superjson's own refusals (`__proto__` keys). */
function encode(input: unknown): unknown {
  try {
    return superjson.serialize(input);
  } catch {
    return { json: input };
  }
}

function trpcRequest(path: string, type: "query" | "mutation", input: unknown, wire: Wire): Promise<Outcome> {
  const payload = wire === "raw" ? input : encode(input);
  const encoded = JSON.stringify(payload === undefined ? null : payload) ?? "null";
  const headers: Record<string, string> = { origin: consoleURL };
  if (wire === "no-origin") delete headers.origin;
  if (wire === "cross-origin") headers.origin = "https://evil.example";
  if (type === "query") {
    const url =
      wire === "batch"
        ? `${consoleURL}/api/trpc/${path},${path}?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: payload, 1: payload }))}`
        : `${consoleURL}/api/trpc/${path}?input=${encodeURIComponent(encoded)}`;
    return send(url, { method: "GET", headers });
  }
  headers["content-type"] = wire === "text/plain" ? "text/plain" : "application/json";
  const url = wire === "batch" ? `${consoleURL}/api/trpc/${path}?batch=1` : `${consoleURL}/api/trpc/${path}`;
  const body = wire === "batch" ? JSON.stringify({ 0: payload }) : encoded;
  return send(url, { method: "POST", headers, body });
}

describe("console API", () => {
  it("has every procedure in the campaign", () => {
    expect(procedures.length).toBeGreaterThan(20);
  });

  for (const [path, procedure] of procedures) {
    const type = procedure._def.type;
    if (type === "subscription") continue;
    it(`${type} ${path}`, async () => {
      const input = inputFor(procedure._def.inputs ?? [], pool);
      await check(
        path,
        fc.asyncProperty(input, WIRE, async (value, wire) => {
          await probe(`${path} (${wire})`, () => trpcRequest(path, type, value, wire));
        }),
      );
    }, 300_000);
  }

  it("deeply nested input to every procedure", async () => {
    for (const [path, procedure] of procedures) {
      const type = procedure._def.type;
      for (const text of [
        deepJsonText(5_000, true),
        deepJsonText(5_000, false),
        `{"json":${deepJsonText(50_000, true)}}`,
      ]) {
        await probe(`${path} (nested ${text.length} bytes)`, () =>
          type === "query"
            ? send(`${consoleURL}/api/trpc/${path}?input=${encodeURIComponent(text)}`, {
                method: "GET",
                headers: { origin: consoleURL },
              })
            : send(`${consoleURL}/api/trpc/${path}`, {
                method: "POST",
                headers: { origin: consoleURL, "content-type": "application/json" },
                body: text,
              }),
        );
      }
    }
  }, 300_000);

  it("the sign-in endpoint", async () => {
    const body = fc.oneof(
      fc.record({ token: hostileString(pool), next: hostileString(pool) }, { requiredKeys: [] }),
      junk(pool),
    );
    await check(
      "/api/auth",
      fc.asyncProperty(
        body,
        fc.constantFrom("application/json", "text/plain", "application/x-www-form-urlencoded"),
        async (value, type) => {
          await probe(`/api/auth (${type})`, () =>
            send(`${consoleURL}/api/auth`, {
              method: "POST",
              headers: { "content-type": type, origin: consoleURL },
              body: JSON.stringify(value) ?? "",
              redirect: "manual",
            }),
          );
        },
      ),
    );
  }, 300_000);
});

// ---------------------------------------------------------------------------------------------
// The feature server: Feast's endpoints
// ---------------------------------------------------------------------------------------------

function featureServerBodies(): Record<string, fc.Arbitrary<unknown>> {
  const s = hostileString(pool);
  const ref = fc.oneof(fc.constantFrom(...(featureRefs.length ? featureRefs : ["x:y"])), s);
  const column = fc.oneof(fc.array(fc.oneof(hostileNumber, s, fc.constant(null)), { maxLength: 5 }), junk(pool));
  const frame = fc.dictionary(
    fc.oneof(fc.constantFrom("driver_id", "card_id", "event_timestamp", "created", "conv_rate", "trips"), s),
    column,
    { maxKeys: 6 },
  );
  const timestamp = fc.oneof(
    hostileNumber,
    s,
    fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  );
  return {
    "/get-online-features": fc.record(
      {
        features: fc.oneof(fc.array(ref, { maxLength: 5 }), s),
        feature_service: s,
        entities: frame,
        full_feature_names: fc.oneof(fc.boolean(), s),
        project: s,
      },
      { requiredKeys: [] },
    ),
    "/push": fc.record(
      {
        push_source_name: s,
        df: frame,
        to: fc.constantFrom("online", "offline", "online_and_offline", "x"),
        project: s,
      },
      { requiredKeys: [] },
    ),
    "/write-to-online-store": fc.record({ feature_view_name: s, df: frame, project: s }, { requiredKeys: [] }),
    "/materialize": fc.record(
      { start_ts: timestamp, end_ts: timestamp, feature_views: fc.array(s, { maxLength: 3 }), project: s },
      { requiredKeys: [] },
    ),
    "/materialize-incremental": fc.record(
      { end_ts: timestamp, feature_views: fc.array(s, { maxLength: 3 }), project: s },
      { requiredKeys: [] },
    ),
  };
}

type Body = { kind: "json"; value: unknown } | { kind: "text"; text: string; type: string };
const BROKEN_TEXTS = [
  "",
  "{",
  "[1,",
  '{"a":}',
  "\u0000",
  "null",
  "true",
  "1e999999",
  '{"__proto__":{"polluted":1}}',
  `${"[".repeat(100_000)}1${"]".repeat(100_000)}`,
  `${'{"a":'.repeat(20_000)}1${"}".repeat(20_000)}`,
];

describe("feature server", () => {
  const endpoints = [
    "/get-online-features",
    "/push",
    "/write-to-online-store",
    "/materialize",
    "/materialize-incremental",
  ];
  for (const endpoint of endpoints) {
    it(`POST ${endpoint}`, async () => {
      const shaped = featureServerBodies()[endpoint] as fc.Arbitrary<unknown>;
      const body: fc.Arbitrary<Body> = fc.oneof(
        { weight: 5, arbitrary: shaped.map((value) => ({ kind: "json" as const, value })) },
        { weight: 2, arbitrary: junk(pool).map((value) => ({ kind: "json" as const, value })) },
        {
          weight: 2,
          arbitrary: fc.record({
            kind: fc.constant("text" as const),
            text: fc.oneof(fc.constantFrom(...BROKEN_TEXTS), fc.string({ unit: "binary" })),
            type: fc.constantFrom("application/json", "text/plain", "application/x-www-form-urlencoded", ""),
          }),
        },
      );
      await check(
        endpoint,
        fc.asyncProperty(
          body,
          fc.constantFrom("", "?project=rides", "?project=../../x", "?project=%00"),
          async (b, query) => {
            const init: RequestInit =
              b.kind === "json"
                ? {
                    method: "POST",
                    headers: { "content-type": "application/json" },
                    body: JSON.stringify(b.value) ?? "null",
                  }
                : { method: "POST", headers: b.type ? { "content-type": b.type } : {}, body: b.text };
            await probe(`${endpoint}${query}`, () => send(`${serverURL}${endpoint}${query}`, init));
          },
        ),
      );
    }, 300_000);
  }

  it("any path and method", async () => {
    const path = fc.oneof(
      fc.constantFrom("/health", "/", "/../../etc/passwd", "/get-online-features/..", "/%2e%2e/", "/push?x=1"),
      hostileString(pool).map((p) => `/${encodeURIComponent(p)}`),
    );
    await check(
      "paths",
      fc.asyncProperty(
        path,
        fc.constantFrom("GET", "POST", "PUT", "DELETE", "OPTIONS", "PATCH", "HEAD"),
        async (p, method) => {
          await probe(`${method} ${p}`, () =>
            send(`${serverURL}${p}`, { method, body: method === "GET" || method === "HEAD" ? undefined : "{}" }),
          );
        },
      ),
    );
  }, 300_000);

  it("a body over the size limit", async () => {
    await probe("17 MiB body", () =>
      send(`${serverURL}/push`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: `{"df":"${"x".repeat(17 * 1024 * 1024)}"}`,
      }),
    );
  }, 60_000);
});
