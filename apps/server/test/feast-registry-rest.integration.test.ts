/**
 * Feast's REST registry contract from `pantry serve`: /projects-list.json and the lists and details
 * under /api/v1, in Feast's camelCase protobuf JSON, over a repo applied to a real SQLite registry.
 * The request paths are the ones @feast-dev/feast-ui 0.66 sends (e2e/specs/feast-ui.spec.ts runs
 * the UI itself).
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { accessPolicyFor, addTokenUser, parseRepoConfig } from "@pantry/core";
import { createOnlineTestRepo, type OnlineTestRepo } from "@pantry/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningFeatureServer, startFeatureServer } from "../src/index";
import { get } from "./helpers";

const P = "online_test";

describe("Feast's REST registry contract", () => {
  let repo: OnlineTestRepo;
  let server: RunningFeatureServer;
  let base: string;

  beforeAll(async () => {
    repo = await createOnlineTestRepo({ online: "sqlite" });
    await repo.store.apply({ actor: "test" });
    await repo.store.materialize(new Date("2024-01-01T00:00:00Z"), new Date("2024-01-02T00:00:00Z"));
    server = await startFeatureServer({ port: 0, projects: [repo.store] });
    base = server.url;
  });
  afterAll(async () => {
    await server?.close();
    await repo?.cleanup();
  });

  it("/projects-list.json names each project with registryPath /api/v1", async () => {
    const response = await get(base, "/projects-list.json");
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ projects: [{ id: P, name: P, description: "", registryPath: "/api/v1" }] });
    const projects = await get(base, "/api/v1/projects");
    expect(projects.body.projects).toEqual([{ spec: { name: P }, meta: {} }]);
  });

  it("lists feature views with their type, in Feast's JSON (ttl as a duration, enum names)", async () => {
    const response = await get(base, `/api/v1/feature_views?project=${P}&include_relationships=true`);
    expect(response.status).toBe(200);
    const views = response.body.featureViews as Record<string, any>[];
    expect(views.map((v) => [v.spec.name, v.type])).toEqual([
      ["driver_fresh", "featureView"],
      ["driver_hourly_stats", "featureView"],
      ["driver_lifetime", "featureView"],
      ["adjusted_conv_rate", "onDemandFeatureView"],
    ]);
    const hourly = views.find((v) => v.spec.name === "driver_hourly_stats") as Record<string, any>;
    expect(hourly.spec).toMatchObject({
      name: "driver_hourly_stats",
      project: P,
      entities: ["driver"],
      ttl: "86400s",
      online: true,
      features: [
        { name: "conv_rate", valueType: "FLOAT" },
        { name: "acc_rate", valueType: "FLOAT" },
        { name: "avg_daily_trips", valueType: "INT64" },
      ],
      batchSource: {
        type: "BATCH_FILE",
        name: "driver_stats_source",
        timestampField: "event_timestamp",
        createdTimestampColumn: "created",
        fileOptions: { fileFormat: { parquetFormat: {} } },
      },
    });
    expect(hourly.meta.createdTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
    expect(hourly.meta.materializationIntervals).toEqual([
      { startTime: "2024-01-01T00:00:00Z", endTime: "2024-01-02T00:00:00Z" },
    ]);
    const fresh = views.find((v) => v.spec.name === "driver_fresh") as Record<string, any>;
    expect(fresh.spec.streamSource).toMatchObject({ type: "PUSH_SOURCE", name: "driver_stats_push" });
    const odfv = views.find((v) => v.type === "onDemandFeatureView") as Record<string, any>;
    expect(Object.keys(odfv.spec.sources).sort()).toEqual(["driver_hourly_stats", "trip_request"]);
    expect(odfv.spec.sources.trip_request.requestDataSource).toMatchObject({ type: "REQUEST_SOURCE" });
    expect(odfv.spec.featureTransformation.userDefinedFunction.bodyText).toContain("conv_rate");
    const relationships = response.body.relationships as Record<string, unknown[]>;
    expect(relationships.driver_hourly_stats).toEqual(
      expect.arrayContaining([
        {
          source: { type: "dataSource", name: "driver_stats_source" },
          target: { type: "featureView", name: "driver_hourly_stats" },
        },
        { source: { type: "entity", name: "driver" }, target: { type: "featureView", name: "driver_hourly_stats" } },
        {
          source: { type: "featureView", name: "driver_hourly_stats" },
          target: { type: "featureService", name: "driver_activity_v1" },
        },
      ]),
    );
  });

  it("answers the details the UI opens: a view, a service (with entities through relationships), an entity, a source", async () => {
    const view = await get(base, `/api/v1/feature_views/driver_hourly_stats?project=${P}&include_relationships=true`);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ type: "featureView", spec: { name: "driver_hourly_stats" } });
    const service = await get(
      base,
      `/api/v1/feature_services/driver_activity_v1?project=${P}&include_relationships=true`,
    );
    expect(service.status).toBe(200);
    expect(service.body.spec).toMatchObject({
      name: "driver_activity_v1",
      features: [
        {
          featureViewName: "driver_hourly_stats",
          featureColumns: [
            { name: "conv_rate", valueType: "FLOAT" },
            { name: "avg_daily_trips", valueType: "INT64" },
          ],
        },
        {
          featureViewName: "adjusted_conv_rate",
          featureColumns: [{ name: "conv_rate_plus_val", valueType: "DOUBLE" }],
        },
      ],
    });
    expect(service.body.relationships).toEqual(
      expect.arrayContaining([
        { source: { type: "entity", name: "driver" }, target: { type: "featureService", name: "driver_activity_v1" } },
      ]),
    );
    const entity = await get(base, `/api/v1/entities/driver?project=${P}&include_relationships=true`);
    expect(entity.body.spec).toEqual({ name: "driver", project: P, valueType: "INT64", joinKey: "driver_id" });
    const source = await get(base, `/api/v1/data_sources/driver_stats_push?project=${P}&include_relationships=true`);
    expect(source.body).toMatchObject({ type: "PUSH_SOURCE", batchSource: { name: "driver_stats_source" } });
    const feature = await get(base, `/api/v1/features/driver_hourly_stats/conv_rate?project=${P}`);
    expect(feature.body).toMatchObject({ name: "conv_rate", featureView: "driver_hourly_stats", type: "FLOAT" });
  });

  it("serves empty lists where Pantry has nothing (permissions, label views, saved datasets, unknown projects)", async () => {
    for (const [path, key] of [
      [`/api/v1/permissions?project=${P}`, "permissions"],
      ["/api/v1/permissions?project=default", "permissions"],
      [`/api/v1/label_views?project=${P}&include_relationships=true`, "featureViews"],
      ["/api/v1/label_views/all?limit=100&include_relationships=true", "featureViews"],
      [`/api/v1/saved_datasets?project=${P}&include_relationships=true`, "savedDatasets"],
      ["/api/v1/saved_datasets/all?limit=100", "savedDatasets"],
      ["/api/v1/entities?project=nope&include_relationships=true", "entities"],
    ] as const) {
      const response = await get(base, path);
      expect(response.status, path).toBe(200);
      expect(response.body[key], path).toEqual([]);
    }
  });

  it("/all lists every project's objects with their project, paginated as Feast's", async () => {
    const response = await get(base, "/api/v1/feature_services/all?limit=100&include_relationships=true");
    expect(response.status).toBe(200);
    expect(response.body.featureServices).toEqual([expect.objectContaining({ project: P, spec: expect.anything() })]);
    expect(response.body.pagination).toMatchObject({ page: 1, limit: 100, totalCount: 1, hasNext: false });
    const features = await get(base, "/api/v1/features/all?limit=2");
    expect(features.body.features).toHaveLength(2);
    expect(features.body.pagination).toMatchObject({ totalCount: 6, totalPages: 3, hasNext: true });
  });

  it("a missing detail is a 404 naming it, a missing project parameter a 400, and writes are refused", async () => {
    const missing = await get(base, `/api/v1/feature_views/driver_hourly_stat?project=${P}`);
    expect(missing.status).toBe(404);
    expect(missing.body.detail).toBe(
      "feature view 'driver_hourly_stat' is not in project 'online_test'; did you mean 'driver_hourly_stats'?",
    );
    const noProject = await get(base, "/api/v1/entities");
    expect(noProject.status).toBe(400);
    expect(noProject.body.detail).toMatch(/'project' is required/);
    const write = await fetch(`${base}/api/v1/entities?project=${P}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(write.status).toBe(405);
    expect(write.headers.get("allow")).toBe("GET");
  });
});

describe("Feast's REST registry contract behind token auth", () => {
  let repo: OnlineTestRepo;
  let server: RunningFeatureServer;
  let viewer = "";

  beforeAll(async () => {
    repo = await createOnlineTestRepo({ online: "sqlite" });
    await repo.store.apply({ actor: "test" });
    const users = join(mkdtempSync(join(tmpdir(), "pantry-feast-rest-auth-")), "users.yaml");
    viewer = addTokenUser(users, "vic", "viewer").token;
    const config = parseRepoConfig(
      `project: ${P}\nauth:\n  type: token\n  tokens_file: ${users}\n`,
      "/r/feature_store.yaml",
    );
    server = await startFeatureServer({ port: 0, access: accessPolicyFor([config]), projects: [repo.store] });
  });
  afterAll(async () => {
    await server?.close();
    await repo?.cleanup();
  });

  it("answers 401 without a token (which the UI treats as no access) and the registry to a viewer", async () => {
    for (const path of ["/projects-list.json", `/api/v1/feature_views?project=${P}`]) {
      const anonymous = await get(server.url, path);
      expect(anonymous.status, path).toBe(401);
      expect(anonymous.body).toMatchObject({ error: { code: "UNAUTHENTICATED" } });
    }
    const list = await get(server.url, "/projects-list.json", { authorization: `Bearer ${viewer}` });
    expect(list.status).toBe(200);
    expect((list.body.projects as unknown[]).length).toBe(1);
    const views = await get(server.url, `/api/v1/feature_views?project=${P}`, { authorization: `Bearer ${viewer}` });
    expect((views.body.featureViews as unknown[]).length).toBe(4);
  });
});
