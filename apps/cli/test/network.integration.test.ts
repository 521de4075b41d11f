/**
 * What `pantry serve` and `pantry ui` listen on, as a user runs them: loopback by default and
 * printed as the address really bound; a no_auth repo on any other address refused with how to
 * turn token auth on, unless --allow-unauthenticated (warned on every start); a broken auth
 * config refuses the start; `pantry auth remove-user`; secrets never printed in errors.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readTokensFile } from "@pantry/core";
import { BIN, pantry } from "./run-cli";

/** Starts `pantry serve` and resolves with its output once it printed its URL (or exited). */
function startServe(
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
): Promise<{ child: ChildProcess; stdout: string; stderr: string; url: string | null }> {
  const child = spawn("node", [BIN, "serve", "--port", "0", ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: "1", PANTRY_SCHEDULER: "off", ...env },
  });
  let stdout = "";
  let stderr = "";
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ child, stdout, stderr, url: null }), 30_000);
    child.stdout?.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      const url = / on (http:\/\/\S+)/.exec(stdout)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ child, stdout, stderr, url });
      }
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.once("exit", () => {
      clearTimeout(timer);
      resolve({ child, stdout, stderr, url: null });
    });
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

describe("pantry serve / ui: where they listen", () => {
  let workdir: string;
  let repo: string;

  beforeAll(() => {
    workdir = mkdtempSync(join(tmpdir(), "pantry-cli-net-"));
    execFileSync("node", [BIN, "init", "cli_net"], { cwd: workdir });
    repo = join(workdir, "cli_net");
    execFileSync("node", [BIN, "apply"], { cwd: repo });
  }, 120_000);
  afterAll(() => rmSync(workdir, { recursive: true, force: true }));

  it("serve listens on 127.0.0.1 by default and prints the address and port really bound", async () => {
    const run = await startServe([], repo);
    try {
      expect(run.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(run.url?.endsWith(":0")).toBe(false);
      const health = await fetch(`${run.url}/health`);
      expect(await health.json()).toEqual({ status: "ok" });
      expect(run.stderr).toBe("");
    } finally {
      await stop(run.child);
    }
  });

  it("serve and ui refuse a non-loopback address under no_auth, saying how to turn token auth on", () => {
    for (const args of [
      ["serve", "--host", "0.0.0.0", "--port", "0"],
      ["ui", "--host", "0.0.0.0", "--port", "0"],
      ["serve", "--host", "192.0.2.10", "--port", "0"],
    ]) {
      const run = pantry(args, repo);
      expect(run.code, args.join(" ")).toBe(5);
      expect(run.stderr).toContain("refusing to start");
      expect(run.stderr).toContain("auth: no_auth");
      expect(run.stderr).toContain("tokens_file: users.yaml");
      expect(run.stderr).toContain("pantry auth add-user <name> --role viewer|editor|admin");
      expect(run.stderr).toContain("--allow-unauthenticated");
    }
    // PANTRY_HOST (what pnpm start passes on) is held to the same rule.
    const viaEnv = run(["serve", "--port", "0"], repo, { PANTRY_HOST: "0.0.0.0" });
    expect(viaEnv.code).toBe(5);
  });

  it("--allow-unauthenticated starts on that address with a warning", async () => {
    const run = await startServe(["--host", "0.0.0.0", "--allow-unauthenticated"], repo);
    try {
      expect(run.url).toMatch(/^http:\/\/0\.0\.0\.0:\d+$/);
      expect(run.stderr).toContain("WARNING: the feature server listens on 0.0.0.0 with auth: no_auth");
    } finally {
      await stop(run.child);
    }
  });

  it("a non-loopback address is fine with token auth", async () => {
    execFileSync("node", [BIN, "init", "cli_net_secured"], { cwd: workdir });
    const path = join(workdir, "cli_net_secured");
    appendFileSync(join(path, "feature_store.yaml"), "auth:\n  type: token\n  tokens_file: users.yaml\n");
    execFileSync("node", [BIN, "apply"], { cwd: path });
    const run = await startServe(["--host", "0.0.0.0"], path);
    try {
      expect(run.url).toMatch(/^http:\/\/0\.0\.0\.0:\d+$/);
      expect(run.stderr).not.toContain("WARNING");
    } finally {
      await stop(run.child);
    }
  });

  it("an auth config that does not parse refuses the start; it never falls back to no_auth", () => {
    const broken = join(workdir, "broken_ws");
    mkdirSync(broken);
    execFileSync("node", [BIN, "init", "good_repo"], { cwd: broken });
    execFileSync("node", [BIN, "init", "bad_repo"], { cwd: broken });
    appendFileSync(join(broken, "bad_repo", "feature_store.yaml"), "auth:\n  type: oidc\n");
    const ui = pantry(["ui", "--workspace", broken, "--port", "0"], workdir);
    expect(ui.code).toBe(5);
    expect(ui.stderr).toContain("never falls back to no_auth");
    expect(ui.stderr).toContain('auth type "oidc" is not supported');
    const serve = pantry(["serve", "--workspace", broken, "--port", "0"], workdir);
    expect(serve.code).toBe(2);
    expect(serve.stderr).toContain('auth type "oidc" is not supported');
    const single = pantry(["ui", "--port", "0"], join(broken, "bad_repo"));
    expect(single.code).toBe(2);
  });

  it("errors never print passwords from connection strings", () => {
    const leaky = join(workdir, "leaky");
    execFileSync("node", [BIN, "init", "leaky"], { cwd: workdir });
    const config = join(leaky, "feature_store.yaml");
    writeFileSync(
      config,
      readFileSync(config, "utf8").replace(
        /^registry:.*$/m,
        "registry: postgresql://pantry:hunter2@127.0.0.1:1/x?password=hunter3",
      ),
    );
    const run = pantry(["registry-dump"], leaky);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain("postgresql://pantry:***@127.0.0.1:1/x");
    expect(run.stderr).not.toContain("hunter2");
    expect(run.stderr).not.toContain("hunter3");
  });
});

/** `pantry()` with extra environment variables. */
function run(args: string[], cwd: string, env: NodeJS.ProcessEnv) {
  try {
    const stdout = execFileSync("node", [BIN, ...args], {
      cwd,
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1", ...env },
      timeout: 30_000,
      stdio: "pipe",
    });
    return { code: 0, stdout, stderr: "" };
  } catch (error) {
    const e = error as { status: number | null; stdout: string; stderr: string };
    return { code: e.status, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("pantry auth remove-user", () => {
  let workdir: string;
  let repo: string;

  beforeAll(() => {
    workdir = mkdtempSync(join(tmpdir(), "pantry-cli-remove-"));
    execFileSync("node", [BIN, "init", "cli_remove"], { cwd: workdir });
    repo = join(workdir, "cli_remove");
    appendFileSync(join(repo, "feature_store.yaml"), "auth:\n  type: token\n  tokens_file: users.yaml\n");
  });
  afterAll(() => rmSync(workdir, { recursive: true, force: true }));

  it("removes a user from the tokens file and names the users when the name is unknown", () => {
    expect(pantry(["auth", "add-user", "ana", "--role", "viewer"], repo).code).toBe(0);
    expect(pantry(["auth", "add-user", "bob", "--role", "editor"], repo).code).toBe(0);
    const run = pantry(["auth", "remove-user", "ana"], repo);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Removed 'ana' from ${join(repo, "users.yaml")}; their token no longer works`);
    expect(readTokensFile(join(repo, "users.yaml")).map((u) => u.name)).toEqual(["bob"]);
    const unknown = pantry(["auth", "remove-user", "ana"], repo);
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toContain(`no user 'ana' in ${join(repo, "users.yaml")} (users: bob)`);
  });
});
