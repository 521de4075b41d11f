/**
 * The deprecation workflow on real registries (a SQLite file and a PostgreSQL database, each
 * created here and removed afterwards): every transition and refusal, the audit log, apply
 * keeping the lifecycle, the impact query, and a running OnlineServing picking changes up.
 */
import { appendFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isPantryError, type PantryError } from "../src/errors";
import { FeatureStore } from "../src/feature-store";
import { OnlineServing, servingRegistryFrom } from "../src/serving/index";
import { REGISTRY_PROVIDERS } from "../testing/postgres";
import { createOnlineTestRepo, type OnlineTestRepo } from "../testing/online-test-repo";

const providers = REGISTRY_PROVIDERS;

/** A second version of the hourly view (the replacement) and a tagged service naming its model. */
const EXTRA_DEFINITIONS = `
export const driverStatsV2 = new FeatureView({
  name: "driver_hourly_stats_v2", entities: [driver], ttl: 0, source: driverStatsSource,
  schema: [{ name: "conv_rate", dtype: "Float32" }],
});
export const churn = new FeatureService({ name: "churn_v1", features: [driverStats.select(["acc_rate"])], tags: { model: "churn_model" } });
export const lifetimeOnly = new FeatureService({ name: "lifetime_v1", features: [driverEverStats] });
`;

const DAY = 86_400_000;
const future = (days: number) => new Date(Date.now() + days * DAY);

async function failure(promise: Promise<unknown>): Promise<PantryError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!isPantryError(error)) throw new Error(`expected a PantryError, got ${String(error)}`);
  return error;
}

describe.each(providers)("view lifecycle on a $name registry", (provider) => {
  let repo: OnlineTestRepo;
  let store: FeatureStore;
  let cleanupRegistry: () => Promise<void>;

  beforeAll(async () => {
    repo = await createOnlineTestRepo({ online: "sqlite", hours: 24 });
    const registry = await provider.registryLine();
    cleanupRegistry = registry.cleanup;
    const yamlPath = join(repo.dir, "feature_store.yaml");
    writeFileSync(yamlPath, readFileSync(yamlPath, "utf8").replace("registry: data/registry.db", registry.line));
    appendFileSync(join(repo.dir, "feature_definitions.ts"), EXTRA_DEFINITIONS);
    store = new FeatureStore({ repoPath: repo.dir });
    await store.apply({ actor: "test" });
    await store.materialize(new Date("2024-01-01T00:00:00Z"), new Date("2024-01-02T00:00:00Z"));
  });

  afterAll(async () => {
    await store?.close();
    await (await store?.registry().catch(() => null))?.close();
    await cleanupRegistry?.();
    await repo?.cleanup();
  });

  const auditOf = async (name: string) => {
    const registry = await store.registry();
    const events = await registry.history.listAudit({ projectName: "online_test", take: 100 });
    return events.filter((e) => e.name === name);
  };

  it("deprecates with reason, replacement and sunset, writing an audit entry; apply keeps it", async () => {
    const sunset = future(60);
    const result = await store.deprecate("driver_hourly_stats", {
      reason: "v2 reads the cleaned source",
      replacement: "driver_hourly_stats_v2",
      sunsetAt: sunset.toISOString(),
      actor: "ana",
    });
    expect(result).toEqual({
      from: "active",
      status: {
        project: "online_test",
        kind: "featureView",
        view: "driver_hourly_stats",
        state: "deprecated",
        reason: "v2 reads the cleaned source",
        replacement: "driver_hourly_stats_v2",
        sunsetAt: sunset,
      },
    });
    const [entry] = await auditOf("driver_hourly_stats");
    expect(entry).toMatchObject({ actor: "ana", action: "deprecate", kind: "featureView" });
    expect(entry?.summary).toContain(
      "feature view 'driver_hourly_stats' deprecated; reason: v2 reads the cleaned source",
    );
    expect(JSON.parse(entry?.details ?? "{}")).toMatchObject({ from: "active", to: "deprecated" });

    // Lifecycle is operational state: an apply from code (even one that changes the view) keeps it.
    const definitions = join(repo.dir, "feature_definitions.ts");
    writeFileSync(definitions, readFileSync(definitions, "utf8").replace('ttl: "1d"', 'ttl: "2d"'));
    const applied = await store.apply({ actor: "test" });
    expect(applied.plan.items.some((i) => i.name === "driver_hourly_stats" && i.action === "update")).toBe(true);
    const stored = await (await store.registry()).getStored("online_test", "featureView", "driver_hourly_stats");
    expect(stored?.meta).toMatchObject({
      lifecycle: "deprecated",
      deprecationReason: "v2 reads the cleaned source",
      replacement: "driver_hourly_stats_v2",
      sunsetAt: sunset,
    });
  });

  it("refuses bad deprecations with messages that say what to do", async () => {
    const cases: [Parameters<FeatureStore["deprecate"]>, string, string][] = [
      [["driver_lifetime", { reason: "  " }], "INVALID_ARGUMENT", "needs a reason"],
      [
        ["driver_lifetime", { reason: "x", replacement: "driver_lifetime" }],
        "INVALID_ARGUMENT",
        "cannot replace itself",
      ],
      [
        ["driver_lifetime", { reason: "x", replacement: "driver_hourly_stat" }],
        "INVALID_ARGUMENT",
        "did you mean 'driver_hourly_stats'",
      ],
      [
        ["driver_lifetime", { reason: "x", replacement: "driver_hourly_stats" }],
        "INVALID_ARGUMENT",
        "is deprecated itself",
      ],
      [["driver_lifetime", { reason: "x", sunsetAt: "2020-01-01" }], "INVALID_ARGUMENT", "is not in the future"],
      [["driver_lifetime", { reason: "x", sunsetAt: "next week" }], "INVALID_ARGUMENT", "not an ISO 8601 timestamp"],
      [["no_such_view", { reason: "x" }], "NOT_FOUND", "view 'no_such_view' is not in project 'online_test'"],
    ];
    for (const [args, code, message] of cases) {
      const error = await failure(store.deprecate(...args));
      expect(error.code, message).toBe(code);
      expect(error.message).toContain(message);
    }
    expect(await auditOf("driver_lifetime")).toEqual([]);
  });

  it("refuses to retire an active view without force, and retires a deprecated one", async () => {
    const refused = await failure(store.retire("driver_lifetime"));
    expect(refused.code).toBe("FAILED_PRECONDITION");
    expect(refused.message).toBe(
      "feature view 'driver_lifetime' is active; deprecate it first so its consumers get a warning period, or force the retirement (--force)",
    );
    // The console shows it next to its "force" checkbox.
    expect(refused.details).toEqual({ field: "force" });
    const forced = await store.retire("driver_lifetime", { force: true, actor: "ops" });
    expect(forced).toMatchObject({ from: "active", status: { state: "retired" } });
    expect((await failure(store.retire("driver_lifetime", { force: true }))).message).toContain("already retired");
    expect((await failure(store.deprecate("driver_lifetime", { reason: "x" }))).message).toContain(
      "reactivate it first",
    );
    const undone = await store.reactivate("driver_lifetime", { actor: "ops" });
    expect(undone).toMatchObject({
      from: "retired",
      status: { state: "active", reason: null, replacement: null, sunsetAt: null },
    });
    expect((await failure(store.reactivate("driver_lifetime"))).message).toContain("already active");
    expect((await auditOf("driver_lifetime")).map((e) => e.action)).toEqual(["reactivate", "retire"]);
  });

  it("works on on-demand views too, and only on the kind asked for", async () => {
    const wrongKind = await failure(store.deprecate("driver_lifetime", { reason: "x", kind: "onDemandFeatureView" }));
    expect(wrongKind).toMatchObject({ code: "NOT_FOUND" });
    expect(wrongKind.message).toContain("on-demand feature view 'driver_lifetime' is not in project");
    const sunset = future(10);
    const result = await store.deprecate("adjusted_conv_rate", { reason: "moved to v2", sunsetAt: sunset });
    expect(result.status).toMatchObject({ kind: "onDemandFeatureView", state: "deprecated", sunsetAt: sunset });
    const stored = await (await store.registry()).getStored("online_test", "onDemandFeatureView", "adjusted_conv_rate");
    expect(stored?.meta).toMatchObject({ lifecycle: "deprecated", deprecationReason: "moved to v2", sunsetAt: sunset });
    await store.reactivate("adjusted_conv_rate");
  });

  it("lists the services including a view (directly and through on-demand views) and recent consumers", async () => {
    const registry = await store.registry();
    const now = Date.now();
    const usage = (consumer: string, featureRef: string, ago: number, requests: number) => ({
      consumer,
      featureRef,
      bucket: new Date(Math.floor((now - ago) / 60_000) * 60_000),
      requests,
      totalLatencyMs: requests,
      maxLatencyMs: 1,
    });
    await registry.usage.recordUsage("online_test", [
      usage("eta_model", "driver_hourly_stats:conv_rate", 2 * 60_000, 5),
      usage("eta_model", "driver_hourly_stats:acc_rate", 60 * 60_000, 2),
      usage("churn_model", "driver_hourly_stats:acc_rate", 3 * DAY, 1),
      usage("old_model", "driver_hourly_stats:conv_rate", 45 * DAY, 9),
      usage("eta_model", "driver_lifetime:avg_daily_trips", 60_000, 3),
    ]);
    const impact = await store.lifecycleImpact("driver_hourly_stats");
    expect(impact.onDemandViews).toEqual(["adjusted_conv_rate"]);
    expect(impact.services).toEqual([
      { name: "churn_v1", via: "driver_hourly_stats", consumers: ["churn_model"] },
      { name: "driver_activity_v1", via: "driver_hourly_stats", consumers: [] },
    ]);
    expect(impact.consumers).toEqual([
      {
        consumer: "eta_model",
        requests: 7,
        lastSeen: usage("", "", 2 * 60_000, 0).bucket,
        features: ["acc_rate", "conv_rate"],
      },
      { consumer: "churn_model", requests: 1, lastSeen: usage("", "", 3 * DAY, 0).bucket, features: ["acc_rate"] },
    ]);
    expect(impact.days).toBe(30);
    expect((await store.lifecycleImpact("driver_hourly_stats", { days: 1 })).consumers.map((c) => c.consumer)).toEqual([
      "eta_model",
    ]);
    expect((await store.lifecycleImpact("driver_lifetime")).services.map((s) => s.name)).toEqual(["lifetime_v1"]);
  });

  it("a running feature server picks up a deprecation, a retirement naming the replacement, and the undo", async () => {
    const registry = await store.registry();
    await store.reactivate("driver_hourly_stats");
    const serving = await OnlineServing.open({
      project: "online_test",
      registry: servingRegistryFrom(registry),
      onlineStore: store.onlineStore(),
      refreshIntervalMs: 0,
    });
    const request = { features: ["driver_lifetime:avg_daily_trips"], entityRows: [{ driver_id: 1001 }] };
    try {
      expect((await serving.getOnlineFeatures(request)).deprecations).toEqual([]);
      const sunset = future(30);
      await store.deprecate("driver_lifetime", {
        reason: "use v2",
        replacement: "driver_hourly_stats_v2",
        sunsetAt: sunset,
      });
      expect(await serving.refresh()).toBe(true);
      expect((await serving.getOnlineFeatures(request)).deprecations).toEqual([
        { view: "driver_lifetime", reason: "use v2", replacement: "driver_hourly_stats_v2", sunsetAt: sunset },
      ]);
      await store.retire("driver_lifetime");
      expect(await serving.refresh()).toBe(true);
      const gone = await failure(serving.getOnlineFeatures(request));
      expect(gone.code).toBe("GONE");
      expect(gone.message).toBe(
        "feature view 'driver_lifetime' was retired and is no longer served; use 'driver_hourly_stats_v2' instead",
      );
      await store.reactivate("driver_lifetime");
      expect(await serving.refresh()).toBe(true);
      expect((await serving.getOnlineFeatures(request)).deprecations).toEqual([]);
    } finally {
      await serving.close();
    }
  });
});
