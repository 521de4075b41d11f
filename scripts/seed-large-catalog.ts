/**
 * Fills a registry with a large synthetic catalog for the search benchmark and for trying the
 * console at scale: by default 5,000 feature views x 10 features (50,000 features) over 5
 * projects, with their entities, sources and services. Written through the db repositories'
 * applyChangeSet in batches (no validation against files: the sources point nowhere).
 *
 *   npx tsx scripts/seed-large-catalog.ts <registry.db path | postgresql://...> [--views 5000] [--features 10] [--projects 5]
 */
import { pathToFileURL } from "node:url";
import { parseRegistryLocation, type RegistryConfig } from "../packages/core/src/config/repo-config";
import type {
  DataSourceSpec,
  EntitySpec,
  FeatureServiceSpec,
  FeatureViewSpec,
  RegistryObjectSpec,
  ScalarDtype,
} from "../packages/core/src/definitions/types";
import { toObjectRecord } from "../packages/core/src/registry/records";
import { Registry } from "../packages/core/src/registry/registry";

export interface LargeCatalogOptions {
  registry: RegistryConfig;
  views?: number;
  featuresPerView?: number;
  projects?: number;
  /** Views per transaction. */
  batch?: number;
  log?: (line: string) => void;
}

const DOMAINS = ["driver", "rider", "trip", "card", "merchant", "account", "loan", "zone", "session", "device"];
const TOPICS = [
  "activity",
  "payments",
  "ratings",
  "fraud_signals",
  "engagement",
  "risk",
  "pricing",
  "quality",
  "support",
  "growth",
];
const METRICS = [
  "count",
  "sum_amount",
  "avg_amount",
  "max_amount",
  "rate",
  "ratio",
  "distinct",
  "latency_ms",
  "score",
  "share",
];
const WINDOWS = ["1h", "6h", "24h", "7d", "30d", "90d"];
const TEAMS = ["rides-ml", "payments-ml", "risk", "growth", "geo-platform", "trust-safety"];
const STAGES = ["prod", "staging", "dev"];
const DTYPES: ScalarDtype[] = ["Int64", "Float64", "Float32", "Int32", "Bool", "String"];

/** Deterministic, so two runs build the same catalog and benchmarks compare like with like. */
function pick<T>(list: readonly T[], n: number): T {
  return list[n % list.length] as T;
}

function projectObjects(project: number, views: number, featuresPerView: number): RegistryObjectSpec[] {
  const common = (i: number) => {
    const team = pick(TEAMS, i + project);
    return { owner: `${team}@pantry.dev`, tags: { team, stage: pick(STAGES, i), domain: pick(DOMAINS, i) } };
  };
  const entities: EntitySpec[] = DOMAINS.map((domain, i) => ({
    kind: "entity",
    name: domain,
    joinKeys: [`${domain}_id`],
    valueType: "Int64",
    description: `A ${domain} of the platform.`,
    ...common(i),
  }));
  const sources: DataSourceSpec[] = [];
  const featureViews: FeatureViewSpec[] = [];
  for (let v = 0; v < views; v++) {
    const domain = pick(DOMAINS, v);
    const topic = pick(TOPICS, Math.floor(v / DOMAINS.length));
    if (v % 10 === 0) {
      sources.push({
        kind: "dataSource",
        type: "file",
        name: `${domain}_${topic}_source_${v / 10}`,
        path: `data/${domain}/${topic}_${v / 10}.parquet`,
        format: "parquet",
        timestampField: "event_timestamp",
        createdTimestampColumn: "created",
        fieldMapping: {},
        description: `Daily export of ${domain} ${topic.replace("_", " ")} events.`,
        ...common(v),
      });
    }
    featureViews.push({
      kind: "featureView",
      name: `${domain}_${topic}_${v}`,
      entities: [domain],
      schema: Array.from({ length: featuresPerView }, (_, f) => ({
        name: `${pick(METRICS, f + v)}_${pick(WINDOWS, f)}${f >= METRICS.length ? `_${f}` : ""}`,
        dtype: pick(DTYPES, f + v),
        description: `${pick(METRICS, f + v).replace("_", " ")} of ${domain} ${topic.replace("_", " ")} over ${pick(WINDOWS, f)}`,
        tags: f % 7 === 0 ? { pii: "false" } : {},
      })),
      entityColumns: [],
      source: (sources[sources.length - 1] as DataSourceSpec).name,
      ttlSeconds: 86400 * (1 + (v % 30)),
      online: v % 3 !== 0,
      offline: true,
      description: `${domain} ${topic.replace("_", " ")} features (variant ${v}), computed hourly.`,
      ...common(v),
    });
  }
  const services: FeatureServiceSpec[] = [];
  for (let s = 0; s * 20 < views; s++) {
    const chosen = featureViews.slice(s * 20, s * 20 + 3);
    services.push({
      kind: "featureService",
      name: `model_${project}_${s}_v${1 + (s % 3)}`,
      projections: chosen.map((view) => ({
        view: view.name,
        alias: null,
        features: view.schema.slice(0, 4).map((f) => f.name),
        joinKeyMap: {},
      })),
      description: `Features of model ${s} in project ${project}.`,
      ...common(s),
      tags: { ...common(s).tags, model: `model_${project}_${s}` },
    });
  }
  return [...entities, ...sources, ...featureViews, ...services];
}

export async function seedLargeCatalog(
  options: LargeCatalogOptions,
): Promise<{ projects: string[]; views: number; features: number; seconds: number }> {
  const started = performance.now();
  const views = options.views ?? 5000;
  const featuresPerView = options.featuresPerView ?? 10;
  const projectCount = options.projects ?? 5;
  const batch = options.batch ?? 500;
  const log = options.log ?? (() => {});
  const registry = await Registry.open(options.registry);
  const projects: string[] = [];
  for (let p = 0; p < projectCount; p++) {
    const name = `large_catalog_${p}`;
    projects.push(name);
    const perProject = Math.floor(views / projectCount) + (p < views % projectCount ? 1 : 0);
    const objects = projectObjects(p, perProject, featuresPerView);
    // Entities and sources first, then views and services in batches: each batch is one transaction.
    const order = ["entity", "dataSource", "featureView", "featureService"];
    objects.sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
    for (let at = 0; at < objects.length; at += batch) {
      const slice = objects.slice(at, at + batch);
      await registry.objects.applyChangeSet({
        project: {
          name,
          description: `Synthetic catalog ${p} for the search benchmark`,
          owner: "bench@pantry.dev",
          tags: "{}",
          repoPath: null,
        },
        creates: slice.map((spec) => toObjectRecord(spec, "code")),
        updates: [],
        deletes: [],
        actor: "seed-large-catalog",
        action: "apply",
        summary: `seed: ${slice.length} objects`,
      });
      log(`${name}: ${Math.min(at + batch, objects.length)}/${objects.length} objects`);
    }
  }
  return { projects, views, features: views * featuresPerView, seconds: (performance.now() - started) / 1000 };
}

function argument(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at === -1 ? fallback : Number(process.argv[at + 1]);
  if (!(value > 0)) throw new Error(`--${name} takes a positive number`);
  return value;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const target = process.argv[2];
  if (!target || target.startsWith("--")) {
    console.error(
      "usage: npx tsx scripts/seed-large-catalog.ts <registry.db path | postgresql://...> [--views 5000] [--features 10] [--projects 5]",
    );
    process.exit(2);
  }
  const registry = parseRegistryLocation(target, process.cwd());
  const result = await seedLargeCatalog({
    registry,
    views: argument("views", 5000),
    featuresPerView: argument("features", 10),
    projects: argument("projects", 5),
    log: (line) => process.stdout.write(`\r${line}        `),
  });
  console.log(
    `\nseeded ${result.views} views and ${result.features} features in ${result.projects.length} projects in ${result.seconds.toFixed(1)} s`,
  );
  await (await Registry.open(registry)).close();
}
