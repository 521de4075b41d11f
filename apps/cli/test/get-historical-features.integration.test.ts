/**
 * `pantry get-historical-features` as a user runs it, with an on-demand feature view added to the
 * repo `init` makes: a real process, a real repo in a temp folder, DuckDB over its Parquet files.
 */
import { execFileSync } from "node:child_process";
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, pantry } from "./run-cli";

const ON_DEMAND_VIEW = `
import { OnDemandFeatureView, RequestSource } from "@pantry/sdk";

export const tripRequest = new RequestSource({ name: "trip", schema: [{ name: "distance_km", dtype: "Float64" }] });

export const tripFeatures = new OnDemandFeatureView({
  name: "trip_features",
  sources: [driverHourlyStats, tripRequest],
  schema: [
    { name: "distance_m", dtype: "Float64" },
    { name: "has_stats", dtype: "Bool" },
  ],
  transform: (row) => ({ distance_m: Number(row.distance_km) * 1000, has_stats: row.avg_daily_trips != null }),
});
`;

describe("pantry get-historical-features with an on-demand feature view", () => {
  let workdir: string;
  let repo: string;

  beforeAll(() => {
    workdir = mkdtempSync(join(tmpdir(), "pantry-cli-odfv-"));
    execFileSync("node", [BIN, "init", "odfv_demo", "--end", "2026-11-01T00:00:00"], { cwd: workdir });
    repo = join(workdir, "odfv_demo");
    appendFileSync(join(repo, "feature_definitions.ts"), ON_DEMAND_VIEW);
    expect(pantry(["apply"], repo).code).toBe(0);
    // 1001 has hourly stats at that time; 424242 has none.
    writeFileSync(
      join(repo, "trips.csv"),
      "driver_id,event_timestamp,distance_km\n1001,2026-10-31T12:30:00Z,2.5\n424242,2026-10-31T12:30:00Z,1\n",
    );
    writeFileSync(join(repo, "no-distance.csv"), "driver_id,event_timestamp\n1001,2026-10-31T12:30:00Z\n");
  });
  afterAll(() => rmSync(workdir, { recursive: true, force: true }));

  it("writes the on-demand features next to plain ones and counts the on-demand view as a view", () => {
    const features = "trip_features:distance_m,driver_hourly_stats:conv_rate,trip_features:has_stats";
    const run = pantry(
      ["get-historical-features", "--entity-df", "trips.csv", "--features", features, "-o", "out.csv"],
      repo,
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Wrote 2 rows x 6 columns \(2 views\) to out\.csv in \d+\.\d s\n$/);
    const [header, ...lines] = readFileSync(join(repo, "out.csv"), "utf8").trim().split("\n");
    expect(header).toBe("driver_id,event_timestamp,distance_km,distance_m,has_stats,conv_rate");
    expect(lines.map((line) => line.split(",").slice(3, 5))).toEqual([
      ["2500.0", "true"],
      ["1000.0", "false"],
    ]);
  });

  it("names the missing request column, the view and the entity file, and writes nothing", () => {
    const run = pantry(
      [
        "get-historical-features",
        "--entity-df",
        "no-distance.csv",
        "--features",
        "trip_features:distance_m",
        "-o",
        "bad.csv",
      ],
      repo,
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /entity file .*no-distance\.csv has no column 'distance_km', a request field of on-demand feature view 'trip_features'/,
    );
    expect(existsSync(join(repo, "bad.csv"))).toBe(false);
  });

  it("--save-as registers the result: summary, describe, a second save refused, --overwrite replaces", () => {
    const args = ["get-historical-features", "--entity-df", "trips.csv", "--features", "driver_hourly_stats:conv_rate"];
    const first = pantry([...args, "-o", "train.parquet", "--save-as", "trips_v1"], repo);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(
      /Saved dataset 'trips_v1' in project 'odfv_demo' \(1 features, 2026-10-31T12:30:00\.000Z to 2026-10-31T12:30:00\.000Z\)/,
    );
    const described = JSON.parse(pantry(["saved-datasets", "describe", "trips_v1", "--json"], repo).stdout);
    expect(described).toMatchObject({ name: "trips_v1", rows: 2, features: ["driver_hourly_stats:conv_rate"] });
    expect(described.location).toBe(join(repo, "train.parquet"));

    const again = pantry([...args, "-o", "other.parquet", "--save-as", "trips_v1"], repo);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toMatch(/saved dataset 'trips_v1' already exists in project 'odfv_demo'.*--overwrite/);
    expect(existsSync(join(repo, "other.parquet"))).toBe(false);

    const replaced = pantry([...args, "-o", "other.parquet", "--save-as", "trips_v1", "--overwrite"], repo);
    expect(replaced.code).toBe(0);
    expect(replaced.stdout).toMatch(/Replaced dataset 'trips_v1'/);
  });

  it("--overwrite without --save-as is a usage error", () => {
    const run = pantry(
      [
        "get-historical-features",
        "--entity-df",
        "trips.csv",
        "--features",
        "driver_hourly_stats:conv_rate",
        "-o",
        "x.csv",
        "--overwrite",
      ],
      repo,
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--overwrite goes with --save-as <name>/);
  });
});
