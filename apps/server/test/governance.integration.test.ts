/**
 * Governance that reaches features and services, over a real SQLite registry and the HTTP feature
 * server: a deprecated feature or service is served with Deprecation/Sunset headers, a retired one
 * answers 410 naming the replacement, apply of code still reading a retired feature fails naming
 * it and its replacement, deprecations create notices for the owners they reach, which an owner
 * acknowledges, and a service records the versions of the views it was built from.
 */
import { appendFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  acknowledgeNotice,
  applyRestore,
  auditCsv,
  deprecateGoverned,
  governedImpact,
  isPantryError,
  listNotices,
  listObjectVersions,
  listRegistryAudit,
  parseAuditFilter,
  planRestore,
  reactivateGoverned,
  retireGoverned,
  serviceDrift,
  servingRegistryFrom,
} from "@pantry/core";
import { createOnlineTestRepo, type OnlineTestRepo, servableFromParts } from "@pantry/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningFeatureServer, startFeatureServer } from "../src/index";
import { post } from "./helpers";

const EXTRA = `
export const driverStatsV2 = new FeatureView({
  name: "driver_hourly_stats_v2", entities: [driver], ttl: 0, source: driverStatsSource,
  schema: [{ name: "conv_rate", dtype: "Float32" }],
});
export const churn = new FeatureService({
  name: "churn_v1", features: [driverStats.select(["acc_rate", "conv_rate"])],
  tags: { model: "churn_model" }, owner: "risk-team",
});
export const churn2 = new FeatureService({ name: "churn_v2", features: [driverStatsV2], tags: { model: "churn_model_v2" }, owner: "risk-team" });
`;

const future = (days: number) => new Date(Date.now() + days * 86_400_000);

async function failure(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!isPantryError(error)) throw new Error(`expected a PantryError, got ${String(error)}`);
  return error;
}

describe("governance of features and services", () => {
  let repo: OnlineTestRepo;
  let server: RunningFeatureServer;
  let base: string;
  const project = "online_test";
  const actor = "ops";

  beforeAll(async () => {
    repo = await createOnlineTestRepo({ online: "sqlite", hours: 24 });
    appendFileSync(join(repo.dir, "feature_definitions.ts"), EXTRA);
    await repo.store.apply({ actor: "test" });
    await repo.store.materialize(new Date("2024-01-01T00:00:00Z"), new Date("2024-01-02T00:00:00Z"));
    const registry = await repo.store.registry();
    server = await startFeatureServer({
      port: 0,
      refreshIntervalMs: 0,
      projects: [
        servableFromParts({ project, registry: servingRegistryFrom(registry), onlineStore: repo.onlineStore }),
      ],
    });
    base = server.url;
  });

  afterAll(async () => {
    await server?.close();
    await repo?.cleanup();
  });

  const fetchOnce = (body: Record<string, unknown>) =>
    post(
      base,
      "/get-online-features",
      { entities: { driver_id: [1001] }, ...body },
      { "x-pantry-consumer": "churn_model" },
    );
  /**
   * The server reloads lifecycles in the background when the registry's change stamp moves (the
   * request that notices it is served from the snapshot it had): a second request sees the change.
   */
  const fetchFeatures = async (body: Record<string, unknown>) => {
    await fetchOnce(body);
    await new Promise((resolve) => setTimeout(resolve, 150));
    return fetchOnce(body);
  };

  it("serves a deprecated feature with headers and lists who it reaches", async () => {
    const registry = await repo.store.registry();
    // A consumer seen reading it that no service's tags name: it gets a notice too.
    await registry.usage.recordUsage(project, [
      {
        consumer: "eta_model",
        featureRef: "driver_hourly_stats:acc_rate",
        bucket: new Date(Math.floor(Date.now() / 60_000) * 60_000 - 60_000),
        requests: 3,
        totalLatencyMs: 3,
        maxLatencyMs: 1,
      },
    ]);
    const sunset = future(30);
    const transition = await deprecateGoverned(registry, {
      project,
      kind: "feature",
      name: "driver_hourly_stats:acc_rate",
      actor,
      reason: "noisy, use conv_rate",
      replacement: "driver_hourly_stats_v2:conv_rate",
      sunsetAt: sunset,
    });
    expect(transition).toMatchObject({
      from: "active",
      status: { state: "deprecated", replacement: "driver_hourly_stats_v2:conv_rate" },
    });

    const served = await fetchFeatures({ features: ["driver_hourly_stats:acc_rate", "driver_hourly_stats:conv_rate"] });
    expect(served.status).toBe(200);
    expect(served.headers.get("deprecation")).toBe("true");
    expect(served.headers.get("sunset")).toBe(sunset.toUTCString());
    expect(served.headers.get("x-pantry-deprecated")).toBe(
      "driver_hourly_stats:acc_rate (use driver_hourly_stats_v2:conv_rate)",
    );
    // The other features of the view are not deprecated.
    const other = await fetchFeatures({ features: ["driver_hourly_stats:conv_rate"] });
    expect(other.headers.get("deprecation")).toBeNull();

    const impact = await governedImpact(registry, { project, kind: "feature", name: "driver_hourly_stats:acc_rate" });
    expect(impact.services.map((s) => s.name)).toEqual(["churn_v1"]);
    expect(impact.services[0]?.consumers).toEqual(["churn_model"]);
    expect(impact.consumers.map((c) => [c.consumer, c.requests])).toEqual([["eta_model", 3]]);
  });

  it("refuses a bad replacement, an unknown feature and a past sunset with the thing named", async () => {
    const registry = await repo.store.registry();
    const base = { project, kind: "feature" as const, actor, reason: "r" };
    expect((await failure(deprecateGoverned(registry, { ...base, name: "driver_hourly_stats:nope" }))).message).toBe(
      "feature 'nope' is not in view 'driver_hourly_stats' (it has conv_rate, acc_rate, avg_daily_trips)",
    );
    expect(
      (
        await failure(
          deprecateGoverned(registry, {
            ...base,
            name: "driver_hourly_stats:conv_rate",
            replacement: "driver_hourly_stats_v2",
          }),
        )
      ).message,
    ).toBe("replacement 'driver_hourly_stats_v2' is not a feature ref; name a feature as '<view>:<feature>'");
    expect(
      (
        await failure(
          deprecateGoverned(registry, { ...base, name: "driver_hourly_stats:conv_rate", sunsetAt: "2001-01-01" }),
        )
      ).message,
    ).toContain("is not in the future");
    expect(
      (await failure(retireGoverned(registry, { project, kind: "featureService", name: "churn_v2", actor }))).message,
    ).toContain("feature service 'churn_v2' is active; deprecate it first");
  });

  it("creates notices for the owners of the services and models it reaches; an owner acknowledges", async () => {
    const registry = await repo.store.registry();
    const open = await listNotices(registry, { project });
    const forFeature = open.filter((n) => n.target === "driver_hourly_stats:acc_rate");
    expect(forFeature.map((n) => [n.subjectKind, n.subject, n.owner, n.state])).toEqual([
      ["featureService", "churn_v1", "risk-team", "deprecated"],
      ["model", "churn_model", "risk-team", "deprecated"],
      ["model", "eta_model", "", "deprecated"],
    ]);
    expect(await listNotices(registry, { project, owner: "risk-team" })).toHaveLength(2);
    expect(await listNotices(registry, { project, owner: "someone-else" })).toHaveLength(0);

    const acknowledged = await acknowledgeNotice(registry, {
      project,
      id: forFeature[0]?.id ?? "",
      actor: "risk-lead",
    });
    expect(acknowledged).toMatchObject({ acknowledgedBy: "risk-lead", subject: "churn_v1" });
    expect(acknowledged.acknowledgedAt).toBeInstanceOf(Date);
    const again = await failure(acknowledgeNotice(registry, { project, id: forFeature[0]?.id ?? "", actor: "x" }));
    expect(again.message).toContain("was already acknowledged by risk-lead");
    expect((await failure(acknowledgeNotice(registry, { project, id: "nope", actor }))).code).toBe("NOT_FOUND");
    expect((await listNotices(registry, { project })).map((n) => n.subject)).toEqual(["churn_model", "eta_model"]);
    expect((await listNotices(registry, { project, status: "acknowledged" })).map((n) => n.acknowledgedBy)).toEqual([
      "risk-lead",
    ]);
    // Updating a deprecation (same state) does not notify again.
    await deprecateGoverned(registry, {
      project,
      kind: "feature",
      name: "driver_hourly_stats:acc_rate",
      actor,
      reason: "still noisy",
      replacement: "driver_hourly_stats_v2:conv_rate",
    });
    expect(await listNotices(registry, { project, status: "all" })).toHaveLength(3);
  });

  it("a retired feature answers 410 naming the replacement, and apply of code still using it fails", async () => {
    const registry = await repo.store.registry();
    await retireGoverned(registry, { project, kind: "feature", name: "driver_hourly_stats:acc_rate", actor });
    const gone = await fetchFeatures({ features: ["driver_hourly_stats:acc_rate"] });
    expect(gone.status).toBe(410);
    expect(JSON.stringify(gone.body)).toContain(
      "feature 'driver_hourly_stats:acc_rate' was retired and is no longer served; use 'driver_hourly_stats_v2:conv_rate' instead",
    );
    // The service that includes it is gone too, the rest of the view still served.
    expect((await fetchFeatures({ feature_service: "churn_v1" })).status).toBe(410);
    expect((await fetchFeatures({ features: ["driver_hourly_stats:conv_rate"] })).status).toBe(200);
    const refused = await failure(repo.store.apply({ actor: "test" }));
    expect(refused.code).toBe("FAILED_PRECONDITION");
    expect(refused.message).toBe(
      "nothing was applied: feature service 'churn_v1' reads feature 'driver_hourly_stats:acc_rate', which is retired (use 'driver_hourly_stats_v2:conv_rate' instead). Move the code to the replacement, or reactivate what it reads",
    );
    // Moving the code off it lets apply through; the retirement stays.
    const definitions = join(repo.dir, "feature_definitions.ts");
    writeFileSync(
      definitions,
      readFileSync(definitions, "utf8").replace(`select(["acc_rate", "conv_rate"])`, `select(["conv_rate"])`),
    );
    await repo.store.apply({ actor: "test" });
    expect((await fetchFeatures({ features: ["driver_hourly_stats:acc_rate"] })).status).toBe(410);
    expect((await fetchFeatures({ feature_service: "churn_v1" })).status).toBe(200);
    await reactivateGoverned(registry, { project, kind: "feature", name: "driver_hourly_stats:acc_rate", actor });
    expect((await fetchFeatures({ features: ["driver_hourly_stats:acc_rate"] })).status).toBe(200);
  });

  it("deprecates and retires a feature service: headers, then 410, notices for its models", async () => {
    const registry = await repo.store.registry();
    await deprecateGoverned(registry, {
      project,
      kind: "featureService",
      name: "churn_v1",
      actor,
      reason: "v2 is out",
      replacement: "churn_v2",
    });
    const served = await fetchFeatures({ feature_service: "churn_v1" });
    expect(served.status).toBe(200);
    expect(served.headers.get("deprecation")).toBe("true");
    expect(served.headers.get("x-pantry-deprecated")).toBe("churn_v1 (use churn_v2)");
    // Its features fetched by ref are not deprecated.
    expect(
      (await fetchFeatures({ features: ["driver_hourly_stats:conv_rate"] })).headers.get("deprecation"),
    ).toBeNull();
    const notices = (await listNotices(registry, { project })).filter((n) => n.target === "churn_v1");
    expect(notices.map((n) => [n.targetKind, n.subjectKind, n.subject])).toEqual([
      ["featureService", "model", "churn_model"],
    ]);
    await retireGoverned(registry, { project, kind: "featureService", name: "churn_v1", actor });
    const gone = await fetchFeatures({ feature_service: "churn_v1" });
    expect(gone.status).toBe(410);
    expect(JSON.stringify(gone.body)).toContain(
      "feature service 'churn_v1' was retired and is no longer served; use 'churn_v2' instead",
    );
    await reactivateGoverned(registry, { project, kind: "featureService", name: "churn_v1", actor });
    expect((await fetchFeatures({ feature_service: "churn_v1" })).status).toBe(200);
  });

  it("a service records the view versions it was built from and flags views changed since", async () => {
    const registry = await repo.store.registry();
    const before = (await serviceDrift(registry, { project, service: "churn_v2" }))[0];
    expect(before?.recorded).toBe(true);
    expect(before?.changed).toEqual([]);
    const builtAt = before?.views.find((v) => v.view === "driver_hourly_stats_v2")?.builtFrom ?? 0;
    const definitions = join(repo.dir, "feature_definitions.ts");
    writeFileSync(
      definitions,
      readFileSync(definitions, "utf8").replace(
        `schema: [{ name: "conv_rate", dtype: "Float32" }],\n});\nexport const churn`,
        `schema: [{ name: "conv_rate", dtype: "Float32", description: "share accepted" }],\n});\nexport const churn`,
      ),
    );
    await repo.store.apply({ actor: "test" });
    const after = (await serviceDrift(registry, { project, service: "churn_v2" }))[0];
    expect(after?.changed.map((c) => [c.view, c.builtFrom, c.current])).toEqual([
      ["driver_hourly_stats_v2", builtAt, builtAt + 1],
    ]);
    expect(after?.changed[0]?.changes.map((c) => c.text).join("\n")).toContain("share accepted");
  });

  it("restores an older version of a console object through plan then apply, as a new version", async () => {
    const registry = await repo.store.registry();
    const handle = { name: project, repoPath: null, registry, store: repo.store };
    const spec = {
      kind: "featureService" as const,
      name: "console_svc",
      description: "first",
      owner: "",
      tags: {},
      projections: [{ view: "driver_hourly_stats", alias: null, features: ["conv_rate"], joinKeyMap: {} }],
    };
    await repo.store.applyEdit(
      { upserts: [spec], deletions: [], creates: [{ kind: "featureService", name: "console_svc" }] },
      { actor },
    );
    await repo.store.applyEdit({ upserts: [{ ...spec, description: "second" }], deletions: [] }, { actor });
    const plan = await planRestore(handle, { kind: "featureService", name: "console_svc", version: 1 });
    expect(plan.items.find((i) => i.name === "console_svc")?.action).toBe("update");
    await applyRestore(handle, { kind: "featureService", name: "console_svc", version: 1, actor: "restorer" });
    const versions = await listObjectVersions(registry, { project, kind: "featureService", name: "console_svc" });
    expect(versions.map((v) => [v.version, (v.spec as { description: string }).description, v.author])).toEqual([
      [3, "first", "restorer"],
      [2, "second", "ops"],
      [1, "first", "ops"],
    ]);
    // A code object is restored in code.
    expect(
      (await failure(planRestore(handle, { kind: "featureView", name: "driver_hourly_stats_v2", version: 1 }))).message,
    ).toContain("is defined in code");
  });

  it("filters the audit log and exports it as CSV safe against formula injection", async () => {
    const registry = await repo.store.registry();
    const deprecations = await listRegistryAudit(registry, {
      project,
      limit: 100,
      filter: parseAuditFilter({ action: "deprecate", object: "feature:driver_hourly_stats:acc_rate" }),
    });
    expect(deprecations.items).toHaveLength(2);
    expect(deprecations.items.every((e) => e.action === "deprecate" && e.name === "driver_hourly_stats:acc_rate")).toBe(
      true,
    );
    const byActor = await listRegistryAudit(registry, {
      project,
      limit: 100,
      filter: parseAuditFilter({ actor: "risk-lead" }),
    });
    expect(byActor.items.map((e) => e.action)).toEqual(["acknowledge"]);
    const none = await listRegistryAudit(registry, {
      project,
      limit: 100,
      filter: parseAuditFilter({ since: "2999-01-01" }),
    });
    expect(none.items).toEqual([]);
    const recent = await listRegistryAudit(registry, {
      project,
      limit: 100,
      filter: parseAuditFilter({ since: "1h" }),
    });
    expect(recent.items.length).toBeGreaterThan(5);
    expect(() => parseAuditFilter({ since: "yesterday" })).toThrow("audit filter since 'yesterday'");

    const csv = auditCsv([
      {
        id: "1",
        project,
        actor: '=HYPERLINK("http://x")',
        action: "deprecate",
        kind: "feature",
        name: "v:f",
        summary: "a, b\nc",
        details: { from: "active" },
        createdAt: new Date("2026-11-01T00:00:00Z"),
      },
    ]);
    expect(csv).toBe(
      'time,project,actor,action,kind,name,summary,details\r\n2026-11-01T00:00:00.000Z,online_test,"\'=HYPERLINK(""http://x"")",deprecate,feature,v:f,"a, b\nc","{""from"":""active""}"\r\n',
    );
  });
});
