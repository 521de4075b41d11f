/**
 * `pantry serve` on SIGTERM: it stops accepting, the request in flight (a /materialize of a whole
 * example repo, seconds of work) is answered, the stores close and the process exits 0.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { freeLoopbackPort as freePort } from "@pantry/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, pantry } from "./run-cli";

const EXAMPLE = resolve(import.meta.dirname, "..", "..", "..", "feature_store", "model_a_features");

async function waitForHealth(url: string, child: ChildProcess, output: () => string): Promise<void> {
  for (let attempt = 0; attempt < 300; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`pantry serve exited with ${child.exitCode}:\n${output()}`);
    const ok = await fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`pantry serve did not answer /health:\n${output()}`);
}

describe("pantry serve on SIGTERM", () => {
  let workdir: string;
  let repo: string;
  beforeAll(() => {
    workdir = mkdtempSync(join(tmpdir(), "pantry-sigterm-"));
    repo = join(workdir, "model_a_features");
    cpSync(EXAMPLE, repo, { recursive: true, filter: (path) => !/(registry|online_store)\.db/.test(basename(path)) });
    const applied = pantry(["apply"], repo);
    expect(applied.code, applied.stderr).toBe(0);
  });
  afterAll(() => rmSync(workdir, { recursive: true, force: true }));

  it("answers the request in flight, refuses new connections and exits 0", async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const child = spawn("node", [BIN, "serve", "--port", String(port)], {
      cwd: repo,
      env: { ...process.env, NO_COLOR: "1", PANTRY_SCHEDULER: "off" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout?.on("data", (chunk) => (output += chunk));
    child.stderr?.on("data", (chunk) => (output += chunk));
    const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
    await waitForHealth(url, child, () => output);

    const events: string[] = [];
    const inFlight = fetch(`${url}/materialize`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ start_ts: "2000-01-01T00:00:00", end_ts: "2026-11-01T00:00:00" }),
    }).then(async (response) => {
      events.push("answered");
      return { status: response.status, body: (await response.json()) as { views?: { status: string }[] } };
    });
    // The materialization has started once its job shows in the server's output or after a moment.
    await new Promise((r) => setTimeout(r, 400));
    events.push("SIGTERM");
    child.kill("SIGTERM");

    const answered = await inFlight;
    expect(events).toEqual(["SIGTERM", "answered"]);
    expect(answered.status).toBe(200);
    expect(JSON.stringify(answered.body)).not.toMatch(/"status":"failed"/);
    expect(await exited, output).toBe(0);
    expect(output).toMatch(/SIGTERM: stopping the feature server/);
    expect(output).toMatch(/Feature server stopped/);
    await expect(fetch(`${url}/health`)).rejects.toThrow();

    // The registry was closed cleanly: the CLI opens it again.
    const listed = pantry(["feature-views", "list", "--json"], repo);
    expect(listed.code, listed.stderr).toBe(0);
  });
});
