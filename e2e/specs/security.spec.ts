/**
 * The console's secure defaults over HTTP, against the production build:
 * - the shared no_auth console: security headers, Host checks (DNS rebinding), Origin checks on
 *   API calls, 415 for API bodies that are not JSON, secrets redacted from listed problems;
 * - a token-auth console of its own: the sign-in cookie (a session id, Secure behind
 *   X-Forwarded-Proto: https), sign-out and `pantry auth remove-user` revoking at once,
 *   projects.refresh needing editor;
 * - `pantry ui`: loopback by default with the real URL printed, a non-loopback address refused
 *   under no_auth, and --allow-unauthenticated warned about.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { request as httpRequest } from "node:http";
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { networkInterfaces, tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, seedRepo, startServer, stopServer, waitForServer } from "../support/global-setup";
import { monorepoRoot } from "../support/paths";
import { expect, test } from "../support/fixtures";

const CLI = join(monorepoRoot, "apps", "cli", "bin", "pantry.mjs");

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** A request with any Host, Origin or content-type (fetch and browsers fix some of them). */
function raw(
  base: string,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<RawResponse> {
  const url = new URL(path, base);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path: `${url.pathname}${url.search}`,
        method: options.method ?? "GET",
        headers: options.headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString("utf8") }),
        );
      },
    );
    req.on("error", reject);
    req.end(options.body);
  });
}

const trpcInput = (input: unknown) => `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;

test.describe("the console (no_auth, loopback)", () => {
  test("sends X-Frame-Options, frame-ancestors and nosniff on pages and API answers", async ({ baseURL }) => {
    for (const path of ["/", "/api/trpc/projects.list", "/sign-in"]) {
      const response = await raw(baseURL as string, path);
      expect(response.headers["x-frame-options"], path).toBe("DENY");
      expect(response.headers["content-security-policy"], path).toBe("frame-ancestors 'none'");
      expect(response.headers["x-content-type-options"], path).toBe("nosniff");
    }
  });

  test("refuses a Host that is not this server (DNS rebinding), on pages and API calls", async ({ baseURL }) => {
    const port = new URL(baseURL as string).port;
    for (const path of ["/", "/api/trpc/projects.list"]) {
      const rebound = await raw(baseURL as string, path, { headers: { host: `rebind.attacker.example:${port}` } });
      expect(rebound.status, path).toBe(403);
      expect(rebound.text).toContain("PANTRY_ALLOWED_HOSTS");
    }
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`]) {
      expect((await raw(baseURL as string, "/api/trpc/projects.list", { headers: { host } })).status, host).toBe(200);
    }
  });

  test("refuses API calls from another origin; same-origin calls and calls without Origin pass", async ({
    baseURL,
  }) => {
    const base = baseURL as string;
    const host = new URL(base).host;
    const list = "/api/trpc/projects.list";
    const cross = await raw(base, list, { headers: { host, origin: "https://evil.example" } });
    expect(cross.status).toBe(403);
    expect(cross.text).toContain("cross-origin request from 'https://evil.example' refused");
    const crossSite = await raw(base, list, { headers: { host, "sec-fetch-site": "cross-site" } });
    expect(crossSite.status).toBe(403);
    const mutation = await raw(base, "/api/trpc/projects.refresh", {
      method: "POST",
      headers: { host, origin: "http://evil.example", "content-type": "application/json" },
      body: JSON.stringify({ json: null }),
    });
    expect(mutation.status).toBe(403);
    expect((await raw(base, list, { headers: { host, origin: base } })).status).toBe(200);
    expect((await raw(base, list, { headers: { host } })).status).toBe(200);
    // A page opened from a link elsewhere still loads (only API calls must come from the console).
    expect((await raw(base, "/", { headers: { host, "sec-fetch-site": "cross-site" } })).status).toBe(200);
  });

  test("answers 415 to tRPC mutations and sign-in bodies that are not JSON", async ({ baseURL }) => {
    const base = baseURL as string;
    for (const type of ["text/plain", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded"]) {
      const refresh = await raw(base, "/api/trpc/projects.refresh", {
        method: "POST",
        headers: { "content-type": type },
        body: JSON.stringify({ json: null }),
      });
      expect(refresh.status, type).toBe(415);
      expect(refresh.text).toContain("content-type: application/json");
    }
    const signIn = await raw(base, "/api/auth", {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: JSON.stringify({ token: "x" }),
    });
    expect(signIn.status).toBe(415);
    const json = await raw(base, "/api/trpc/projects.refresh", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ json: null }),
    });
    expect(json.status).toBe(200);
  });
});

test("bounds API bodies (413) and batches (400) before running anything", async ({ baseURL }) => {
  const base = baseURL as string;
  const huge = await raw(base, "/api/trpc/projects.refresh", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ json: "x".repeat(5 * 1024 * 1024) }),
  });
  expect(huge.status).toBe(413);
  expect(huge.text).toContain("the limit is 4194304 bytes");
  const paths = Array.from({ length: 51 }, () => "projects.list").join(",");
  const input = encodeURIComponent(JSON.stringify(Object.fromEntries(Array.from({ length: 51 }, (_, i) => [i, {}]))));
  const batch = await raw(base, `/api/trpc/${paths}?batch=1&input=${input}`);
  expect(batch.status).toBe(400);
  const ok = await raw(
    base,
    `/api/trpc/projects.list,projects.list?batch=1&input=${encodeURIComponent('{"0":{},"1":{}}')}`,
  );
  expect(ok.status).toBe(200);
});

test.describe("the console with token auth", () => {
  let tempDir = "";
  let server: ChildProcess | null = null;
  let base = "";
  let repo = "";
  const tokens = { viewer: "", editor: "" };

  function addUser(name: string, role: string): string {
    const out = execFileSync(process.execPath, [CLI, "-c", repo, "auth", "add-user", name, "--role", role], {
      cwd: monorepoRoot,
      encoding: "utf8",
    });
    return /Token \(shown once, keep it secret\): (\S+)/.exec(out)?.[1] ?? "";
  }

  test.beforeAll(async () => {
    tempDir = mkdtempSync(join(tmpdir(), "pantry-e2e-security-"));
    const workspace = join(tempDir, "workspace");
    mkdirSync(workspace);
    repo = join(workspace, "model_a_features");
    seedRepo(join(monorepoRoot, "feature_store", "model_a_features"), repo);
    appendFileSync(join(repo, "feature_store.yaml"), "\nauth:\n  type: token\n  tokens_file: users.yaml\n");
    // A second repo whose online store config is broken and carries a password.
    const broken = join(workspace, "broken_repo");
    mkdirSync(broken);
    writeFileSync(
      join(broken, "feature_store.yaml"),
      'project: broken_repo\nonline_store:\n  type: redis\n  connection_string: "redis.internal:notaport,password=hunter2"\n',
    );
    tokens.viewer = addUser("vic", "viewer");
    tokens.editor = addUser("eve", "editor");
    const port = await freePort();
    const logFile = join(tempDir, "next.log");
    server = startServer(port, workspace, logFile);
    base = `http://127.0.0.1:${port}`;
    await waitForServer(base, server, logFile, "/sign-in");
  });

  test.afterAll(() => {
    if (server) stopServer(server);
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  });

  const signIn = (token: string, headers: Record<string, string> = {}) =>
    raw(base, "/api/auth", {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ token }),
    });
  const cookieOf = (response: RawResponse) => String(response.headers["set-cookie"] ?? "").split(";")[0] ?? "";
  const me = (cookie: string) => raw(base, "/api/trpc/auth.me", { headers: { cookie } });

  test("the sign-in cookie holds a session id, not the token, and is Secure behind an https proxy", async () => {
    const plain = await signIn(tokens.viewer);
    expect(plain.status).toBe(200);
    const setCookie = String(plain.headers["set-cookie"]);
    expect(setCookie).toMatch(/^pantry_session=ps_[A-Za-z0-9_-]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+$/);
    expect(setCookie).not.toContain(tokens.viewer);
    expect(setCookie).not.toContain("Secure");
    const proxied = await signIn(tokens.viewer, { "x-forwarded-proto": "https" });
    expect(String(proxied.headers["set-cookie"])).toMatch(/; Secure$/);
    expect((await me(cookieOf(proxied))).text).toContain('"name":"vic"');
    const wrong = await signIn("pantry_not-a-token");
    expect(wrong.status).toBe(401);
  });

  test("signing out revokes the session on the server: the old cookie no longer works", async () => {
    const cookie = cookieOf(await signIn(tokens.viewer));
    expect((await me(cookie)).status).toBe(200);
    const out = await raw(base, "/api/auth", { method: "DELETE", headers: { cookie } });
    expect(out.status).toBe(204);
    expect(String(out.headers["set-cookie"])).toContain("Max-Age=0");
    // Replaying the cookie (as a copy kept by an attacker would) is refused.
    expect((await me(cookie)).status).toBe(401);
  });

  test("pantry auth remove-user signs the user out at once", async () => {
    const token = addUser("tmp_user", "viewer");
    const cookie = cookieOf(await signIn(token));
    expect((await me(cookie)).status).toBe(200);
    execFileSync(process.execPath, [CLI, "-c", repo, "auth", "remove-user", "tmp_user"], { cwd: monorepoRoot });
    expect((await me(cookie)).status).toBe(401);
    expect((await raw(base, "/api/trpc/auth.me", { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
  });

  test("projects.refresh closes stores, so a viewer may not call it; an editor may", async () => {
    const refresh = (token: string) =>
      raw(base, "/api/trpc/projects.refresh", {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({ json: null }),
      });
    const denied = await refresh(tokens.viewer);
    expect(denied.status).toBe(403);
    expect(denied.text).toContain("that needs the editor role");
    expect((await refresh(tokens.editor)).status).toBe(200);
  });

  test("problems shown to a viewer never carry the password of a connection string", async () => {
    const response = await raw(base, `/api/trpc/projects.list${trpcInput(undefined)}`, {
      headers: { authorization: `Bearer ${tokens.viewer}` },
    });
    expect(response.status).toBe(200);
    expect(response.text).toContain("online_store.connection_string");
    expect(response.text).not.toContain("hunter2");
  });

  test("a Host named in PANTRY_ALLOWED_HOSTS (a proxy's public name) is accepted, others are not", async () => {
    const port = await freePort();
    const logFile = join(tempDir, "next-allowed.log");
    const proxied = startServer(port, join(tempDir, "workspace"), logFile, {
      PANTRY_ALLOWED_HOSTS: "pantry.example.com",
    });
    try {
      const url = `http://127.0.0.1:${port}`;
      await waitForServer(url, proxied, logFile, "/sign-in");
      const headers = { host: "pantry.example.com", "x-forwarded-proto": "https" };
      expect((await raw(url, "/sign-in", { headers })).status).toBe(200);
      const sameOrigin = await raw(url, "/api/auth", {
        method: "POST",
        headers: { ...headers, origin: "https://pantry.example.com", "content-type": "application/json" },
        body: JSON.stringify({ token: tokens.viewer }),
      });
      expect(sameOrigin.status).toBe(200);
      expect(String(sameOrigin.headers["set-cookie"])).toMatch(/; Secure$/);
      expect((await raw(url, "/sign-in", { headers: { host: "other.example.com" } })).status).toBe(403);
    } finally {
      stopServer(proxied);
    }
  });
});

test.describe("pantry ui", () => {
  let tempDir = "";
  let workspace = "";

  test.beforeAll(() => {
    tempDir = mkdtempSync(join(tmpdir(), "pantry-e2e-ui-"));
    workspace = join(tempDir, "workspace");
    mkdirSync(workspace);
    seedRepo(join(monorepoRoot, "feature_store", "model_a_features"), join(workspace, "model_a_features"));
  });
  test.afterAll(() => {
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  });

  /** Starts `pantry ui` and resolves once it printed its URL (or exited). */
  function startUi(args: string[]): Promise<{ child: ChildProcess; stdout: string; stderr: string }> {
    const child = spawn(process.execPath, [CLI, "ui", "--workspace", workspace, ...args], {
      cwd: monorepoRoot,
      env: { ...process.env, NO_COLOR: "1", PANTRY_SCHEDULER: "off", PANTRY_HOST: "", PANTRY_ALLOWED_HOSTS: "" },
      detached: true,
    });
    const out = { child, stdout: "", stderr: "" };
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(out), 60_000);
      child.stdout?.on("data", (chunk: Buffer) => {
        out.stdout += chunk.toString();
        if (out.stdout.includes("Pantry console on")) {
          clearTimeout(timer);
          resolve(out);
        }
      });
      child.stderr?.on("data", (chunk: Buffer) => {
        out.stderr += chunk.toString();
      });
      child.once("exit", () => {
        clearTimeout(timer);
        resolve(out);
      });
    });
  }

  const otherAddress = Object.values(networkInterfaces())
    .flat()
    .find((nic) => nic && nic.family === "IPv4" && !nic.internal)?.address;

  test("listens on 127.0.0.1 by default, prints that URL, and answers nothing on other addresses", async () => {
    const port = await freePort();
    const ui = await startUi(["--port", String(port)]);
    try {
      expect(ui.stdout).toContain(`Pantry console on http://127.0.0.1:${port}\n`);
      expect((await raw(`http://127.0.0.1:${port}`, "/sign-in")).status).toBe(200);
      if (otherAddress) {
        await expect(raw(`http://${otherAddress}:${port}`, "/sign-in")).rejects.toThrow(/ECONNREFUSED/);
      }
    } finally {
      stopServer(ui.child);
    }
  });

  test("refuses 0.0.0.0 under no_auth with how to turn token auth on; --allow-unauthenticated warns", async () => {
    const refused = await startUi(["--port", "0", "--host", "0.0.0.0"]);
    expect(refused.child.exitCode).toBe(5);
    expect(refused.stderr).toContain("refusing to start the console on 0.0.0.0");
    expect(refused.stderr).toContain("tokens_file: users.yaml");
    expect(refused.stderr).toContain("pantry auth add-user");

    const port = await freePort();
    const allowed = await startUi(["--port", String(port), "--host", "0.0.0.0", "--allow-unauthenticated"]);
    try {
      expect(allowed.stderr).toContain("WARNING: the console listens on 0.0.0.0 with auth: no_auth");
      expect(allowed.stdout).toContain(`Pantry console on http://0.0.0.0:${port} (every interface of this machine)`);
      // Bound to every interface, the console still takes only its own addresses as Host.
      if (otherAddress) {
        expect((await raw(`http://${otherAddress}:${port}`, "/sign-in")).status).toBe(200);
      }
      const rebound = await raw(`http://127.0.0.1:${port}`, "/sign-in", { headers: { host: "attacker.example" } });
      expect(rebound.status).toBe(403);
    } finally {
      stopServer(allowed.child);
    }
  });
});
