/**
 * Pantry's registry as Feast's protobuf JSON (what `MessageToDict` gives for Feast's registry
 * messages: camelCase fields, enum names, durations as "7200s", timestamps in RFC 3339, default
 * values left out). One serializer for the REST registry contract Feast's web UI reads and for
 * `pantry registry-dump --format feast`.
 */
import type {
  DataSourceSpec,
  Dtype,
  EntitySpec,
  FeatureServiceSpec,
  FeatureViewSpec,
  FieldSpec,
  OnDemandFeatureViewSpec,
  ProjectSpec,
  RegistryObjectSpec,
  Tags,
} from "../definitions/types";
import type { SavedDataset } from "../datasets/types";

type Json = Record<string, unknown>;

/** Created/updated times of a stored object (absent for objects the snapshot has no row for). */
export interface ObjectTimes {
  createdAt: Date;
  updatedAt: Date;
}

export interface FeastExportInput {
  project: ProjectSpec;
  projectTimes?: ObjectTimes;
  objects: { spec: RegistryObjectSpec; times?: ObjectTimes }[];
  /** Materialized intervals per feature view. */
  intervals: { viewName: string; startTs: Date; endTs: Date }[];
  savedDatasets: SavedDataset[];
}

/** A relationship edge as Feast's registry server names it. */
export interface FeastRelationship {
  source: { type: FeastObjectType; name: string };
  target: { type: FeastObjectType; name: string };
}
export type FeastObjectType = "dataSource" | "entity" | "featureView" | "featureService";

/** One project in Feast's JSON, with the relationships between its objects. */
export interface FeastProjectJson {
  name: string;
  project: Json;
  entities: Json[];
  dataSources: Json[];
  /** Feature views and on-demand feature views, each with its `type`. */
  featureViews: Json[];
  featureServices: Json[];
  savedDatasets: Json[];
  features: Json[];
  /** Pantry keeps no Feast permissions or label views: always empty, served as such. */
  permissions: Json[];
  labelViews: Json[];
  relationships: FeastRelationship[];
}

const SCALAR_VALUE_TYPES: Record<string, string> = {
  Int32: "INT32",
  Int64: "INT64",
  Float32: "FLOAT",
  Float64: "DOUBLE",
  String: "STRING",
  Bytes: "BYTES",
  Bool: "BOOL",
  UnixTimestamp: "UNIX_TIMESTAMP",
  Json: "JSON",
};

/** Feast's ValueType enum name for a dtype: "Float32" -> "FLOAT", "Array(Int64)" -> "INT64_LIST". */
export function feastValueType(dtype: Dtype | null): string {
  if (dtype === null) return "INVALID";
  const array = /^Array\((\w+)\)$/.exec(dtype);
  if (array) return `${SCALAR_VALUE_TYPES[array[1] as string] ?? "BYTES"}_LIST`;
  return SCALAR_VALUE_TYPES[dtype] ?? "BYTES";
}

function timestamp(date: Date): string {
  const iso = date.toISOString();
  return iso.endsWith(".000Z") ? `${iso.slice(0, -5)}Z` : iso;
}

/** Drops empty strings, empty maps and empty lists, as MessageToDict leaves out default values. */
function compact(object: Json): Json {
  const out: Json = {};
  for (const [key, value] of Object.entries(object)) {
    if (value === undefined || value === null || value === "" || value === false) continue;
    if (Array.isArray(value) && value.length === 0) continue;
    if (typeof value === "object" && !Array.isArray(value) && Object.keys(value as object).length === 0) continue;
    out[key] = value;
  }
  return out;
}

function meta(times: ObjectTimes | undefined, extra: Json = {}): Json {
  if (!times) return compact(extra);
  return compact({
    createdTimestamp: timestamp(times.createdAt),
    lastUpdatedTimestamp: timestamp(times.updatedAt),
    ...extra,
  });
}

function tagsOf(tags: Tags): Tags {
  return { ...tags };
}

function featureSpec(field: FieldSpec): Json {
  return compact({
    name: field.name,
    valueType: feastValueType(field.dtype),
    description: field.description,
    tags: tagsOf(field.tags),
  });
}

function duration(seconds: number): string {
  return `${seconds}s`;
}

const POSTGRES_SOURCE_CLASS =
  "feast.infra.offline_stores.contrib.postgres_offline_store.postgres_source.PostgreSQLSource";

export function dataSourceJson(
  spec: DataSourceSpec,
  project: string,
  times?: ObjectTimes,
  all?: DataSourceSpec[],
): Json {
  const common = {
    name: spec.name,
    project,
    timestampField: spec.timestampField,
    createdTimestampColumn: spec.createdTimestampColumn ?? "",
    fieldMapping: { ...spec.fieldMapping },
    description: spec.description,
    tags: tagsOf(spec.tags),
    owner: spec.owner,
  };
  switch (spec.type) {
    case "file":
      return compact({
        ...common,
        type: "BATCH_FILE",
        fileOptions: {
          uri: spec.path,
          fileFormat: spec.format === "csv" ? { csvFormat: {} } : { parquetFormat: {} },
        },
        dataSourceClassType: "feast.infra.offline_stores.file_source.FileSource",
        meta: meta(times),
      });
    case "postgres": {
      const configuration = JSON.stringify({ name: spec.name, table: spec.table ?? "", query: spec.query ?? "" });
      return compact({
        ...common,
        type: "CUSTOM_SOURCE",
        customOptions: { configuration: Buffer.from(configuration).toString("base64") },
        dataSourceClassType: POSTGRES_SOURCE_CLASS,
        meta: meta(times),
      });
    }
    case "request":
      return compact({
        ...common,
        type: "REQUEST_SOURCE",
        requestDataOptions: { schema: spec.schema.map(featureSpec) },
        dataSourceClassType: "feast.data_source.RequestSource",
        meta: meta(times),
      });
    case "push": {
      const batch = spec.batchSource ? all?.find((s) => s.name === spec.batchSource) : undefined;
      return compact({
        ...common,
        type: "PUSH_SOURCE",
        batchSource: batch ? dataSourceJson(batch, project) : undefined,
        dataSourceClassType: "feast.data_source.PushSource",
        meta: meta(times),
      });
    }
  }
}

function entityJson(spec: EntitySpec, project: string, times?: ObjectTimes): Json {
  return {
    spec: compact({
      name: spec.name,
      project,
      valueType: feastValueType(spec.valueType),
      description: spec.description,
      joinKey: spec.joinKeys[0] ?? spec.name,
      tags: tagsOf(spec.tags),
      owner: spec.owner,
    }),
    meta: meta(times),
  };
}

function featureViewJson(
  spec: FeatureViewSpec,
  project: string,
  sources: DataSourceSpec[],
  intervals: FeastExportInput["intervals"],
  times?: ObjectTimes,
): Json {
  const source = sources.find((s) => s.name === spec.source);
  // A push source is the view's stream source; its batch source is the view's batch source.
  const batch =
    source?.type === "push" && source.batchSource ? sources.find((s) => s.name === source.batchSource) : source;
  return {
    type: "featureView",
    spec: compact({
      name: spec.name,
      project,
      entities: [...spec.entities],
      features: spec.schema.map(featureSpec),
      entityColumns: spec.entityColumns.map(featureSpec),
      tags: tagsOf(spec.tags),
      ttl: duration(spec.ttlSeconds),
      batchSource: batch ? dataSourceJson(batch, project, undefined, sources) : undefined,
      streamSource: source?.type === "push" ? dataSourceJson(source, project, undefined, sources) : undefined,
      online: spec.online,
      offline: spec.offline,
      description: spec.description,
      owner: spec.owner,
    }),
    meta: meta(times, {
      materializationIntervals: intervals
        .filter((i) => i.viewName === spec.name)
        .map((i) => ({ startTime: timestamp(i.startTs), endTime: timestamp(i.endTs) })),
    }),
  };
}

function onDemandJson(
  spec: OnDemandFeatureViewSpec,
  project: string,
  views: FeatureViewSpec[],
  sources: DataSourceSpec[],
  times?: ObjectTimes,
): Json {
  const inputs: Record<string, Json> = {};
  for (const input of spec.sources) {
    if (input.type === "request") {
      const request = sources.find((s) => s.name === input.name);
      inputs[input.name] = {
        requestDataSource: request ? dataSourceJson(request, project) : { name: input.name, type: "REQUEST_SOURCE" },
      };
    } else {
      const view = views.find((v) => v.name === input.name);
      const chosen = input.features ?? view?.schema.map((f) => f.name) ?? [];
      inputs[input.name] = {
        featureViewProjection: compact({
          featureViewName: input.name,
          featureColumns: chosen.map((name) => {
            const field = view?.schema.find((f) => f.name === name);
            return field ? featureSpec(field) : { name };
          }),
        }),
      };
    }
  }
  const udf = spec.transformation
    ? compact({
        name: spec.name,
        body: Buffer.from(spec.transformation.code).toString("base64"),
        bodyText: spec.transformation.code,
      })
    : undefined;
  return {
    type: "onDemandFeatureView",
    spec: compact({
      name: spec.name,
      project,
      features: spec.schema.map(featureSpec),
      sources: inputs,
      userDefinedFunction: udf,
      featureTransformation: udf ? { userDefinedFunction: udf } : undefined,
      description: spec.description,
      tags: tagsOf(spec.tags),
      owner: spec.owner,
      mode: spec.mode,
    }),
    meta: meta(times),
  };
}

function featureServiceJson(
  spec: FeatureServiceSpec,
  project: string,
  fields: Map<string, FieldSpec[]>,
  times?: ObjectTimes,
): Json {
  return {
    spec: compact({
      name: spec.name,
      project,
      features: spec.projections.map((p) => {
        const schema = fields.get(p.view) ?? [];
        return compact({
          featureViewName: p.view,
          featureViewNameAlias: p.alias ?? "",
          featureColumns: p.features.map((name) => {
            const field = schema.find((f) => f.name === name);
            return field ? featureSpec(field) : { name };
          }),
          joinKeyMap: { ...p.joinKeyMap },
        });
      }),
      tags: tagsOf(spec.tags),
      description: spec.description,
      owner: spec.owner,
    }),
    meta: meta(times),
  };
}

function savedDatasetJson(dataset: SavedDataset, project: string, joinKeys: string[]): Json {
  return {
    spec: compact({
      name: dataset.name,
      project,
      features: [...dataset.features],
      joinKeys,
      fullFeatureNames: dataset.columns.some((c) => c.includes("__")),
      storage: {
        fileStorage: {
          fileFormat: dataset.format === "csv" ? { csvFormat: {} } : { parquetFormat: {} },
          uri: dataset.location,
        },
      },
      featureServiceName: dataset.featureService ?? "",
      tags: tagsOf(dataset.tags),
    }),
    meta: compact({
      createdTimestamp: timestamp(dataset.createdAt),
      lastUpdatedTimestamp: timestamp(dataset.createdAt),
      minEventTimestamp: dataset.minTs ? timestamp(dataset.minTs) : undefined,
      maxEventTimestamp: dataset.maxTs ? timestamp(dataset.maxTs) : undefined,
    }),
  };
}

/** The edges between a project's objects: direct ones, then the indirect ones Feast also lists. */
export function feastRelationships(
  views: FeatureViewSpec[],
  onDemand: OnDemandFeatureViewSpec[],
  services: FeatureServiceSpec[],
  sources: DataSourceSpec[],
): FeastRelationship[] {
  const edges: FeastRelationship[] = [];
  const seen = new Set<string>();
  const add = (sourceType: FeastObjectType, source: string, targetType: FeastObjectType, target: string) => {
    const key = `${sourceType}\u0000${source}\u0000${targetType}\u0000${target}`;
    if (seen.has(key)) return;
    seen.add(key);
    edges.push({ source: { type: sourceType, name: source }, target: { type: targetType, name: target } });
  };
  const viewSources = new Map<string, string[]>();
  const viewEntities = new Map<string, string[]>();
  for (const view of views) {
    const source = sources.find((s) => s.name === view.source);
    const names = [view.source];
    if (source?.type === "push" && source.batchSource) names.push(source.batchSource);
    viewSources.set(view.name, names);
    viewEntities.set(view.name, view.entities);
    for (const name of names) add("dataSource", name, "featureView", view.name);
    for (const entity of view.entities) add("entity", entity, "featureView", view.name);
  }
  for (const odfv of onDemand) {
    const names: string[] = [];
    const entities: string[] = [];
    for (const input of odfv.sources) {
      if (input.type === "request") {
        names.push(input.name);
        add("dataSource", input.name, "featureView", odfv.name);
      } else {
        add("featureView", input.name, "featureView", odfv.name);
        names.push(...(viewSources.get(input.name) ?? []));
        entities.push(...(viewEntities.get(input.name) ?? []));
      }
    }
    viewSources.set(odfv.name, names);
    viewEntities.set(odfv.name, entities);
  }
  for (const service of services) {
    for (const projection of service.projections) add("featureView", projection.view, "featureService", service.name);
  }
  for (const service of services) {
    for (const projection of service.projections) {
      for (const entity of viewEntities.get(projection.view) ?? [])
        add("entity", entity, "featureService", service.name);
      for (const source of viewSources.get(projection.view) ?? [])
        add("dataSource", source, "featureService", service.name);
    }
  }
  return edges;
}

/** One project in Feast's JSON. Objects are sorted by name, as Feast's registry lists them. */
export function toFeastProjectJson(input: FeastExportInput): FeastProjectJson {
  const project = input.project.name;
  const byName = <T extends { name: string }>(items: T[]) => [...items].sort((a, b) => (a.name < b.name ? -1 : 1));
  const timesOf = new Map(input.objects.map((o) => [`${o.spec.kind}\u0000${o.spec.name}`, o.times]));
  const times = (spec: RegistryObjectSpec) => timesOf.get(`${spec.kind}\u0000${spec.name}`);
  const specs = input.objects.map((o) => o.spec);
  const entities = byName(specs.filter((s): s is EntitySpec => s.kind === "entity"));
  const sources = byName(specs.filter((s): s is DataSourceSpec => s.kind === "dataSource"));
  const views = byName(specs.filter((s): s is FeatureViewSpec => s.kind === "featureView"));
  const onDemand = byName(specs.filter((s): s is OnDemandFeatureViewSpec => s.kind === "onDemandFeatureView"));
  const services = byName(specs.filter((s): s is FeatureServiceSpec => s.kind === "featureService"));
  const fields = new Map<string, FieldSpec[]>([
    ...views.map((v) => [v.name, v.schema] as [string, FieldSpec[]]),
    ...onDemand.map((v) => [v.name, v.schema] as [string, FieldSpec[]]),
  ]);
  const joinKeysOf = new Map(entities.map((e) => [e.name, e.joinKeys]));
  const viewJoinKeys = (view: string) =>
    (views.find((v) => v.name === view)?.entities ?? []).flatMap((e) => joinKeysOf.get(e) ?? []);

  const features: Json[] = [];
  for (const view of [...views, ...onDemand]) {
    const viewTimes = times(view);
    for (const field of view.schema) {
      features.push(
        compact({
          name: field.name,
          featureView: view.name,
          type: feastValueType(field.dtype),
          description: field.description,
          owner: view.owner,
          tags: tagsOf(field.tags),
          createdTimestamp: viewTimes ? timestamp(viewTimes.createdAt) : undefined,
          lastUpdatedTimestamp: viewTimes ? timestamp(viewTimes.updatedAt) : undefined,
        }),
      );
    }
  }

  return {
    name: project,
    project: {
      spec: compact({
        name: project,
        description: input.project.description,
        tags: tagsOf(input.project.tags),
        owner: input.project.owner,
      }),
      meta: meta(input.projectTimes),
    },
    entities: entities.map((e) => entityJson(e, project, times(e))),
    dataSources: sources.map((s) => dataSourceJson(s, project, times(s), sources)),
    featureViews: [
      ...views.map((v) => featureViewJson(v, project, sources, input.intervals, times(v))),
      ...onDemand.map((v) => onDemandJson(v, project, views, sources, times(v))),
    ],
    featureServices: services.map((s) => featureServiceJson(s, project, fields, times(s))),
    savedDatasets: byName(input.savedDatasets).map((d) =>
      savedDatasetJson(d, project, [
        ...new Set(d.features.map((ref) => ref.split(":")[0] as string).flatMap(viewJoinKeys)),
      ]),
    ),
    features,
    permissions: [],
    labelViews: [],
    relationships: feastRelationships(views, onDemand, services, sources),
  };
}

/**
 * Feast's `feast registry-dump` shape (the Registry message as JSON) for one project: the same
 * objects, on-demand views in their own list as the registry file keeps them.
 */
export function toFeastRegistryDump(project: FeastProjectJson): Json {
  const strip = (view: Json) => {
    const { type: _type, ...rest } = view;
    return rest;
  };
  return {
    projects: [project.project],
    entities: project.entities,
    dataSources: project.dataSources,
    featureViews: project.featureViews.filter((v) => v.type === "featureView").map(strip),
    onDemandFeatureViews: project.featureViews.filter((v) => v.type === "onDemandFeatureView").map(strip),
    featureServices: project.featureServices,
    savedDatasets: project.savedDatasets,
    permissions: project.permissions,
  };
}
