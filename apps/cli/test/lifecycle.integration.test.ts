/**
 * `pantry feature-views deprecate|retire|reactivate` as a user runs them, against a feature
 * server started beforehand: the server picks each transition up (Deprecation/Sunset headers,
 * then a 410 naming the replacement) without a restart.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FeatureStore } from "@pantry/core";
import { runServeCommand } from "../src/commands/serve";
import { BIN, pantry } from "./run-cli";

const BODY = JSON.stringify({ features: ["driver_hourly_stats:conv_rate"], entities: { driver_id: [1001] } });

describe("pantry feature-views deprecate / retire / reactivate", () => {
  let workdir: string;
  let repo: string;
  let server: Awaited<ReturnType<typeof runServeCommand>>;

  const fetchFeatures = () =>
    fetch(`${server.url}/get-online-features`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-pantry-consumer": "eta_model" },
      body: BODY,
    });

  /** The server re-reads the registry in the background at most once a second. */
  async function until(check: (response: Response) => boolean): Promise<Response> {
    for (let i = 0; i < 50; i++) {
      const response = await fetchFeatures();
      if (check(response)) return response;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error("the feature server did not pick up the change within 10 s");
  }

  beforeAll(async () => {
    workdir = mkdtempSync(join(tmpdir(), "pantry-lifecycle-cli-"));
    execFileSync("node", [BIN, "init", "lifecycle_demo", "--end", "2026-11-01T00:00:00"], { cwd: workdir });
    repo = join(workdir, "lifecycle_demo");
    expect(pantry(["apply"], repo).code).toBe(0);
    const store = new FeatureStore({ repoPath: repo });
    await store.materialize(new Date("2026-10-01T00:00:00Z"), new Date("2026-11-01T00:00:00Z"));
    await store.close();
    await (await store.registry()).close();
    server = await runServeCommand([new FeatureStore({ repoPath: repo })], { port: 0, host: "127.0.0.1" });
  });
  afterAll(async () => {
    await server?.stop();
    rmSync(workdir, { recursive: true, force: true });
  });

  it("deprecates with the impact printed first, and the running server says so in headers", async () => {
    const plain = await fetchFeatures();
    expect(plain.status).toBe(200);
    expect(plain.headers.get("deprecation")).toBeNull();

    const run = pantry(
      [
        "feature-views",
        "deprecate",
        "driver_hourly_stats",
        "--reason",
        "stats move to v2",
        "--replacement",
        "driver_profile",
        "--sunset",
        "2099-01-31",
      ],
      repo,
    );
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /FEATURE SERVICE\s+VIA\s+CONSUMERS \(TAGS\)\ndriver_activity_v1\s+driver_hourly_stats\s+-/,
    );
    expect(run.stdout).toContain(
      "Done: 'driver_hourly_stats' active -> deprecated (reason: stats move to v2; replacement: driver_profile; sunset: 2099-01-31T00:00:00.000Z)",
    );
    const flagged = await until((r) => r.headers.get("deprecation") === "true");
    expect(flagged.status).toBe(200);
    expect(flagged.headers.get("sunset")).toBe("Sat, 31 Jan 2099 00:00:00 GMT");
    expect(flagged.headers.get("x-pantry-deprecated")).toBe("driver_hourly_stats (use driver_profile)");
  });

  it("refuses mistakes with the README's exit codes", () => {
    const noReason = pantry(["feature-views", "deprecate", "driver_profile"], repo);
    expect(noReason.code).toBe(2);
    expect(noReason.stderr).toContain("deprecating feature view 'driver_profile' needs a reason");
    const active = pantry(["feature-views", "retire", "driver_profile"], repo);
    expect(active.code).toBe(5);
    expect(active.stderr).toContain(
      "deprecate it first so its consumers get a warning period, or force the retirement (--force)",
    );
    const wrongKind = pantry(["on-demand-feature-views", "deprecate", "driver_hourly_stats", "--reason", "x"], repo);
    expect(wrongKind.code).toBe(3);
    expect(wrongKind.stderr).toContain(
      "on-demand feature view 'driver_hourly_stats' is not in project 'lifecycle_demo'",
    );
  });

  it("retires (the server answers 410 naming the replacement), then reactivates, listing recent consumers", async () => {
    const retired = pantry(["feature-views", "retire", "driver_hourly_stats", "--json"], repo);
    expect(retired.code).toBe(0);
    expect(JSON.parse(retired.stdout).transition).toMatchObject({
      from: "deprecated",
      status: { state: "retired", replacement: "driver_profile" },
    });
    const gone = await until((r) => r.status !== 200);
    expect(gone.status).toBe(410);
    expect(JSON.stringify(await gone.json())).toContain(
      "feature view 'driver_hourly_stats' was retired and is no longer served; use 'driver_profile' instead",
    );

    await server.stop(); // flushes the usage rollups of the requests above
    const undone = pantry(["feature-views", "reactivate", "driver_hourly_stats", "--json"], repo);
    expect(undone.code).toBe(0);
    const output = JSON.parse(undone.stdout);
    expect(output.transition).toMatchObject({ from: "retired", status: { state: "active", replacement: null } });
    expect(output.impact.consumers).toMatchObject([{ consumer: "eta_model", features: ["conv_rate"] }]);
    expect(pantry(["feature-views", "describe", "driver_hourly_stats"], repo).stdout).toContain(
      '"lifecycle": "active"',
    );
  });
});
