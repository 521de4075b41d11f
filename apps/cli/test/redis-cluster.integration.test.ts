/**
 * The CLI on a real Redis Cluster (3 masters, one replica each, on loopback): the example repo
 * applied, materialized into the cluster and torn down, each command a real process that must
 * exit by itself (a client timer left running once kept `pantry materialize` alive forever).
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type OnlineBackend, type RedisClusterHandle, startOnlineBackend } from "@pantry/core/testing";
import { BIN } from "./run-cli";

const EXAMPLE = resolve(dirname(fileURLToPath(import.meta.url)), "../../../feature_store/model_a_features");

function run(args: string[], cwd: string) {
  const result = spawnSync("node", [BIN, ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
    // A command that does not exit is killed and fails the test (each takes seconds).
    timeout: 40_000,
    killSignal: "SIGKILL",
  });
  return { code: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
}

describe("pantry on a Redis Cluster online store", () => {
  let backend: OnlineBackend;
  let cluster: RedisClusterHandle;
  let workdir: string;
  let repo: string;
  const prefix = `pantry-test-cli-${process.pid}:`;

  beforeAll(async () => {
    backend = await startOnlineBackend("redis_cluster");
    cluster = backend.cluster as RedisClusterHandle;
    workdir = mkdtempSync(join(tmpdir(), "pantry-cli-cluster-"));
    repo = join(workdir, "model_a_features");
    cpSync(EXAMPLE, repo, {
      recursive: true,
      filter: (path) => !/registry\.db|online_store\.db/.test(path),
    });
    const yaml = readFileSync(join(repo, "feature_store.yaml"), "utf8").replace(
      /online_store:\n(?: {2}.*\n)*/,
      backend.yaml(prefix),
    );
    writeFileSync(join(repo, "feature_store.yaml"), yaml);
  });
  afterAll(async () => {
    await backend?.stop();
    if (workdir) rmSync(workdir, { recursive: true, force: true });
  });

  it("applies, materializes into the cluster, tears down every master's keys; each command exits by itself", () => {
    expect(readFileSync(join(repo, "feature_store.yaml"), "utf8")).toContain("redis_type: redis_cluster");
    const applied = run(["apply"], repo);
    expect(applied.stderr).toBe("");
    expect(applied.code).toBe(0);

    const materialized = run(["materialize", "2025-11-01T00:00:00", "2026-11-01T00:00:00", "--json"], repo);
    expect(materialized.signal).toBeNull();
    expect(materialized.code).toBe(0);
    const result = JSON.parse(materialized.stdout) as { status: string; rowsWritten: number };
    expect(result.status).toBe("succeeded");
    expect(result.rowsWritten).toBeGreaterThan(10_000);
    const keysPerMaster = () =>
      cluster.masters.map(
        (m) =>
          cluster
            .cli(m.port, "--scan", "--pattern", `${prefix}*`)
            .split("\n")
            .filter((k) => k !== "").length,
      );
    // Spread over the three masters.
    for (const count of keysPerMaster()) expect(count).toBeGreaterThan(100);

    const tornDown = run(["teardown"], repo);
    expect(tornDown.signal).toBeNull();
    expect(tornDown.code).toBe(0);
    expect(keysPerMaster()).toEqual([0, 0, 0]);
  }, 150_000);
});
