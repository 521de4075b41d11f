/**
 * The governance verbs as a user runs them: deprecating and retiring a single feature and a
 * feature service, the notices that creates and their acknowledgement, apply refusing code that
 * still reads a retired feature, service drift, and `pantry audit list` with its filters.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, pantry } from "./run-cli";

describe("pantry features / feature-services lifecycle, notices, audit list", () => {
  let workdir: string;
  let repo: string;

  beforeAll(() => {
    workdir = mkdtempSync(join(tmpdir(), "pantry-governance-cli-"));
    execFileSync("node", [BIN, "init", "governance_demo", "--end", "2026-11-01T00:00:00"], { cwd: workdir });
    repo = join(workdir, "governance_demo");
    expect(pantry(["apply"], repo).code).toBe(0);
  });
  afterAll(() => {
    rmSync(workdir, { recursive: true, force: true });
  });

  it("deprecates a feature, notifies the service's owner, who acknowledges", () => {
    const run = pantry(
      [
        "features",
        "deprecate",
        "driver_hourly_stats:acc_rate",
        "--reason",
        "noisy",
        "--replacement",
        "driver_hourly_stats:conv_rate",
        "--sunset",
        "2999-01-01",
      ],
      repo,
    );
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("driver_activity_v1");
    expect(run.stdout).toContain(
      "Done: 'driver_hourly_stats:acc_rate' active -> deprecated (reason: noisy; replacement: driver_hourly_stats:conv_rate; sunset: 2999-01-01T00:00:00.000Z)",
    );
    const listed = pantry(["notices", "list", "--json"], repo);
    const notices = JSON.parse(listed.stdout) as { id: string; subject: string; owner: string; target: string }[];
    expect(notices.map((n) => [n.target, n.subject, n.owner])).toEqual([
      ["driver_hourly_stats:acc_rate", "driver_activity_v1", "ml-team@example.com"],
    ]);
    const ack = pantry(["notices", "ack", notices[0]?.id ?? ""], repo);
    expect(ack.code).toBe(0);
    expect(ack.stdout).toContain("Acknowledged: driver_activity_v1 knows 'driver_hourly_stats:acc_rate' is deprecated");
    expect(pantry(["notices", "list"], repo).stdout).toContain("(none)");
    expect(pantry(["notices", "list", "--all"], repo).stdout).toContain("driver_activity_v1");
    const again = pantry(["notices", "ack", notices[0]?.id ?? ""], repo);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain("was already acknowledged");
  });

  it("retires it; apply of code still reading it fails naming it and its replacement", () => {
    const retire = pantry(["features", "retire", "driver_hourly_stats:acc_rate"], repo);
    expect(retire.code).toBe(0);
    const apply = pantry(["apply"], repo);
    expect(apply.code).not.toBe(0);
    expect(apply.stderr).toContain(
      "feature service 'driver_activity_v1' reads feature 'driver_hourly_stats:acc_rate', which is retired (use 'driver_hourly_stats:conv_rate' instead)",
    );
    expect(apply.stderr).not.toContain("    at ");
    const definitions = join(repo, "feature_definitions.ts");
    writeFileSync(
      definitions,
      readFileSync(definitions, "utf8").replace(
        "features: [driverHourlyStats, ",
        `features: [driverHourlyStats.select(["conv_rate", "avg_daily_trips"]), `,
      ),
    );
    expect(pantry(["apply"], repo).code).toBe(0);
    expect(pantry(["features", "reactivate", "driver_hourly_stats:acc_rate"], repo).code).toBe(0);
  });

  it("deprecates a feature service and reports drift", () => {
    const run = pantry(["feature-services", "deprecate", "driver_activity_v1", "--reason", "v2 coming"], repo);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("'driver_activity_v1' active -> deprecated (reason: v2 coming)");
    const bad = pantry(["feature-services", "deprecate", "nope", "--reason", "x"], repo);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain("feature service 'nope' is not in project 'governance_demo'");
    const drift = pantry(["feature-services", "drift", "driver_activity_v1"], repo);
    expect(drift.code).toBe(0);
    expect(drift.stdout).toContain("up to date");
  });

  it("lists the audit log with filters, as a table and as JSON", () => {
    const all = JSON.parse(pantry(["audit", "list", "--since", "1h", "--json"], repo).stdout) as { action: string }[];
    expect(all.map((e) => e.action)).toEqual([
      "deprecate",
      "reactivate",
      "apply",
      "retire",
      "acknowledge",
      "deprecate",
      "apply",
    ]);
    const deprecations = pantry(
      ["audit", "list", "--action", "deprecate", "--object", "feature:driver_hourly_stats:acc_rate"],
      repo,
    );
    expect(deprecations.code).toBe(0);
    expect(deprecations.stdout.split("\n").filter((l) => l.includes("deprecate"))).toHaveLength(1);
    expect(deprecations.stdout).toContain("feature:driver_hourly_stats:acc_rate");
    expect(pantry(["audit", "list", "--since", "2999-01-01"], repo).stdout).toContain("(none)");
    const bad = pantry(["audit", "list", "--since", "yesterday"], repo);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain("audit filter since 'yesterday' is neither a time");
  });
});
