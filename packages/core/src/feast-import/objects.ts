import type {
  DataSourceSpec,
  EntitySpec,
  FeatureServiceSpec,
  FeatureViewSpec,
  OnDemandFeatureViewSpec,
  OnDemandSourceSpec,
  ProjectionSpec,
} from "../definitions/types";
import {
  DUMMY_ENTITY_JOIN_KEY,
  DUMMY_ENTITY_NAME,
  type Decoded,
  featureNames,
  fieldSpecFromProto,
  ownerOf,
} from "./common";
import { dataSourceFromProto } from "./data-sources";
import { entityValueType } from "./value-type";
import type { ProtoMessage } from "./wire";

/** feast.core.EntitySpecV2 (Entity.proto). */
const ENTITY = { name: 1, valueType: 2, description: 3, joinKey: 4, tags: 8, project: 9, owner: 10 } as const;

/** feast.core.FeatureViewSpec (FeatureView.proto). */
type ViewFields = Record<
  | "name"
  | "project"
  | "entities"
  | "features"
  | "tags"
  | "ttl"
  | "batchSource"
  | "online"
  | "streamSource"
  | "description"
  | "owner"
  | "entityColumns",
  number
>;

const VIEW_FIELDS: ViewFields = {
  name: 1,
  project: 2,
  entities: 3,
  features: 4,
  tags: 5,
  ttl: 6,
  batchSource: 7,
  online: 8,
  streamSource: 9,
  description: 10,
  owner: 11,
  entityColumns: 12,
} as const;

/** feast.core.OnDemandFeatureViewSpec (OnDemandFeatureView.proto). */
const ON_DEMAND = {
  name: 1,
  project: 2,
  features: 3,
  sources: 4, // map<string, OnDemandSource>; `inputs` (OnDemandInput) in older Feast, same layout
  userDefinedFunction: 5, // deprecated in favour of feature_transformation
  description: 6,
  tags: 7,
  owner: 8,
  featureTransformation: 10,
  mode: 11,
} as const;

/** feast.core.OnDemandSource: which kind of input one map entry is. */
const ON_DEMAND_SOURCE = { featureView: 1, requestDataSource: 2, featureViewProjection: 3 } as const;

/** feast.core.UserDefinedFunction(V2): the dill pickle at 2 is useless outside Python; 3 is the source text. */
const UDF = { bodyText: 3 } as const;

/** feast.core.FeatureServiceSpec (FeatureService.proto). */
const SERVICE = { name: 1, project: 2, features: 3, tags: 4, description: 5, owner: 6 } as const;

/** feast.core.FeatureViewProjection (FeatureViewProjection.proto). */
const PROJECTION = { viewName: 1, featureColumns: 2, alias: 3, joinKeyMap: 4 } as const;

/** Returns null for Feast's placeholder entity, which our entityless views do not need. */
export function entityFromProto(spec: ProtoMessage): Decoded<EntitySpec> | null {
  const name = spec.string(ENTITY.name);
  if (name === DUMMY_ENTITY_NAME) return null;
  const tags = spec.stringMap(ENTITY.tags);
  // join_key is singular in Feast's proto; reading every occurrence costs nothing and keeps a list.
  const joinKeys = spec.strings(ENTITY.joinKey).filter((key) => key !== "");
  return {
    project: spec.string(ENTITY.project),
    spec: {
      kind: "entity",
      name,
      description: spec.string(ENTITY.description),
      owner: ownerOf(spec.string(ENTITY.owner), tags),
      tags,
      // Feast defaults the join key to the entity name.
      joinKeys: joinKeys.length > 0 ? joinKeys : [name],
      valueType: entityValueType(spec.int32(ENTITY.valueType)),
    },
    embeddedSources: [],
  };
}

/** feast.core.StreamFeatureViewSpec (StreamFeatureView.proto): the same fields, other numbers. */
const STREAM_VIEW = {
  name: 1,
  project: 2,
  entities: 3,
  features: 4,
  entityColumns: 5,
  description: 6,
  tags: 7,
  owner: 8,
  ttl: 9,
  batchSource: 10,
  streamSource: 11,
  online: 12,
} as const;

/**
 * A stream feature view, imported as a batch view over its batch source: Pantry runs no stream
 * processing (its Kafka/Kinesis source and transformation are left behind; the caller notes it).
 */
export function streamFeatureViewFromProto(spec: ProtoMessage): Decoded<FeatureViewSpec> {
  const decoded = featureViewFromProto(spec, STREAM_VIEW);
  const batch = embeddedSource(spec.message(STREAM_VIEW.batchSource), `${decoded.spec.name}_source`);
  return {
    ...decoded,
    spec: { ...decoded.spec, source: batch?.spec.name ?? "" },
    embeddedSources: sourcesOf(batch),
  };
}

export function featureViewFromProto(spec: ProtoMessage, VIEW: ViewFields = VIEW_FIELDS): Decoded<FeatureViewSpec> {
  const name = spec.string(VIEW.name);
  const tags = spec.stringMap(VIEW.tags);
  const batch = embeddedSource(spec.message(VIEW.batchSource), `${name}_source`);
  const stream = embeddedSource(spec.message(VIEW.streamSource), `${name}_stream_source`);
  const entityColumns = spec.messages(VIEW.entityColumns).map(fieldSpecFromProto);
  return {
    project: spec.string(VIEW.project),
    spec: {
      kind: "featureView",
      name,
      description: spec.string(VIEW.description),
      owner: ownerOf(spec.string(VIEW.owner), tags),
      tags,
      entities: spec.strings(VIEW.entities).filter((entity) => entity !== DUMMY_ENTITY_NAME),
      schema: spec.messages(VIEW.features).map(fieldSpecFromProto),
      entityColumns: entityColumns.filter((column) => column.name !== DUMMY_ENTITY_JOIN_KEY),
      // A view fed by a push or stream source names it as its source; the batch source hangs off it.
      source: stream?.spec.name ?? batch?.spec.name ?? "",
      ttlSeconds: durationSeconds(spec.message(VIEW.ttl)),
      online: spec.bool(VIEW.online),
      // Newer Feast has an `offline` flag about *writing* computed rows to the offline store; every
      // Feast view can be read for training data, which is what our `offline` means.
      offline: true,
    },
    embeddedSources: [...sourcesOf(batch), ...sourcesOf(stream)],
  };
}

export function onDemandFeatureViewFromProto(spec: ProtoMessage): Decoded<OnDemandFeatureViewSpec> {
  const tags = spec.stringMap(ON_DEMAND.tags);
  const inputs = spec.messages(ON_DEMAND.sources).map(onDemandInput);
  const udf = spec.message(ON_DEMAND.featureTransformation)?.message(1) ?? spec.message(ON_DEMAND.userDefinedFunction);
  return {
    project: spec.string(ON_DEMAND.project),
    spec: {
      kind: "onDemandFeatureView",
      name: spec.string(ON_DEMAND.name),
      description: spec.string(ON_DEMAND.description),
      owner: ownerOf(spec.string(ON_DEMAND.owner), tags),
      tags,
      sources: inputs.map((input) => input.source),
      schema: spec.messages(ON_DEMAND.features).map(fieldSpecFromProto),
      // Python cannot run here; the text is kept so a user can port it (null when Feast kept none).
      transformation: udf ? { language: "python", code: udf.string(UDF.bodyText) } : null,
      // Feast's default mode, for registries written before modes existed.
      mode: spec.string(ON_DEMAND.mode) || "pandas",
    },
    embeddedSources: inputs.flatMap((input) => input.embeddedSources),
  };
}

/** One `map<string, OnDemandSource>` entry: key = 1, value = 2. */
function onDemandInput(entry: ProtoMessage): { source: OnDemandSourceSpec; embeddedSources: DataSourceSpec[] } {
  const key = entry.string(1);
  const input = entry.message(2);
  const request = input?.message(ON_DEMAND_SOURCE.requestDataSource);
  if (request) {
    const decoded = dataSourceFromProto(request, key);
    return { source: { type: "request", name: decoded.spec.name }, embeddedSources: sourcesOf(decoded) };
  }
  const projection = input?.message(ON_DEMAND_SOURCE.featureViewProjection);
  if (projection) {
    const features = featureNames(projection.messages(PROJECTION.featureColumns));
    const name = projection.string(PROJECTION.viewName) || key;
    return {
      source: { type: "featureView", name, features: features.length > 0 ? features : null },
      embeddedSources: [],
    };
  }
  // A whole feature view (older Feast): its name is in its spec; all of its features are inputs.
  const view = input?.message(ON_DEMAND_SOURCE.featureView)?.message(1);
  const name = view?.string(VIEW_FIELDS.name) || key;
  return { source: { type: "featureView", name, features: null }, embeddedSources: [] };
}

export function featureServiceFromProto(spec: ProtoMessage): Decoded<FeatureServiceSpec> {
  const tags = spec.stringMap(SERVICE.tags);
  return {
    project: spec.string(SERVICE.project),
    spec: {
      kind: "featureService",
      name: spec.string(SERVICE.name),
      description: spec.string(SERVICE.description),
      owner: ownerOf(spec.string(SERVICE.owner), tags),
      tags,
      projections: spec.messages(SERVICE.features).map(projectionFromProto),
    },
    embeddedSources: [],
  };
}

function projectionFromProto(projection: ProtoMessage): ProjectionSpec {
  return {
    view: projection.string(PROJECTION.viewName),
    alias: projection.string(PROJECTION.alias) || null,
    features: featureNames(projection.messages(PROJECTION.featureColumns)),
    joinKeyMap: projection.stringMap(PROJECTION.joinKeyMap),
  };
}

function embeddedSource(source: ProtoMessage | null, fallbackName: string): Decoded<DataSourceSpec> | null {
  return source ? dataSourceFromProto(source, fallbackName) : null;
}

function sourcesOf(decoded: Decoded<DataSourceSpec> | null): DataSourceSpec[] {
  return decoded ? [decoded.spec, ...decoded.embeddedSources] : [];
}

/** google.protobuf.Duration: seconds = 1 (int64), nanos = 2. Sub-second ttls are not a thing in Feast. */
function durationSeconds(duration: ProtoMessage | null): number {
  const seconds = Number(duration?.int64(1) ?? 0n);
  return Math.max(seconds, 0);
}
