/**
 * Writes the data of the example feature repos feature_store/model_a_features (ride-hailing:
 * trip ETA and driver churn) and feature_store/model_b_features (BNPL checkout credit risk), plus
 * their feature_store.yaml. Their feature_definitions.ts are written by hand and describe these files.
 *
 *   cd /work/main && npx tsx scripts/generate-example-data.ts
 *
 * Deterministic: every "random" number is a hash of (row key, salt) computed by DuckDB, all dates
 * are fixed (history ends 2026-11-01T00:00:00Z), DuckDB runs single-threaded and every file is
 * written in a total ORDER BY, so two runs give byte-identical files.
 * feature_store/credit_scoring holds Feast's own credit-scoring demo data and is not generated here.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import type { DuckDBConnection } from "@duckdb/node-api";

const ROOT = resolve(dirname(resolve(process.argv[1] ?? "scripts/generate-example-data.ts")), "..", "feature_store");
const DATA_DIRS = ["base_data", "temporal_data", "entity_snapshots", "labels"] as const;

/** Shared SQL helpers: uniform and normal pseudo-random numbers from a hash of (key, salt). */
const PRELUDE = `
SET threads = 1;
SET TimeZone = 'UTC';
SET preserve_insertion_order = true;
CREATE OR REPLACE MACRO rnd(k, s) AS ((hash(k, s) % 1000000)::DOUBLE + 0.5) / 1000000.0;
CREATE OR REPLACE MACRO rnorm(k, s) AS sqrt(-2.0 * ln(rnd(k, s || ':a'))) * cos(2.0 * pi() * rnd(k, s || ':b'));
CREATE OR REPLACE MACRO clamp(x, lo, hi) AS least(greatest(x, lo), hi);
CREATE OR REPLACE MACRO ts_of(epoch_seconds) AS to_timestamp(round(epoch_seconds)::BIGINT);
CREATE OR REPLACE MACRO sigmoid(z) AS 1.0 / (1.0 + exp(-(z)));
`;

function featureStoreYaml(project: string): string {
  return [
    `project: ${project}`,
    "provider: local",
    "registry: data/registry.db",
    "online_store:",
    "  type: sqlite",
    "  path: data/online_store.db",
    "offline_store:",
    "  type: file",
    "entity_key_serialization_version: 3",
    "",
  ].join("\n");
}

interface Output {
  /** Relative to the repo folder. */
  path: string;
  /** SELECT producing the file's rows, with a total ORDER BY. */
  select: string;
}

interface ModelSpec {
  project: string;
  /** Statements building the intermediate tables. */
  build: string[];
  outputs: Output[];
}

// ---------------------------------------------------------------------------------------------
// model_a_features: a ride-hailing marketplace (trip ETA model and driver churn model).
// 150 city zones, 3,000 drivers, 8,000 riders. Hourly stats cover the last 60 days, weekly
// snapshots the last 26 weeks; history ends 2026-11-01T00:00:00Z.
// ---------------------------------------------------------------------------------------------
const MODEL_A: ModelSpec = {
  project: "model_a_features",
  build: [
    // Hour-of-day shapes shared by driver supply, rider demand and traffic speed.
    `CREATE OR REPLACE MACRO commute_peak(h) AS exp(-pow(h - 8.0, 2) / 3.0) + exp(-pow(h - 17.5, 2) / 4.0)`,
    `CREATE OR REPLACE MACRO demand_profile(h, wknd) AS CASE WHEN wknd
        THEN 0.40 + 0.35 * exp(-pow(h - 13.0, 2) / 18.0) + 0.65 * exp(-pow(h - 23.0, 2) / 5.0) + 0.55 * exp(-pow(h + 1.0, 2) / 5.0)
        ELSE 0.22 + 0.95 * commute_peak(h) + 0.25 * exp(-pow(h - 12.5, 2) / 4.0) END`,
    `CREATE OR REPLACE MACRO speed_factor(h, wknd) AS CASE WHEN wknd
        THEN 1.0 - 0.15 * exp(-pow(h - 14.0, 2) / 10.0)
        ELSE 1.0 - 0.40 * (exp(-pow(h - 8.0, 2) / 3.0) + exp(-pow(h - 17.5, 2) / 4.0)) END`,

    // Zones: type, distance from the city centre (km), typical demand and speed.
    `CREATE TABLE zones AS
     WITH z AS (SELECT z AS location_id, rnd(z, 'zone_type') AS u FROM range(1, 151) t(z)),
     typed AS (
       SELECT location_id,
         CASE WHEN location_id IN (37, 112) THEN 'airport' WHEN u < 0.12 THEN 'downtown' WHEN u < 0.32 THEN 'commercial'
              WHEN u < 0.82 THEN 'residential' ELSE 'suburban' END AS zone_type
       FROM z)
     SELECT location_id, zone_type,
       CASE zone_type WHEN 'airport' THEN 14.0 WHEN 'downtown' THEN 0.3 + 1.5 * rnd(location_id, 'r')
            WHEN 'commercial' THEN 1.2 + 3.8 * rnd(location_id, 'r') WHEN 'residential' THEN 2.5 + 6.0 * rnd(location_id, 'r')
            ELSE 6.0 + 8.0 * rnd(location_id, 'r') END AS radius_km,
       2.0 * pi() * rnd(location_id, 'angle') AS angle,
       CASE zone_type WHEN 'airport' THEN 95 WHEN 'downtown' THEN 130 WHEN 'commercial' THEN 70 WHEN 'residential' THEN 32 ELSE 14 END
         * exp(0.25 * rnorm(location_id, 'demand')) AS base_demand,
       CASE zone_type WHEN 'airport' THEN 38 WHEN 'downtown' THEN 17 WHEN 'commercial' THEN 24 WHEN 'residential' THEN 31 ELSE 44 END
         * exp(0.10 * rnorm(location_id, 'speed')) AS base_speed,
       1.0 + 0.8 * rnd(location_id, 'wait') AS wait_base
     FROM typed`,
    `CREATE TABLE zones_xy AS SELECT *, radius_km * cos(angle) AS x_km, radius_km * sin(angle) AS y_km FROM zones`,

    // Drivers: profile plus latent skill, activity level and (for a third of them) a churn time.
    `CREATE TABLE drivers AS
     WITH d AS (
       SELECT d AS driver_id,
         epoch(TIMESTAMPTZ '2026-10-15 00:00:00+00') - 86400.0 * floor(2800 * pow(rnd(d, 'onboard'), 1.5)) - floor(86400 * rnd(d, 'onboard_s')) AS onboard_epoch,
         rnd(d, 'veh') AS u_veh, rnd(d, 'year') AS u_year, rnorm(d, 'skill') AS skill,
         0.04 + 0.26 * pow(rnd(d, 'activity'), 1.5) AS activity,
         rnd(d, 'churn') AS u_churn, rnd(d, 'churn_at') AS u_churn_at
       FROM range(1001, 4001) t(d))
     SELECT driver_id, ts_of(onboard_epoch) AS onboarded_at,
       CASE WHEN u_veh < 0.55 THEN 'economy' WHEN u_veh < 0.80 THEN 'comfort' WHEN u_veh < 0.92 THEN 'xl' ELSE 'premium' END AS vehicle_type,
       (CASE WHEN u_veh >= 0.92 THEN 2026 - floor(6 * u_year) ELSE 2026 - floor(14 * pow(u_year, 1.3)) END)::BIGINT AS vehicle_year,
       (CASE WHEN u_veh >= 0.80 AND u_veh < 0.92 THEN 6 ELSE 4 END)::BIGINT AS seats,
       (1 + floor(150 * rnd(driver_id, 'home')))::BIGINT AS home_location_id,
       CASE WHEN rnd(driver_id, 'channel') < 0.38 THEN 'organic' WHEN rnd(driver_id, 'channel') < 0.66 THEN 'referral'
            WHEN rnd(driver_id, 'channel') < 0.90 THEN 'paid_ads' ELSE 'fleet_partner' END AS signup_channel,
       skill, activity,
       CASE WHEN u_churn < 0.33 THEN ts_of(
         greatest(onboard_epoch + 21 * 86400, epoch(TIMESTAMPTZ '2026-05-15 00:00:00+00'))
         + u_churn_at * greatest(0, epoch(TIMESTAMPTZ '2026-12-31 00:00:00+00') - greatest(onboard_epoch + 21 * 86400, epoch(TIMESTAMPTZ '2026-05-15 00:00:00+00'))))
       END AS churn_at
     FROM d`,
    `CREATE TABLE drivers_full AS
     SELECT *, rnd(driver_id, 'ev') < 0.05 + 0.035 * (vehicle_year - 2012) AS is_electric FROM drivers`,

    // The 1,440 hours of the last 60 days; event_timestamp is the end of the hour.
    `CREATE TABLE hours AS
     SELECT h AS hour_idx, TIMESTAMPTZ '2026-09-02 00:00:00+00' + to_hours(h + 1) AS ts,
       extract(hour FROM TIMESTAMPTZ '2026-09-02 00:00:00+00' + to_hours(h))::DOUBLE AS hod,
       isodow(TIMESTAMPTZ '2026-09-02 00:00:00+00' + to_hours(h)) >= 6 AS wknd
     FROM range(0, 1440) t(h)`,

    // Zone conditions per hour (all zones, all hours).
    `CREATE TABLE location_hourly AS
     WITH base AS (
       SELECT z.location_id, h.hour_idx, h.ts, h.hod, h.wknd, z.wait_base, z.base_speed,
         greatest(0, round(z.base_demand * demand_profile(h.hod, h.wknd) * exp(0.22 * rnorm(z.location_id * 100000 + h.hour_idx, 'req'))))::BIGINT AS requests,
         0.55 + 0.45 * rnd(z.location_id * 100000 + h.hour_idx, 'supply') AS supply_share
       FROM zones_xy z CROSS JOIN hours h),
     sup AS (
       SELECT *, greatest(1, round(requests * supply_share * (1.0 + 0.6 * (1.0 - demand_profile(hod, wknd) / 1.2)) + 1))::BIGINT AS drivers_online FROM base)
     SELECT location_id, hour_idx, ts AS event_timestamp,
       requests AS requests_last_hour,
       drivers_online AS active_drivers,
       round(requests / drivers_online, 2)::FLOAT AS demand_supply_ratio,
       round(clamp(1.0 + 0.6 * (requests / drivers_online - 1.15), 1.0, 3.0), 1)::DOUBLE AS surge_multiplier,
       round(clamp(wait_base + 2.4 * requests / drivers_online + 0.6 * rnorm(location_id * 100000 + hour_idx, 'wait'), 0.5, 30.0), 1)::FLOAT AS avg_pickup_wait_min,
       round(clamp(base_speed * speed_factor(hod, wknd) * exp(0.07 * rnorm(location_id * 100000 + hour_idx, 'spd')), 6.0, 80.0), 1)::FLOAT AS avg_trip_speed_kmh
     FROM sup`,

    // Driver hourly stats: a row per hour the driver was online.
    `CREATE TABLE driver_hourly AS
     WITH cand AS (
       SELECT d.driver_id, h.hour_idx, h.ts, h.hod, h.wknd, d.skill, d.activity, d.home_location_id,
         CASE WHEN d.churn_at IS NULL THEN 1.0
              ELSE pow(clamp((epoch(d.churn_at) - epoch(h.ts)) / (21 * 86400.0), 0.0, 1.0), 0.7) END AS churn_mult
       FROM drivers_full d CROSS JOIN hours h
       WHERE d.onboarded_at < h.ts - INTERVAL 1 HOUR),
     online AS (
       SELECT * FROM cand
       WHERE rnd(driver_id * 100000 + hour_idx, 'online') < activity * demand_profile(hod, wknd) * churn_mult)
     SELECT o.driver_id, o.hour_idx, o.ts AS event_timestamp,
       o.ts + to_seconds(120 + floor(420 * rnd(o.driver_id * 100000 + o.hour_idx, 'lag'))) AS created,
       round(clamp(0.36 + 0.08 * o.skill + 0.10 * rnorm(o.driver_id * 100000 + o.hour_idx, 'conv') - 0.10 * (1 - o.churn_mult), 0.01, 0.99), 3)::FLOAT AS conv_rate,
       round(clamp(0.72 + 0.07 * o.skill + 0.09 * rnorm(o.driver_id * 100000 + o.hour_idx, 'acc') - 0.20 * (1 - o.churn_mult), 0.05, 1.0), 3)::FLOAT AS acc_rate,
       greatest(0, round(o.activity * 75 * o.churn_mult * exp(0.15 * rnorm(o.driver_id * 1000 + o.hour_idx // 24, 'daily'))))::BIGINT AS avg_daily_trips,
       round(clamp(z.base_speed * speed_factor(o.hod, o.wknd) * (1 + 0.04 * o.skill) * exp(0.08 * rnorm(o.driver_id * 100000 + o.hour_idx, 'dspd')), 5.0, 90.0), 1)::FLOAT AS avg_speed_kmh,
       (5 + floor(55 * pow(rnd(o.driver_id * 100000 + o.hour_idx, 'mins'), 0.5)))::BIGINT AS online_minutes
     FROM online o JOIN zones_xy z ON z.location_id = o.home_location_id`,
    // About 1% of the hourly rows are restated later (late trip corrections): same event time, later created.
    `CREATE TABLE driver_hourly_out AS
     SELECT driver_id, event_timestamp, created, conv_rate, acc_rate, avg_daily_trips, avg_speed_kmh, online_minutes FROM driver_hourly
     UNION ALL
     SELECT driver_id, event_timestamp,
       created + to_seconds(3600 + floor(7200 * rnd(driver_id * 100000 + hour_idx, 'fix_lag'))),
       round(clamp(conv_rate + 0.04 * rnorm(driver_id * 100000 + hour_idx, 'fix'), 0.01, 0.99), 3)::FLOAT,
       acc_rate, avg_daily_trips, avg_speed_kmh, online_minutes
     FROM driver_hourly WHERE rnd(driver_id * 100000 + hour_idx, 'fix_pick') < 0.01`,

    // 26 weekly snapshot dates (Mondays 00:00 UTC), 2026-05-04 .. 2026-10-26.
    `CREATE TABLE weeks AS SELECT k AS week_idx, TIMESTAMPTZ '2026-05-04 00:00:00+00' + to_days((7 * k)::INTEGER) AS ts FROM range(0, 26) t(k)`,

    `CREATE TABLE driver_weekly AS
     WITH c AS (
       SELECT d.driver_id, w.week_idx, w.ts, d.skill, d.activity, d.churn_at,
         greatest(0.0, (epoch(least(w.ts, coalesce(d.churn_at, w.ts))) - epoch(d.onboarded_at)) / 86400.0) AS active_days,
         CASE WHEN d.churn_at IS NULL THEN 1.0
              ELSE pow(clamp((epoch(d.churn_at) - epoch(w.ts)) / (21 * 86400.0), 0.0, 1.0), 0.7) END AS churn_mult
       FROM drivers_full d CROSS JOIN weeks w
       WHERE d.onboarded_at < w.ts AND (d.churn_at IS NULL OR w.ts < d.churn_at + INTERVAL 28 DAY)),
     v AS (
       SELECT *,
         greatest(0, round(activity * 7 * 24 * 0.62 * 1.9 * churn_mult * exp(0.18 * rnorm(driver_id * 100 + week_idx, 'wtrips'))))::BIGINT AS trips_last_7d,
         greatest(0, round(activity * 7 * 24 * 0.62 * churn_mult * exp(0.15 * rnorm(driver_id * 100 + week_idx, 'whours'))))::BIGINT AS active_hours_7d
       FROM c)
     SELECT driver_id, ts AS snapshot_ts,
       round(activity * 24 * 0.62 * 1.9 * active_days * (0.9 + 0.2 * rnd(driver_id, 'lifetime')))::BIGINT AS lifetime_trips,
       trips_last_7d, active_hours_7d,
       round(clamp(4.72 + 0.09 * skill + 0.05 * rnorm(driver_id * 100 + week_idx, 'rating') - 0.15 * (1 - churn_mult), 3.8, 5.0), 2)::FLOAT AS avg_rating,
       round(clamp(0.05 - 0.015 * skill + 0.02 * rnorm(driver_id * 100 + week_idx, 'cancel') + 0.10 * (1 - churn_mult), 0.0, 0.6), 3)::FLOAT AS cancellation_rate_7d,
       round(trips_last_7d * (14.5 + 3.0 * rnd(driver_id, 'fare')) * exp(0.05 * rnorm(driver_id * 100 + week_idx, 'earn')), 2)::DOUBLE AS earnings_last_7d,
       (CASE WHEN trips_last_7d > 0 THEN floor(3 * pow(rnd(driver_id * 100 + week_idx, 'last'), 2))
             ELSE 7 + floor(greatest(0, epoch(ts) - epoch(coalesce(churn_at, ts))) / 86400) END)::BIGINT AS days_since_last_trip
     FROM v`,

    // Riders and their weekly activity snapshots.
    `CREATE TABLE riders AS
     SELECT r AS rider_id,
       epoch(TIMESTAMPTZ '2026-10-25 00:00:00+00') - 86400.0 * floor(3000 * pow(rnd(r, 'signup'), 1.3)) - floor(86400 * rnd(r, 'signup_s')) AS signup_epoch,
       0.2 + 3.8 * pow(rnd(r, 'freq'), 2.2) AS trips_per_week,
       rnd(r, 'premium') < 0.12 AS is_premium_member,
       CASE WHEN rnd(r, 'pay') < 0.58 THEN 'card' WHEN rnd(r, 'pay') < 0.84 THEN 'wallet' WHEN rnd(r, 'pay') < 0.93 THEN 'cash' ELSE 'corporate' END AS preferred_payment,
       clamp(4.70 + 0.22 * rnorm(r, 'given'), 3.0, 5.0) AS rating_mean,
       clamp(0.05 + 0.04 * rnorm(r, 'rcancel'), 0.0, 0.4) AS cancel_mean,
       3.5 + 9.0 * pow(rnd(r, 'dist'), 1.5) AS distance_mean
     FROM range(100001, 108001) t(r)`,
    `CREATE TABLE rider_weekly AS
     WITH c AS (
       SELECT r.*, w.week_idx, w.ts, (epoch(w.ts) - r.signup_epoch) / 86400.0 AS age_days
       FROM riders r CROSS JOIN weeks w WHERE r.signup_epoch < epoch(w.ts)),
     v AS (
       SELECT *, floor(trips_per_week * age_days / 7.0 * (0.85 + 0.3 * rnd(rider_id, 'lt')))::BIGINT AS lifetime_trips,
         least(floor(trips_per_week * age_days / 7.0 * 1.3)::BIGINT,
               greatest(0, round(trips_per_week * 4.3 * exp(0.35 * rnorm(rider_id * 100 + week_idx, 't30'))))::BIGINT) AS trips_last_30d
       FROM c)
     SELECT rider_id, ts AS snapshot_ts, lifetime_trips, trips_last_30d,
       CASE WHEN lifetime_trips > 0 THEN round(clamp(rating_mean + 0.08 * rnorm(rider_id * 100 + week_idx, 'rg'), 1.0, 5.0), 2)::FLOAT END AS avg_rating_given,
       round(clamp(cancel_mean + 0.02 * rnorm(rider_id * 100 + week_idx, 'rc'), 0.0, 1.0), 3)::FLOAT AS cancellation_rate_30d,
       round(distance_mean * exp(0.1 * rnorm(rider_id * 100 + week_idx, 'rd')), 1)::FLOAT AS avg_trip_distance_km,
       preferred_payment, is_premium_member
     FROM v`,

    // Trip ETA labels: trips requested by online drivers, with the actual door-to-door minutes.
    `CREATE TABLE trips AS
     WITH picked AS (
       SELECT d.driver_id, d.hour_idx, d.event_timestamp AS stats_ts, f.skill, f.home_location_id,
         d.event_timestamp + to_seconds(floor(3599 * rnd(d.driver_id * 100000 + d.hour_idx, 'trip_at'))) AS event_timestamp
       FROM driver_hourly d JOIN drivers_full f USING (driver_id)
       WHERE rnd(d.driver_id * 100000 + d.hour_idx, 'trip_pick') < 0.022 AND d.event_timestamp < TIMESTAMPTZ '2026-10-31 23:00:00+00'),
     ends AS (
       SELECT *,
         (CASE WHEN rnd(driver_id * 100000 + hour_idx, 'orig_home') < 0.4 THEN home_location_id
               ELSE 1 + floor(150 * rnd(driver_id * 100000 + hour_idx, 'orig')) END)::BIGINT AS origin_location_id,
         (1 + floor(150 * pow(rnd(driver_id * 100000 + hour_idx, 'dest'), 1.0)))::BIGINT AS destination_location_id
       FROM picked),
     geo AS (
       SELECT e.*, o.x_km AS ox, o.y_km AS oy, de.x_km AS dx, de.y_km AS dy
       FROM ends e JOIN zones_xy o ON o.location_id = e.origin_location_id JOIN zones_xy de ON de.location_id = e.destination_location_id)
     SELECT g.driver_id, g.hour_idx, g.event_timestamp, g.origin_location_id, g.destination_location_id,
       (100001 + floor(8000 * rnd(g.driver_id * 100000 + g.hour_idx, 'rider')))::BIGINT AS rider_id,
       round(1.3 * sqrt(pow(g.ox - g.dx, 2) + pow(g.oy - g.dy, 2)) + 0.4 + 1.6 * rnd(g.driver_id * 100000 + g.hour_idx, 'intra'), 2)::DOUBLE AS distance_km,
       extract(hour FROM g.event_timestamp)::BIGINT AS request_hour,
       lo.avg_pickup_wait_min AS wait_now, lo.avg_trip_speed_kmh AS speed_o, ld.avg_trip_speed_kmh AS speed_d, g.skill
     FROM geo g
     JOIN location_hourly lo ON lo.location_id = g.origin_location_id AND lo.event_timestamp = g.stats_ts + INTERVAL 1 HOUR
     JOIN location_hourly ld ON ld.location_id = g.destination_location_id AND ld.event_timestamp = g.stats_ts + INTERVAL 1 HOUR`,
    `CREATE TABLE trip_labels AS
     SELECT (9000001 + row_number() OVER (ORDER BY event_timestamp, driver_id) - 1)::BIGINT AS trip_id,
       driver_id, rider_id, origin_location_id, destination_location_id, event_timestamp, distance_km, request_hour,
       round(wait_now * exp(0.15 * rnorm(driver_id * 100000 + hour_idx, 'eta_wait'))
             + distance_km / ((speed_o + speed_d) / 2.0 * (1 + 0.04 * skill)) * 60.0 * exp(0.08 * rnorm(driver_id * 100000 + hour_idx, 'eta_travel')), 2)::DOUBLE AS actual_eta_minutes
     FROM trips`,

    // Driver churn labels: monthly observation dates, churned = no activity ever again within 30 days.
    `CREATE TABLE churn_labels AS
     WITH obs AS (SELECT TIMESTAMPTZ '2026-06-01 00:00:00+00' + to_months(m::INTEGER) AS ts, m FROM range(0, 5) t(m))
     SELECT d.driver_id, o.ts AS event_timestamp,
       (d.churn_at IS NOT NULL AND d.churn_at <= o.ts + INTERVAL 30 DAY) AS churned_next_30d
     FROM drivers_full d CROSS JOIN obs o
     WHERE d.onboarded_at < o.ts - INTERVAL 7 DAY AND (d.churn_at IS NULL OR d.churn_at > o.ts)
       AND rnd(d.driver_id * 10 + o.m, 'churn_obs') < 0.40`,
  ],
  outputs: [
    {
      path: "data/base_data/driver_profiles.csv",
      select: `SELECT driver_id, onboarded_at::TIMESTAMP AS onboarded_at, vehicle_type AS veh_type, vehicle_year, seats,
                 is_electric, home_location_id, signup_channel
               FROM drivers_full ORDER BY driver_id`,
    },
    {
      path: "data/temporal_data/driver_hourly_stats.parquet",
      select: `SELECT * FROM driver_hourly_out ORDER BY event_timestamp, driver_id, created`,
    },
    {
      path: "data/temporal_data/location_hourly_stats.parquet",
      select: `SELECT location_id, event_timestamp, requests_last_hour, active_drivers, demand_supply_ratio, surge_multiplier,
                 avg_pickup_wait_min, avg_trip_speed_kmh
               FROM location_hourly ORDER BY event_timestamp, location_id`,
    },
    {
      path: "data/entity_snapshots/driver_weekly_snapshots.parquet",
      select: `SELECT * FROM driver_weekly ORDER BY snapshot_ts, driver_id`,
    },
    {
      path: "data/entity_snapshots/rider_weekly_snapshots.parquet",
      select: `SELECT * FROM rider_weekly ORDER BY snapshot_ts, rider_id`,
    },
    {
      path: "data/labels/trip_eta_labels.parquet",
      select: `SELECT * FROM trip_labels ORDER BY trip_id`,
    },
    {
      path: "data/labels/driver_churn_labels.parquet",
      select: `SELECT * FROM churn_labels ORDER BY event_timestamp, driver_id`,
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// model_b_features: buy-now-pay-later checkout credit risk. 12,000 customers, 900 merchants,
// 55 billing/shipping regions; six months of history ending 2026-11-01T00:00:00Z.
// ---------------------------------------------------------------------------------------------
// ISO 3166-2 region and population (millions), which weights where customers live.
const REGIONS: [string, number][] = [
  "US-AL:5.1 US-AK:0.7 US-AZ:7.4 US-AR:3.1 US-CA:39.0 US-CO:5.9 US-CT:3.6 US-DE:1.0 US-DC:0.7",
  "US-FL:22.6 US-GA:11.0 US-HI:1.4 US-ID:2.0 US-IL:12.5 US-IN:6.9 US-IA:3.2 US-KS:2.9 US-KY:4.5",
  "US-LA:4.6 US-ME:1.4 US-MD:6.2 US-MA:7.0 US-MI:10.0 US-MN:5.7 US-MS:2.9 US-MO:6.2 US-MT:1.1",
  "US-NE:2.0 US-NV:3.2 US-NH:1.4 US-NJ:9.3 US-NM:2.1 US-NY:19.6 US-NC:10.8 US-ND:0.8 US-OH:11.8",
  "US-OK:4.1 US-OR:4.2 US-PA:13.0 US-RI:1.1 US-SC:5.4 US-SD:0.9 US-TN:7.1 US-TX:30.5 US-UT:3.4",
  "US-VT:0.6 US-VA:8.7 US-WA:7.8 US-WV:1.8 US-WI:5.9 US-WY:0.6 CA-ON:15.6 CA-BC:5.6 CA-QC:8.9",
  "PR-PR:3.2",
]
  .join(" ")
  .split(" ")
  .map((pair): [string, number] => {
    const [code = "", population = "0"] = pair.split(":");
    return [code, Number(population)];
  });
const REGION_VALUES = REGIONS.map(([code, pop], i) => `(${i + 1}, '${code}', ${pop})`).join(", ");

const CATEGORIES: [string, number, number, number, number][] = [
  // category, mcc, share of merchants, typical ticket (USD), risk offset
  ["grocery", 5411, 0.14, 45, -0.6],
  ["electronics", 5732, 0.13, 320, 0.5],
  ["fashion", 5651, 0.22, 85, 0.0],
  ["home_furnishing", 5712, 0.1, 210, -0.1],
  ["beauty", 5977, 0.1, 38, -0.2],
  ["travel", 4722, 0.06, 540, 0.6],
  ["digital_goods", 5818, 0.08, 22, 0.9],
  ["sporting_goods", 5941, 0.1, 95, -0.1],
  ["jewelry", 5944, 0.07, 410, 0.8],
];
let cumulative = 0;
const CATEGORY_VALUES = CATEGORIES.map(([name, mcc, share, ticket, risk]) => {
  const lo = cumulative;
  cumulative += share;
  return `('${name}', ${mcc}, ${lo.toFixed(4)}, ${cumulative.toFixed(4)}, ${ticket}, ${risk})`;
}).join(", ");

const MODEL_B: ModelSpec = {
  project: "model_b_features",
  build: [
    `CREATE TABLE regions AS
     WITH r AS (SELECT * FROM (VALUES ${REGION_VALUES}) v(idx, region_code, population)),
     w AS (SELECT *, sum(population) OVER (ORDER BY idx) - population AS cum, sum(population) OVER () AS total FROM r)
     SELECT idx, region_code, population, cum / total AS lo, (cum + population) / total AS hi,
       0.0020 + 0.0090 * pow(rnd(idx, 'fraud'), 2) AS fraud_base,
       (CASE WHEN region_code LIKE 'US-%' THEN 74 ELSE 68 END) * exp(0.12 * rnorm(idx, 'aov')) AS aov_base
     FROM w`,
    `CREATE TABLE categories AS SELECT * FROM (VALUES ${CATEGORY_VALUES}) v(category, mcc, lo, hi, ticket, risk)`,

    `CREATE TABLE merchants AS
     WITH m AS (SELECT 10000 + m AS merchant_id, rnd(m, 'cat') AS u_cat FROM range(1, 901) t(m))
     SELECT m.merchant_id, c.category, c.mcc::BIGINT AS mcc, c.risk AS category_risk,
       ts_of(epoch(TIMESTAMPTZ '2026-09-30 00:00:00+00') - 86400.0 * floor(4000 * pow(rnd(m.merchant_id, 'onb'), 1.2)) - floor(86400 * rnd(m.merchant_id, 'onb_s'))) AS onboarded_at,
       CASE WHEN rnd(m.merchant_id, 'country') < 0.88 THEN 'US' ELSE 'CA' END AS country,
       round(c.ticket * exp(0.35 * rnorm(m.merchant_id, 'ticket')), 2)::DOUBLE AS avg_ticket_size,
       rnd(m.merchant_id, 'mkt') < 0.15 AS is_marketplace,
       (1 + floor(40 * pow(rnd(m.merchant_id, 'age'), 1.8)))::BIGINT AS years_in_business
     FROM m JOIN categories c ON m.u_cat >= c.lo AND m.u_cat < c.hi`,
    `CREATE TABLE merchants_full AS
     SELECT *, clamp(round(3 + category_risk + 0.9 * rnorm(merchant_id, 'tier') - 0.02 * years_in_business), 1, 5)::BIGINT AS risk_tier
     FROM merchants`,

    `CREATE TABLE customers AS
     WITH c AS (
       SELECT c AS customer_id, rnorm(c, 'risk') AS risk, rnd(c, 'region') AS u_region, rnd(c, 'age') AS u_age,
         rnd(c, 'tier') AS u_tier, rnd(c, 'email') AS u_email,
         epoch(TIMESTAMPTZ '2026-10-20 00:00:00+00') - 86400.0 * floor(3200 * pow(rnd(c, 'signup'), 1.4)) - floor(86400 * rnd(c, 'signup_s')) AS signup_epoch
       FROM range(100001, 112001) t(c))
     SELECT c.customer_id, c.risk, ts_of(c.signup_epoch) AS signup_ts, r.region_code AS home_region_code,
       CASE WHEN u_age < 0.14 THEN '18-24' WHEN u_age < 0.41 THEN '25-34' WHEN u_age < 0.65 THEN '35-44'
            WHEN u_age < 0.82 THEN '45-54' WHEN u_age < 0.93 THEN '55-64' ELSE '65+' END AS age_band,
       CASE WHEN u_tier < 0.75 THEN 'standard' WHEN u_tier < 0.93 THEN 'plus' ELSE 'premium' END AS account_tier,
       rnd(c.customer_id, 'kyc') < 0.96 - 0.03 * greatest(c.risk, 0) AS kyc_verified,
       (clamp(round(exp(ln(62000) + 0.55 * rnorm(c.customer_id, 'income') - 0.10 * c.risk) / 1000) * 1000, 12000, 750000))::DOUBLE AS stated_annual_income,
       CASE WHEN u_email < 0.78 THEN 'free' WHEN u_email < 0.93 THEN 'corporate' WHEN u_email < 0.97 THEN 'edu' ELSE 'disposable' END AS email_domain_type,
       rnd(c.customer_id, 'app') < 0.62 AS has_mobile_app,
       0.15 + 1.6 * pow(rnd(c.customer_id, 'txn_rate'), 1.7) AS txn_per_week,
       exp(ln(48) + 0.6 * rnorm(c.customer_id, 'amount')) AS amount_mean,
       clamp(0.08 + 0.06 * rnorm(c.customer_id, 'night'), 0.0, 0.6) AS night_mean,
       (3 + floor(9 * rnd(c.customer_id, 'lines')))::BIGINT AS lines_base
     FROM c JOIN regions r ON c.u_region >= r.lo AND c.u_region < r.hi`,
    `CREATE TABLE customers_full AS
     SELECT *, clamp(round(695 - 55 * risk + 25 * ln(stated_annual_income / 62000)), 300, 850) AS score_base FROM customers`,

    // 184 days; a stats row is emitted at the end of each day on which the customer transacted.
    `CREATE TABLE days AS SELECT k AS day_idx, TIMESTAMPTZ '2026-05-02 00:00:00+00' + to_days(k::INTEGER) AS ts FROM range(0, 184) t(k)`,
    `CREATE TABLE customer_txn AS
     WITH c AS (
       SELECT c.*, d.day_idx, d.ts FROM customers_full c CROSS JOIN days d
       WHERE c.signup_ts < d.ts - INTERVAL 1 DAY
         AND rnd(c.customer_id * 1000 + d.day_idx, 'txn_day') < 1.0 - exp(-c.txn_per_week / 7.0)),
     v AS (
       SELECT *,
         greatest(1, round(txn_per_week * exp(0.35 * rnorm(customer_id * 1000 + day_idx, 'cnt7'))))::BIGINT AS txn_count_7d,
         round(amount_mean * exp(0.12 * rnorm(customer_id * 1000 + day_idx, 'avg30')), 2)::DOUBLE AS avg_txn_amount_30d
       FROM c)
     SELECT customer_id, ts AS event_timestamp, txn_count_7d,
       round(txn_count_7d * amount_mean * exp(0.3 * rnorm(customer_id * 1000 + day_idx, 'amt7')), 2)::DOUBLE AS txn_amount_7d,
       avg_txn_amount_30d,
       round(avg_txn_amount_30d * (1.3 + 2.2 * pow(rnd(customer_id * 1000 + day_idx, 'max30'), 2)), 2)::DOUBLE AS max_txn_amount_30d,
       greatest(1, round(txn_per_week * 4.3 * 0.6 * exp(0.3 * rnorm(customer_id * 1000 + day_idx, 'merch'))))::BIGINT AS distinct_merchants_30d,
       floor(-ln(rnd(customer_id * 1000 + day_idx, 'declined')) * (0.12 + 0.45 * greatest(risk, 0)))::BIGINT AS declined_txn_count_30d,
       round(clamp(night_mean + 0.05 * rnorm(customer_id * 1000 + day_idx, 'night_d'), 0.0, 1.0), 2)::FLOAT AS night_txn_ratio_30d
     FROM v`,

    // Monthly credit bureau snapshots; the report arrives 2-5 days after its as-of date, some are restated.
    `CREATE TABLE months AS SELECT m AS month_idx, TIMESTAMPTZ '2026-05-01 00:00:00+00' + to_months(m::INTEGER) AS ts FROM range(0, 7) t(m)`,
    `CREATE TABLE credit AS
     WITH c AS (
       SELECT c.customer_id, c.risk, c.score_base, c.stated_annual_income, c.lines_base, m.month_idx, m.ts
       FROM customers_full c CROSS JOIN months m WHERE c.signup_ts < m.ts),
     v AS (
       SELECT *,
         clamp(round(score_base + 9 * rnorm(customer_id * 10 + month_idx, 'score') - 3 * month_idx * greatest(risk - 1.2, 0)), 300, 850)::BIGINT AS credit_score,
         round(clamp(sigmoid(-0.9 + 0.9 * risk + 0.18 * rnorm(customer_id * 10 + month_idx, 'util')), 0.0, 1.2), 3)::FLOAT AS utilization_ratio,
         floor(-ln(rnd(customer_id * 10 + month_idx, 'delinq')) * greatest(0.03, 0.35 * (risk + 0.7)))::BIGINT AS delinquencies_12m
       FROM c)
     SELECT customer_id, ts AS snapshot_ts,
       ts + to_seconds(2 * 86400 + floor(3 * 86400 * rnd(customer_id * 10 + month_idx, 'arrive'))) AS created_at,
       month_idx, credit_score, utilization_ratio,
       clamp(lines_base + floor(2 * rnorm(customer_id * 10 + month_idx, 'lines')), 0, 40)::BIGINT AS open_credit_lines,
       delinquencies_12m,
       round(stated_annual_income * (0.08 + 0.5 * utilization_ratio) * exp(0.1 * rnorm(customer_id * 10 + month_idx, 'debt')), 2)::DOUBLE AS total_debt,
       (CASE WHEN delinquencies_12m > 0 THEN floor(12 * rnd(customer_id * 10 + month_idx, 'msld'))
             WHEN rnd(customer_id, 'ever_delinq') < 0.25 THEN 12 + floor(48 * rnd(customer_id, 'msld_old')) + month_idx END)::BIGINT AS months_since_last_delinquency
     FROM v`,
    `CREATE TABLE credit_out AS
     SELECT customer_id, snapshot_ts, created_at, credit_score, utilization_ratio, open_credit_lines, delinquencies_12m, total_debt,
       months_since_last_delinquency FROM credit
     UNION ALL
     SELECT customer_id, snapshot_ts, created_at + to_seconds(7 * 86400 + floor(14 * 86400 * rnd(customer_id * 10 + month_idx, 'restate_lag'))),
       clamp(credit_score + round(15 * rnorm(customer_id * 10 + month_idx, 'restate')), 300, 850)::BIGINT,
       utilization_ratio, open_credit_lines, greatest(delinquencies_12m - 1, 0)::BIGINT, total_debt, months_since_last_delinquency
     FROM credit WHERE rnd(customer_id * 10 + month_idx, 'restate_pick') < 0.015`,

    `CREATE TABLE region_daily AS
     SELECT r.region_code, d.ts AS event_timestamp,
       greatest(0, round(r.population * 55 * (1 + 0.25 * (isodow(d.ts - INTERVAL 1 DAY) >= 6)::INTEGER) * exp(0.08 * rnorm(r.idx * 1000 + d.day_idx, 'vol'))))::BIGINT AS order_volume,
       round(r.aov_base * exp(0.05 * rnorm(r.idx * 1000 + d.day_idx, 'aov_d')), 2)::DOUBLE AS avg_order_value,
       round(clamp(r.fraud_base * exp(0.2 * rnorm(r.idx * 1000 + d.day_idx, 'fr7')), 0.0, 1.0), 5)::FLOAT AS fraud_rate_7d,
       round(clamp(r.fraud_base * 1.6 * exp(0.12 * rnorm(r.idx * 1000 + d.day_idx, 'cb30')), 0.0, 1.0), 5)::FLOAT AS chargeback_rate_30d,
       round(clamp(0.035 + 2.5 * r.fraud_base + 0.004 * rnorm(r.idx * 1000 + d.day_idx, 'def90'), 0.0, 1.0), 4)::FLOAT AS default_rate_90d
     FROM regions r CROSS JOIN days d`,

    // BNPL orders: checkouts a few days after a transacting day, labelled with a 90-day default.
    `CREATE TABLE orders AS
     WITH picked AS (
       SELECT t.customer_id, t.event_timestamp AS stats_ts, epoch(t.event_timestamp)::BIGINT AS k,
         t.event_timestamp + to_seconds(floor(4 * 86400 * rnd(t.customer_id * 1000 + epoch(t.event_timestamp)::BIGINT // 86400, 'order_at'))) AS event_timestamp
       FROM customer_txn t
       WHERE rnd(t.customer_id * 1000 + epoch(t.event_timestamp)::BIGINT // 86400, 'order_pick') < 0.045),
     o AS (
       SELECT p.*, p.customer_id * 1000 + p.k // 86400 AS ok, c.risk, c.home_region_code, c.stated_annual_income, c.kyc_verified,
         c.email_domain_type, c.signup_ts,
         10000 + 1 + floor(900 * pow(rnd(p.customer_id * 1000 + p.k // 86400, 'merchant'), 2.0))::BIGINT AS merchant_id
       FROM picked p JOIN customers_full c USING (customer_id)
       WHERE p.event_timestamp < TIMESTAMPTZ '2026-11-01 00:00:00+00'),
     o2 AS (
       SELECT o.*, m.avg_ticket_size, m.risk_tier, m.onboarded_at AS merchant_onboarded_at,
         CASE WHEN rnd(ok, 'ship_same') < 0.88 THEN o.home_region_code
              ELSE (SELECT region_code FROM regions r WHERE rnd(ok, 'ship_region') >= r.lo AND rnd(ok, 'ship_region') < r.hi) END AS shipping_region_code,
         round(clamp(m.avg_ticket_size * exp(0.5 * rnorm(ok, 'order_amt')), 5.0, 5000.0), 2)::DOUBLE AS order_amount
       FROM o JOIN merchants_full m USING (merchant_id)
       WHERE m.onboarded_at < o.event_timestamp)
     SELECT *,
       (CASE WHEN order_amount > 600 AND rnd(ok, 'inst') < 0.55 THEN 12
             WHEN rnd(ok, 'inst') < 0.72 THEN 4 WHEN rnd(ok, 'inst') < 0.87 THEN 6 WHEN rnd(ok, 'inst') < 0.97 THEN 3 ELSE 24 END)::BIGINT AS installments
     FROM o2`,
    `CREATE TABLE order_labels AS
     SELECT (70000001 + row_number() OVER (ORDER BY o.event_timestamp, o.customer_id) - 1)::BIGINT AS order_id,
       o.customer_id, o.merchant_id, o.home_region_code AS billing_region_code, o.shipping_region_code, o.event_timestamp,
       o.order_amount, o.installments,
       rnd(o.ok, 'default') < sigmoid(-3.6 + 1.0 * o.risk
           + 2.0 * least(o.order_amount / (o.stated_annual_income / 12.0), 1.5)
           + 0.7 * (o.shipping_region_code <> o.home_region_code)::INTEGER
           + 0.25 * (o.risk_tier - 3)
           + 0.9 * (NOT o.kyc_verified)::INTEGER
           + 0.6 * (o.email_domain_type = 'disposable')::INTEGER
           + 0.4 * (o.signup_ts > o.event_timestamp - INTERVAL 90 DAY)::INTEGER
           + 0.3 * (o.installments >= 12)::INTEGER
           + 60.0 * (r.fraud_base - 0.004)) AS defaulted_90d
     FROM orders o JOIN regions r ON r.region_code = o.shipping_region_code`,
  ],
  outputs: [
    {
      path: "data/base_data/customer_profiles.parquet",
      select: `SELECT customer_id, signup_ts, age_band, home_region_code, account_tier, kyc_verified, stated_annual_income,
                 email_domain_type, has_mobile_app
               FROM customers_full ORDER BY customer_id`,
    },
    {
      path: "data/base_data/merchants.csv",
      select: `SELECT merchant_id, onboarded_at::TIMESTAMP AS onboarded_at, mcc, category, country, risk_tier, avg_ticket_size,
                 is_marketplace, years_in_business
               FROM merchants_full ORDER BY merchant_id`,
    },
    {
      path: "data/temporal_data/customer_txn_stats.parquet",
      select: `SELECT * FROM customer_txn ORDER BY event_timestamp, customer_id`,
    },
    {
      path: "data/temporal_data/region_daily_stats.parquet",
      select: `SELECT * FROM region_daily ORDER BY event_timestamp, region_code`,
    },
    {
      path: "data/entity_snapshots/customer_credit_snapshots.parquet",
      select: `SELECT * FROM credit_out ORDER BY snapshot_ts, customer_id, created_at`,
    },
    {
      path: "data/labels/bnpl_order_labels.parquet",
      select: `SELECT * FROM order_labels ORDER BY order_id`,
    },
  ],
};

async function runStatements(conn: DuckDBConnection, sql: string): Promise<void> {
  for (const statement of sql.split(";\n")) {
    if (statement.trim()) await conn.run(statement);
  }
}

async function generate(model: ModelSpec): Promise<void> {
  const repo = join(ROOT, model.project);
  for (const dir of DATA_DIRS) {
    rmSync(join(repo, "data", dir), { recursive: true, force: true });
    mkdirSync(join(repo, "data", dir), { recursive: true });
  }
  writeFileSync(join(repo, "feature_store.yaml"), featureStoreYaml(model.project));

  const instance = await DuckDBInstance.create(":memory:", { threads: "1" });
  const conn = await instance.connect();
  try {
    await runStatements(conn, PRELUDE);
    for (const statement of model.build) await conn.run(statement);
    for (const output of model.outputs) {
      const target = join(repo, output.path).replaceAll("'", "''");
      const options = output.path.endsWith(".csv")
        ? "FORMAT csv, HEADER true, DELIMITER ','"
        : "FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 100000";
      await conn.run(`COPY (${output.select}) TO '${target}' (${options})`);
      const count = await conn.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM (${output.select})`);
      console.log(`${model.project}/${output.path}: ${count.getRowObjects()[0]?.n} rows`);
    }
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

async function main(): Promise<void> {
  for (const model of [MODEL_A, MODEL_B]) await generate(model);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
