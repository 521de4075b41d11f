/**
 * Feast repos written in Python, read without running them (tree-sitter's Python grammar): the
 * fixtures are Feast-style repos written for these tests (quickstart, credit scoring, PostgreSQL
 * sources, every unsupported construct). Applies go to a real SQLite registry in a temp folder.
 */
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RegistryObjectSpec, RepoContents } from "../src/definitions/types";
import { objectsOf } from "../src/definitions/types";
import { isPantryError } from "../src/errors";
import { decodeFeastRegistry, inferEntityValueTypes } from "../src/feast-import";
import { FeatureStore } from "../src/feature-store";
import { convertFeastRepo } from "../src/repo/convert-feast-repo";
import { loadRepo } from "../src/repo/load-repo";
import { compileTransformation } from "../src/transforms/on-demand";
import {
  CREDIT_SCORING,
  copyFixture,
  creditScoringAvailable,
  DRIVER_STATS,
  driverDataAvailable,
} from "./fixtures/feast-python/repos";

async function withStore<T>(repoPath: string, action: (store: FeatureStore) => Promise<T>): Promise<T> {
  const store = new FeatureStore({ repoPath });
  try {
    return await action(store);
  } finally {
    await store.close();
  }
}

const changes = (plan: { items: { action: string }[] }) => plan.items.filter((i) => i.action !== "unchanged");

describe.skipIf(!driverDataAvailable)("a Feast repo in the quickstart's shape", () => {
  let repo: ReturnType<typeof copyFixture>;
  beforeAll(() => {
    repo = copyFixture("quickstart", { "driver_stats.parquet": DRIVER_STATS });
  });
  afterAll(() => repo.remove());

  it("reads every definition from the Python file, without running it", async () => {
    const loaded = await loadRepo({ repoPath: repo.path });
    expect(loaded.language).toBe("python");
    const { contents } = loaded;
    expect(contents.entities).toEqual([
      {
        kind: "entity",
        name: "driver",
        description: "A driver of the fleet",
        owner: "fleet@example.com",
        tags: { team: "mobility" },
        joinKeys: ["driver_id"],
        valueType: "Int64",
      },
    ]);
    const [file, request, push] = contents.dataSources;
    expect(file).toMatchObject({
      name: "driver_hourly_stats_source",
      type: "file",
      // Path(__file__).parent / "data" / ... is kept relative to the repo, as a TypeScript repo writes it.
      path: "data/driver_stats.parquet",
      createdTimestampColumn: "created",
      description: "Hourly statistics per driver (mobility)",
    });
    expect(request).toMatchObject({ type: "request", schema: [{ name: "val_to_add" }, { name: "val_to_add_2" }] });
    expect(push).toMatchObject({ type: "push", batchSource: "driver_hourly_stats_source", createdTimestampColumn: "created" });
    const [stats, fresh] = contents.featureViews;
    expect(stats).toMatchObject({ ttlSeconds: 86_400, entities: ["driver"], tags: { team: "mobility", tier: "gold" } });
    expect(stats?.schema.map((f) => [f.name, f.dtype, f.description, f.tags])).toEqual([
      ["conv_rate", "Float32", "", {}],
      ["acc_rate", "Float32", "Share of accepted rides", {}],
      ["avg_daily_trips", "Int64", "", { unit: "trips" }],
    ]);
    expect(fresh).toMatchObject({ source: "driver_stats_push_source", ttlSeconds: 36 * 3600 });
    expect(fresh?.entityColumns.map((c) => c.name)).toEqual(["driver_id"]);
    const [odfv] = contents.onDemandFeatureViews;
    expect(odfv).toMatchObject({
      name: "transformed_conv_rate",
      mode: "pandas",
      sources: [
        { type: "featureView", name: "driver_hourly_stats", features: ["conv_rate", "acc_rate", "avg_daily_trips"] },
        { type: "request", name: "vals_to_add" },
      ],
    });
    expect(odfv?.transformation?.language).toBe("python");
    expect(odfv?.transformation?.code).toMatch(/^@on_demand_feature_view\(\n[\s\S]*def transformed_conv_rate\(inputs[\s\S]*return df\n$/);
    expect(contents.featureServices.map((s) => [s.name, s.projections])).toEqual([
      [
        "driver_activity_v1",
        [
          { view: "driver_hourly_stats", alias: null, features: ["conv_rate"], joinKeyMap: {} },
          { view: "transformed_conv_rate", alias: null, features: ["conv_rate_plus_val1", "conv_rate_plus_val2"], joinKeyMap: {} },
        ],
      ],
      [
        "driver_activity_v2",
        [
          { view: "driver_hourly_stats", alias: null, features: ["conv_rate", "acc_rate", "avg_daily_trips"], joinKeyMap: {} },
          { view: "transformed_conv_rate", alias: null, features: ["conv_rate_plus_val1"], joinKeyMap: {} },
        ],
      ],
      [
        "driver_activity_v3",
        [
          { view: "driver_hourly_stats_fresh", alias: "fresh", features: ["conv_rate", "acc_rate"], joinKeyMap: {} },
          {
            view: "driver_hourly_stats",
            alias: null,
            features: ["conv_rate", "acc_rate", "avg_daily_trips"],
            joinKeyMap: { driver_id: "rider_driver_id" },
          },
        ],
      ],
    ]);
    // Where each definition is written, for the console's Python panel.
    expect(loaded.pythonSources.get("featureView:driver_hourly_stats")).toMatchObject({ file: "driver_repo.py", line: 41 });
    expect(loaded.pythonSources.get("featureView:driver_hourly_stats")?.code).toMatch(/^driver_stats_fv = FeatureView\(/);
    expect(loaded.pythonSources.get("onDemandFeatureView:transformed_conv_rate")?.code).toMatch(/^@on_demand_feature_view/);
  });

  it("applies, then plans no change; the Python on-demand view says how to serve it", async () => {
    await withStore(repo.path, async (store) => {
      const result = await store.apply({ actor: "test" });
      expect(result.applied).toBe(true);
      expect(changes(result.plan).length).toBe(10);
      expect(changes((await store.plan()).plan)).toEqual([]);
      const registered = await store.contents();
      const view = registered.onDemandFeatureViews[0];
      expect(view?.transformation?.language).toBe("python");
      const compiled = compileTransformation(view as NonNullable<typeof view>);
      expect(compiled).toMatchObject({ ok: false });
      expect(compiled.ok ? "" : compiled.problem).toMatch(
        /has a Python transformation, which Pantry never runs; .*write transforms\/transformed_conv_rate\.ts with `export default \(row\) => \(\{ \.\.\. \}\)`/,
      );
    });
  });

  it("serves the on-demand view with a TypeScript transform given beside it, never the Python", async () => {
    mkdirSync(join(repo.path, "transforms"), { recursive: true });
    writeFileSync(
      join(repo.path, "transforms", "transformed_conv_rate.ts"),
      "export default (row: Record<string, number>) => ({\n  conv_rate_plus_val1: row.conv_rate + row.val_to_add,\n  conv_rate_plus_val2: row.conv_rate + row.val_to_add_2,\n});\n",
    );
    try {
      const { contents } = await loadRepo({ repoPath: repo.path });
      const view = contents.onDemandFeatureViews[0] as NonNullable<(typeof contents.onDemandFeatureViews)[0]>;
      expect(view.mode).toBe("typescript");
      const compiled = compileTransformation(view);
      if (!compiled.ok) throw new Error(compiled.problem);
      expect(compiled.transform({ conv_rate: 0.5, val_to_add: 1, val_to_add_2: 2 })).toEqual({
        conv_rate_plus_val1: 1.5,
        conv_rate_plus_val2: 2.5,
      });
      writeFileSync(join(repo.path, "transforms", "nope.ts"), "export default () => ({});\n");
      await expect(loadRepo({ repoPath: repo.path })).rejects.toThrow(
        /transforms\/nope\.ts: no @on_demand_feature_view named 'nope' in the Python files/,
      );
    } finally {
      const { rmSync } = await import("node:fs");
      rmSync(join(repo.path, "transforms"), { recursive: true, force: true });
    }
  });

  it("convert-feast-repo writes TypeScript whose plan is empty against the Python repo's registry", async () => {
    const result = await convertFeastRepo({ repoPath: repo.path });
    expect(result).toMatchObject({ objects: 10, toPort: ["transformed_conv_rate"] });
    const text = readFileSync(result.file, "utf8");
    expect(text).toMatch(/^\/\*\*\n \* driver_quickstart: converted from driver_repo\.py by `pantry convert-feast-repo`\./);
    expect(text).toContain('const transformedConvRatePython = `@on_demand_feature_view(');
    expect(text).toContain('feastPythonTransform("transformed_conv_rate", "pandas", transformedConvRatePython)');
    expect(text).toContain('driverHourlyStatsFresh.select(["conv_rate", "acc_rate"]).withName("fresh")');
    expect(text).toContain('driverHourlyStats.withJoinKeyMap({ driver_id: "rider_driver_id" })');
    const converted = await loadRepo({ repoPath: repo.path });
    expect(converted.language).toBe("typescript");
    await withStore(repo.path, async (store) => {
      expect(changes((await store.plan()).plan)).toEqual([]);
    });
    await expect(convertFeastRepo({ repoPath: repo.path })).rejects.toThrow(/already a TypeScript repo/);
  });
});

describe("a Feast repo with PostgreSQL sources", () => {
  let repo: ReturnType<typeof copyFixture>;
  beforeAll(() => {
    repo = copyFixture("postgres");
  });
  afterAll(() => repo.remove());

  it("reads table and query sources, field mappings, arrays and offline-only views", async () => {
    const { contents } = await loadRepo({ repoPath: repo.path });
    expect(contents.dataSources).toEqual([
      expect.objectContaining({ type: "postgres", table: "merchant_profile", query: null, timestampField: "updated_at", fieldMapping: { mcc: "category_code" } }),
      expect.objectContaining({
        type: "postgres",
        table: null,
        query:
          "SELECT merchant_id, count(*) AS payments, sum(amount) AS amount, max(paid_at) AS paid_at FROM payments WHERE paid_at > now() - interval '7 days' GROUP BY merchant_id",
      }),
    ]);
    expect(contents.featureViews.map((v) => [v.name, v.ttlSeconds, v.online, v.schema.map((f) => f.dtype)])).toEqual([
      ["merchant_profile", 52 * 7 * 86_400, true, ["String", "Array(String)"]],
      ["merchant_payments", 7 * 86_400, false, ["Int64", "Float64"]],
    ]);
    expect(contents.entities[0]).toMatchObject({ joinKeys: ["merchant_id"], valueType: "String" });
  });

  it("converts to TypeScript that defines exactly the same objects", async () => {
    const python = await loadRepo({ repoPath: repo.path });
    await convertFeastRepo({ repoPath: repo.path });
    const typescript = await loadRepo({ repoPath: repo.path });
    expect(typescript.language).toBe("typescript");
    expect(canonical(typescript.contents)).toEqual(canonical(python.contents));
  });
});

/** Objects by kind and name, with keys sorted: how the registry compares specs. */
function canonical(contents: RepoContents, omit: (spec: RegistryObjectSpec) => RegistryObjectSpec = (s) => s) {
  const sortKeys = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(sortKeys)
      : value && typeof value === "object"
        ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, sortKeys(v)]))
        : value;
  return objectsOf(contents)
    .map((s) => sortKeys(omit(s)))
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

describe.skipIf(!creditScoringAvailable)("a Feast repo in the credit-scoring tutorial's shape", () => {
  let repo: ReturnType<typeof copyFixture>;
  beforeAll(() => {
    repo = copyFixture("credit_scoring", { "zipcode_table.parquet": join(CREDIT_SCORING, "zipcode_table.parquet") });
  });
  afterAll(() => repo.remove());

  it("defines the objects Feast registered for the same repo (registry.db in ../shared/data)", async () => {
    const { contents } = await loadRepo({ repoPath: repo.path });
    const [feast] = decodeFeastRegistry(readFileSync(join(CREDIT_SCORING, "registry.db"))).map(inferEntityValueTypes);
    if (!feast) throw new Error("the Feast registry holds no project");
    expect(contents.project.name).toBe(feast.project.name);
    // The transform's body is our own text, not Feast's file: compare its language and mode only.
    const withoutBody = (spec: RegistryObjectSpec): RegistryObjectSpec =>
      spec.kind === "onDemandFeatureView"
        ? { ...spec, transformation: spec.transformation ? { language: spec.transformation.language, code: "" } : null }
        : spec;
    expect(canonical(contents, withoutBody)).toEqual(canonical(feast, withoutBody));
    expect(contents.featureServices.map((s) => s.name).sort()).toEqual([
      "credit_score_v1",
      "credit_score_v2",
      "credit_score_v3",
      "zipcode_model",
      "zipcode_model_v2",
    ]);
  });
});

describe("a Feast repo using Python outside the declarative subset", () => {
  let repo: ReturnType<typeof copyFixture>;
  let text = "";
  beforeAll(() => {
    repo = copyFixture("unsupported");
    text = readFileSync(join(repo.path, "definitions.py"), "utf8");
  });
  afterAll(() => repo.remove());

  /** The 1-based line of the first line holding `snippet`. */
  const lineOf = (snippet: string) => {
    const index = text.split("\n").findIndex((l) => l.includes(snippet));
    if (index < 0) throw new Error(`fixture has no line with ${snippet}`);
    return index + 1;
  };

  it("names the file, the line and the construct of every problem, with the TypeScript way", async () => {
    const error = await loadRepo({ repoPath: repo.path }).then(
      () => null,
      (e: unknown) => e,
    );
    if (!isPantryError(error)) throw new Error(`expected a PantryError, got ${String(error)}`);
    expect(error.code).toBe("INVALID_ARGUMENT");
    const problems = error.details.problems as string[];
    const expected: [string, RegExp][] = [
      ["import json", /importing 'json' is outside the declarative subset .*imports only feast, datetime, pathlib and os/],
      ["for days in", /a for loop is outside the declarative subset .*in TypeScript, build the objects in a loop/],
      ["while False", /a while loop is outside/],
      ["if os.environ", /an if statement is outside .*const x = cond \? a : b/],
      ["try:", /a try statement is outside/],
      ["with open", /a with statement \(reading a file\?\) is outside .*fs\.readFileSync/],
      ["class Views", /a class definition is outside/],
      ["computed_schema = ", /calling the function 'make_schema', which is not a Feast constructor, is outside/],
      ["names_schema = ", /a list comprehension is outside .*names\.map/],
      ["pick = lambda", /a lambda is outside/],
      ["warehouse = ", /'BigQuerySource' \(feast\.BigQuerySource\) is not a Feast construct Pantry reads .*write this part in TypeScript/],
      ["notes = ", /reading the file system \(Path\.read_text\) is outside/],
      ["label = ", /the f-string format '\{3\.14159:\.2f\}' is outside/],
      ["**extra", /\*\* unpacking in a call to FeatureView is outside .*pass each argument by name/],
      ["legacy = ", /FeatureView has no argument 'batch_source' that Pantry reads \(it reads name, .*source/],
      ["inferred = ", /FeatureView 'inferred' needs 'schema': Feast would infer it by reading the source/],
      ["frame = ", /'pd\.read_parquet' \(pandas outside an on-demand body\) is outside/],
      ["later = ", /'undefined_source' is not defined before this line/],
      ["counter += 1", /'\+=' \(an augmented assignment\) is outside/],
      ["stage = ", /a conditional expression \(x if c else y\) is outside/],
      ["view_name = ", /the attribute '\.name' of a Feast object is outside/],
      ["region = ", /reading the environment \(os\.environ\) is outside .*process\.env/],
      ["raw = open", /calling 'open' is outside .*fs\.readFileSync/],
    ];
    for (const [snippet, pattern] of expected) {
      const prefix = `definitions.py:${lineOf(snippet)}: `;
      const found = problems.find((p) => p.startsWith(prefix));
      expect(found, `a problem at ${prefix}(${snippet})`).toMatch(pattern);
    }
    expect(problems).toHaveLength(expected.length);
  });

  it("applies nothing, not even the valid definitions", async () => {
    await withStore(repo.path, async (store) => {
      await expect(store.apply({ actor: "test" })).rejects.toThrow(/The Feast repo uses Python Pantry does not read; nothing was changed/);
      expect(objectsOf(await store.contents())).toEqual([]);
    });
  });

  it("reports a syntax error with its line", async () => {
    const broken = copyFixture("unsupported");
    try {
      writeFileSync(join(broken.path, "definitions.py"), "from feast import Entity\n\ndriver = Entity(name=\"driver\"\n");
      await expect(loadRepo({ repoPath: broken.path })).rejects.toThrow(/definitions\.py:\d+: this is not valid Python \(a syntax error\)/);
    } finally {
      broken.remove();
    }
  });
});
