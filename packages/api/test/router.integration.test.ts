/**
 * The console's API over real registries the test seeds itself (SQLite files, and a PostgreSQL
 * database created and dropped here): what the console shows and what its forms write.
 */
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { FeatureStore } from "@pantry/core";
import { getTRPCErrorShape, TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, sharedFixturePresent } from "@pantry/core/testing";
import { createContext } from "../src/context";
import { appRouter } from "../src/root";
import type { TFeatureViewFormInput } from "../src/schemas/feature-view";
import type { PantryErrorData } from "../src/trpc";
import { RIDES_DEFINITIONS, type SeededWorkspace, seedWorkspace } from "./support/seed-workspace";

const newView = (overrides: Partial<TFeatureViewFormInput> = {}): TFeatureViewFormInput => ({
  name: "driver_trips_console",
  entities: ["driver"],
  source: "driver_stats_source",
  features: [{ name: "trips", dtype: "Int64", description: "Trips in the hour" }],
  ttl: "2h",
  online: true,
  owner: "analyst@pantry.dev",
  description: "Made in the console",
  tags: [
    { key: "team", value: "rides" },
    { key: "made-in", value: "console" },
  ],
  ...overrides,
});

interface Failure {
  code: string;
  message: string;
  /** `error.data` as the browser receives it (through the router's error formatter). */
  data: PantryErrorData & Record<string, unknown>;
}

/** The error a procedure threw, formatted as the client receives it. */
/** The workspace of the suite running: the error formatter shows paths inside it (others are redacted). */
let activeWorkspace: SeededWorkspace | null = null;

async function failure(call: Promise<unknown>): Promise<Failure> {
  try {
    await call;
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    const shape = getTRPCErrorShape({
      config: appRouter._def._config,
      error,
      type: "query",
      path: "test",
      input: undefined,
      ctx: activeWorkspace ? createContext({ workspace: activeWorkspace.workspace }) : undefined,
    });
    return { code: error.code, message: error.message, data: shape.data as Failure["data"] };
  }
  throw new Error("expected the call to fail");
}

describe.each(["sqlite", "postgres"] as const)("console API on a %s registry", (backend) => {
  let seeded: SeededWorkspace;
  let dropDatabase: (() => Promise<void>) | null = null;

  beforeAll(async () => {
    if (backend === "postgres") {
      const db = await createTestDatabase("pantry_api_test");
      dropDatabase = db.drop;
      // Trust auth ignores the password: it is here to check that the console never shows it.
      seeded = await seedWorkspace({ postgresUrl: db.url.replace("postgres@", "postgres:s3cret@") });
    } else {
      seeded = await seedWorkspace();
    }
    activeWorkspace = seeded;
  });
  afterAll(async () => {
    await seeded?.cleanup();
    await dropDatabase?.();
  });

  const auditCount = async () => (await seeded.caller().catalog.audit({ limit: 200 })).items.length;

  it("lists every project of both registries with counts, owners and consumers", async () => {
    const { projects, problems } = await seeded.caller().projects.list();
    expect(problems).toEqual([]);
    expect(projects.map((p) => p.name)).toEqual(["fraud", "rides", "solo"]);
    const rides = projects.find((p) => p.name === "rides");
    expect(rides?.counts).toEqual({
      entities: 1,
      dataSources: 3,
      featureViews: 2,
      onDemandFeatureViews: 1,
      features: 5,
      featureServices: 2,
    });
    // The request source has no owner: 8 of the 9 objects.
    expect(rides?.owners).toEqual([{ owner: "rides@pantry.dev", objects: 8 }]);
    expect(rides?.consumers).toEqual(["churn_model", "eta_model"]);
    // rides and fraud share a registry; solo has its own.
    const registries = new Set(projects.map((p) => p.registry));
    expect(registries.size).toBe(2);
    expect(projects.find((p) => p.name === "fraud")?.registry).toBe(rides?.registry);
    if (backend === "postgres") expect(rides?.registry).toMatch(/^postgresql:\/\/postgres:\*\*\*@127\.0\.0\.1/);
    expect(JSON.stringify(projects)).not.toContain("s3cret");
  });

  it("gives a project's overview with its recent changes", async () => {
    const overview = await seeded.caller().projects.overview({ project: "rides" });
    expect(overview.counts.featureServices).toBe(2);
    expect(overview.recentChanges[0]).toMatchObject({ actor: "ci", action: "apply", project: "rides" });
    expect(overview.recentChanges[0]?.summary).toMatch(/9 created, 0 changed, 0 deleted/);
    expect(overview.savedDatasets).toBe(0);
  });

  it("names an unknown project and suggests the close one", async () => {
    const error = await failure(seeded.caller().projects.overview({ project: "ridez" }));
    expect(error.code).toBe("NOT_FOUND");
    expect(error.message).toMatch(/project 'ridez' is not in the workspace .*did you mean 'rides'\?/);
  });

  it("pages and filters lists", async () => {
    const caller = seeded.caller();
    const first = await caller.catalog.list({ project: "rides", kind: "featureView", limit: 1 });
    expect(first.items.map((i) => i.name)).toEqual(["driver_profile"]);
    expect(first.total).toBe(2);
    const second = await caller.catalog.list({
      project: "rides",
      kind: "featureView",
      limit: 1,
      cursor: first.nextCursor,
    });
    expect(second.items.map((i) => i.name)).toEqual(["driver_stats"]);
    expect(second.nextCursor).toBeNull();
    expect(second.items[0]).toMatchObject({
      kind: "featureView",
      usedBy: ["eta_v1"],
      ttlSeconds: 86400,
      featureCount: 2,
      origin: "code",
    });
    const prod = await caller.catalog.list({ project: "rides", kind: "featureView", limit: 10, tags: ["stage:prod"] });
    expect(prod.items.map((i) => i.name)).toEqual(["driver_stats"]);
    const byText = await caller.catalog.list({ project: "rides", kind: "featureView", limit: 10, q: "hourly" });
    expect(byText.items.map((i) => i.name)).toEqual(["driver_stats"]);
    const features = await caller.catalog.features({ limit: 100 });
    expect(features.total).toBe(9);
    const rate = await caller.catalog.features({ q: "rate", limit: 10 });
    expect(rate.items.map((f) => `${f.project}/${f.view}:${f.name}`)).toEqual(["rides/driver_stats:conv_rate"]);
  });

  it("shows an object's detail: spec, the services that use it, consumers and its code", async () => {
    const detail = await seeded.caller().catalog.get({ project: "rides", kind: "featureView", name: "driver_stats" });
    expect(detail.summary).toMatchObject({ usedBy: ["eta_v1"] });
    expect(detail.consumers).toEqual(["eta_model"]);
    expect(detail.code).toContain("export const driverStats = new FeatureView({");
    expect(detail.code).toContain('ttl: "1d"');
    const missing = await failure(
      seeded.caller().catalog.get({ project: "rides", kind: "featureView", name: "driver_stat" }),
    );
    expect(missing.code).toBe("NOT_FOUND");
    expect(missing.message).toContain("did you mean 'driver_stats'?");
  });

  it("ranks search results: exact name, prefix, contains, tag, description", async () => {
    const { hits, total } = await seeded.caller().search.query({ q: "driver", limit: 50 });
    const seen = hits.map((h) => `${h.rank}:${h.kind}:${h.view ? `${h.view}.` : ""}${h.name}`);
    expect(seen[0]).toBe("5:entity:driver");
    expect(hits.map((h) => h.rank)).toEqual([...hits.map((h) => h.rank)].sort((a, b) => b - a));
    expect(seen).toContain("4:featureView:driver_stats");
    expect(seen).toContain("3:feature:card_velocity.is_driver_card");
    expect(hits.find((h) => h.name === "card_velocity")).toMatchObject({ rank: 2, matchedOn: "tag" });
    expect(total).toBe(hits.length);
    // Features of a view tagged team:fraud are found by that tag too.
    const fraud = await seeded.caller().search.query({ q: "", tag: "team:fraud", kinds: ["feature"], limit: 10 });
    expect(fraud.hits.map((h) => h.name).sort()).toEqual(["avg_amount", "is_driver_card", "txn_count_1h"]);
    const owner = await seeded.caller().search.query({ q: "v1", owner: "fraud@pantry.dev", limit: 10 });
    expect(owner.hits.map((h) => h.name)).toEqual(["fraud_v1"]);
    const scoped = await seeded.caller().search.query({ q: "trips", project: "solo", limit: 10 });
    expect(scoped.hits.map((h) => `${h.project}/${h.view}:${h.name}`)).toEqual(["solo/rider_stats:trips"]);
    // One project of a shared registry: its neighbour's objects stay out.
    const everywhere = await seeded.caller().search.query({ q: "fraud", limit: 50 });
    expect(everywhere.hits.some((h) => h.project === "fraud")).toBe(true);
    const rides = await seeded.caller().search.query({ q: "fraud", project: "rides", limit: 50 });
    expect(rides.hits.every((h) => h.project === "rides")).toBe(true);
    const unknown = await failure(seeded.caller().search.query({ q: "trips", project: "sollo", limit: 10 }));
    expect(unknown.code).toBe("NOT_FOUND");
    expect(unknown.message).toContain("did you mean 'solo'?");
  });

  it("draws a service's lineage upstream to its sources and downstream to its model", async () => {
    const graph = await seeded.caller().lineage.graph({
      project: "rides",
      focusKind: "featureService",
      focusName: "eta_v1",
      direction: "both",
      depth: 5,
    });
    expect(graph.nodes.map((n) => n.id).sort()).toEqual([
      "consumer:eta_model",
      "dataSource:driver_stats_source",
      "dataSource:trip_request",
      "featureService:eta_v1",
      "featureView:driver_stats",
      "onDemandFeatureView:trip_eta",
    ]);
    const edges = graph.edges.map((e) => e.id);
    expect(edges).toContain("dataSource:driver_stats_source->featureView:driver_stats");
    expect(edges).toContain("featureService:eta_v1->consumer:eta_model");
    expect(graph.nodes.find((n) => n.focused)?.id).toBe("featureService:eta_v1");
    const whole = await seeded.caller().lineage.graph({ project: "rides" });
    expect(whole.nodes).toHaveLength(10);
  });

  it("inspects a file for the forms and reads sample rows", async () => {
    const caller = seeded.caller();
    const inspected = await caller.catalog.inspectSource({ project: "rides", path: "data/driver_stats.csv" });
    expect(inspected.columns.map((c) => [c.name, c.dtype])).toEqual([
      ["driver_id", "Int64"],
      ["event_timestamp", "UnixTimestamp"],
      ["created", "UnixTimestamp"],
      ["conv_rate", "Float64"],
      ["trips", "Int64"],
    ]);
    expect(inspected.timestampCandidates).toEqual(["event_timestamp", "created"]);
    const missing = await failure(caller.catalog.inspectSource({ project: "rides", path: "data/nope.parquet" }));
    expect(missing.code).toBe("NOT_FOUND");
    expect(missing.message).toContain("there is no file at data/nope.parquet");
    expect(missing.data).toMatchObject({ fieldErrors: { path: [missing.message] } });
    const sample = await caller.catalog.sampleRows({ project: "rides", source: "driver_stats_source", limit: 2 });
    expect(sample.rows).toHaveLength(2);
    expect(sample.columns).toContain("conv_rate");
  });

  it("rejects an invalid form with field errors and writes nothing", async () => {
    const before = await auditCount();
    const error = await failure(
      seeded.caller("ana").edit.applyEdit({
        intent: "create",
        project: "rides",
        form: { kind: "featureView", values: newView({ name: "2bad name", features: [], ttl: "soon" }) },
      }),
    );
    expect(error.code).toBe("BAD_REQUEST");
    expect(Object.keys(error.data.fieldErrors ?? {}).sort()).toEqual(["features", "name", "ttl"]);
    expect(error.data.fieldErrors?.name?.[0]).toMatch(/letters, digits and '_'/);
    expect(error.data.pantryCode).toBe("INVALID_ARGUMENT");
    expect(await auditCount()).toBe(before);
    const list = await seeded.caller().catalog.list({ project: "rides", kind: "featureView", limit: 10 });
    expect(list.total).toBe(2);
  });

  it("reports a view whose feature is not in the source, and an existing name, without writing", async () => {
    const before = await auditCount();
    const wrongColumn = await failure(
      seeded.caller().edit.plan({
        intent: "create",
        project: "rides",
        form: {
          kind: "featureView",
          values: newView({ features: [{ name: "trps", dtype: "Int64", description: "" }] }),
        },
      }),
    );
    expect(wrongColumn.code).toBe("BAD_REQUEST");
    expect(wrongColumn.message).toContain("trps");
    const clash = await failure(
      seeded.caller().edit.plan({
        intent: "create",
        project: "rides",
        form: { kind: "featureView", values: newView({ name: "driver_stats" }) },
      }),
    );
    expect(clash.code).toBe("CONFLICT");
    expect(clash.data).toMatchObject({ fieldErrors: { name: [clash.message] } });
    const codeOwned = await failure(
      seeded.caller().edit.plan({
        intent: "update",
        project: "rides",
        form: { kind: "featureView", values: newView({ name: "driver_stats" }) },
      }),
    );
    expect(codeOwned.code).toBe("PRECONDITION_FAILED");
    expect(codeOwned.message).toContain("is defined in code");
    const badTimestamp = await failure(
      seeded.caller().edit.plan({
        intent: "create",
        project: "rides",
        form: {
          kind: "dataSource",
          values: {
            name: "stats_again",
            path: "data/driver_stats.csv",
            timestampField: "ts",
            owner: "",
            description: "",
            tags: [],
          },
        },
      }),
    );
    expect(badTimestamp.code).toBe("BAD_REQUEST");
    expect(badTimestamp.data).toMatchObject({
      fieldErrors: { timestampField: [expect.stringContaining("'ts' is not a column")] },
    });
    expect(await auditCount()).toBe(before);
  });

  it("plans a new view (nothing written), then applies it as one version and one audit entry", async () => {
    const caller = seeded.caller("ana@pantry.dev");
    const input = {
      intent: "create" as const,
      project: "rides",
      form: { kind: "featureView" as const, values: newView() },
    };
    const before = await auditCount();
    const plan = await caller.edit.plan(input);
    expect(plan.items.filter((i) => i.action !== "unchanged").map((i) => [i.kind, i.name, i.action])).toEqual([
      ["featureView", "driver_trips_console", "create"],
    ]);
    expect(plan.hasChanges).toBe(true);
    expect(await auditCount()).toBe(before);
    await expect(
      caller.catalog.versions({ project: "rides", kind: "featureView", name: "driver_trips_console" }),
    ).rejects.toThrow(/has no history/);

    const applied = await caller.edit.applyEdit(input);
    expect(applied.applied).toBe(true);
    expect(await auditCount()).toBe(before + 1);
    const audit = await caller.catalog.audit({ project: "rides", limit: 1 });
    expect(audit.items[0]).toMatchObject({ actor: "ana@pantry.dev", action: "console-edit", project: "rides" });
    const versions = await caller.catalog.versions({
      project: "rides",
      kind: "featureView",
      name: "driver_trips_console",
    });
    expect(versions.map((v) => [v.version, v.change, v.author])).toEqual([[1, "create", "ana@pantry.dev"]]);

    // It shows up everywhere at once: list, search and lineage.
    const detail = await caller.catalog.get({ project: "rides", kind: "featureView", name: "driver_trips_console" });
    expect(detail.summary).toMatchObject({
      origin: "console",
      ttlSeconds: 7200,
      owner: "analyst@pantry.dev",
      tags: { team: "rides", "made-in": "console" },
    });
    const found = await caller.search.query({ q: "driver_trips_console", limit: 5 });
    expect(found.hits[0]).toMatchObject({ kind: "featureView", name: "driver_trips_console", rank: 5 });
    const graph = await caller.lineage.graph({
      project: "rides",
      focusKind: "featureView",
      focusName: "driver_trips_console",
      direction: "upstream",
      depth: 1,
    });
    expect(graph.edges.map((e) => e.id)).toEqual(["dataSource:driver_stats_source->featureView:driver_trips_console"]);
  });

  it("edits a console object: a second version and a readable diff", async () => {
    const caller = seeded.caller("ana@pantry.dev");
    const form = {
      kind: "featureView" as const,
      values: newView({
        description: "Trips per hour, from the console",
        features: [
          { name: "trips", dtype: "Int64", description: "" },
          { name: "conv_rate", dtype: "Float64", description: "" },
        ],
      }),
    };
    const plan = await caller.edit.plan({ intent: "update", project: "rides", form });
    expect(plan.items.find((i) => i.name === "driver_trips_console")).toMatchObject({
      action: "update",
      destructive: false,
    });
    await caller.edit.applyEdit({ intent: "update", project: "rides", form });
    const diff = await caller.catalog.diff({
      project: "rides",
      kind: "featureView",
      name: "driver_trips_console",
      from: 1,
      to: 2,
    });
    expect(diff.changes.map((c) => c.text)).toEqual([
      '~ description: "Made in the console" -> "Trips per hour, from the console"',
      '~ schema[trips].description: "Trips in the hour" -> ""',
      '+ schema[conv_rate] = {"description":"","dtype":"Float64","name":"conv_rate","tags":{}}',
    ]);
    const removal = await caller.edit.plan({
      intent: "update",
      project: "rides",
      form: { ...form, values: { ...form.values, features: [{ name: "trips", dtype: "Int64", description: "" }] } },
    });
    expect(removal.items.find((i) => i.name === "driver_trips_console")).toMatchObject({
      destructive: true,
      notes: ["removes feature 'conv_rate'"],
    });
  });

  it("an apply from code keeps console objects (and says so), and a name clash is an error", async () => {
    const rides = new FeatureStore({ repoPath: join(seeded.root, "rides") });
    const planned = await rides.plan();
    expect(planned.plan.items.find((i) => i.name === "driver_trips_console")).toMatchObject({
      action: "keep",
      notes: ["created by console; kept"],
    });
    expect(planned.plan.counts.delete).toBe(0);
    await seeded.applyFromCode("rides");
    await expect(
      seeded.caller().catalog.get({ project: "rides", kind: "featureView", name: "driver_trips_console" }),
    ).resolves.toBeTruthy();

    seeded.writeDefinitions(
      "rides",
      `${RIDES_DEFINITIONS}\nexport const clash = new FeatureView({ name: "driver_trips_console", entities: [driver], schema: [{ name: "trips", dtype: "Int64" }], source: driverStatsSource });\n`,
    );
    await expect(seeded.applyFromCode("rides")).rejects.toThrow(/was created in the console/);
    seeded.writeDefinitions("rides", RIDES_DEFINITIONS);
    await rides.close();
  });

  it("deletes a console object through a plan that marks it destructive", async () => {
    const caller = seeded.caller("ana@pantry.dev");
    const plan = await caller.edit.plan({
      intent: "delete",
      project: "rides",
      kind: "featureView",
      name: "driver_trips_console",
    });
    expect(plan.items.find((i) => i.name === "driver_trips_console")).toMatchObject({
      action: "delete",
      destructive: true,
    });
    await caller.edit.applyEdit({
      intent: "delete",
      project: "rides",
      kind: "featureView",
      name: "driver_trips_console",
    });
    const versions = await caller.catalog.versions({
      project: "rides",
      kind: "featureView",
      name: "driver_trips_console",
    });
    expect(versions[0]).toMatchObject({ version: 3, change: "delete" });
    const list = await caller.catalog.list({ project: "rides", kind: "featureView", limit: 10 });
    expect(list.items.map((i) => i.name)).toEqual(["driver_profile", "driver_stats"]);
  });

  it("lists jobs, saved datasets and the audit log with cursors", async () => {
    const caller = seeded.caller();
    expect(await caller.catalog.jobs({})).toEqual([]);
    expect(await caller.catalog.datasets({ project: "rides" })).toEqual([]);
    const first = await caller.catalog.audit({ limit: 2 });
    expect(first.items).toHaveLength(2);
    const rest = await caller.catalog.audit({ limit: 100, cursor: first.nextCursor });
    const ids = [...first.items, ...rest.items].map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(await auditCount());
  });
});

// The Feast registry fixture sits in the shared data folder beside the repository.
const FEAST_REGISTRY = resolve(
  dirname(fileURLToPath(import.meta.url)),
  "../../../../shared/data/feast-credit-scoring/registry.db",
);

describe.skipIf(!sharedFixturePresent(FEAST_REGISTRY))("import of a Feast registry", () => {
  let seeded: SeededWorkspace;
  beforeAll(async () => {
    seeded = await seedWorkspace();
  });
  afterAll(async () => seeded?.cleanup());

  it("imports the uploaded file as a project without a repo, browsable like the others", async () => {
    const fileBase64 = readFileSync(FEAST_REGISTRY).toString("base64");
    const result = await seeded
      .caller("importer")
      .import.feast({ fileBase64, fileName: "registry.db", intoRegistryOf: "rides" });
    expect(result.projects.length).toBeGreaterThan(0);
    const imported = result.projects[0]?.project ?? "";
    const { projects } = await seeded.caller().projects.list();
    const project = projects.find((p) => p.name === imported);
    expect(project).toMatchObject({ repoPath: null, applied: true });
    expect(project?.counts.featureViews).toBeGreaterThan(0);
    const views = await seeded.caller().catalog.list({ project: imported, kind: "featureView", limit: 50 });
    expect(views.items.every((v) => v.origin === "import")).toBe(true);
    const bad = await failure(
      seeded.caller().import.feast({ fileBase64: Buffer.from("not a registry").toString("base64") }),
    );
    expect(bad.code).toBe("BAD_REQUEST");
  });
});
