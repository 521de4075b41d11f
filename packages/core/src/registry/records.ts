/** Canonical specs <-> registry records (searchable columns, features, projections). */
import type { ObjectRecord, StoredObject } from "@pantry/db";
import type { ObjectOrigin, RegistryObjectSpec } from "../definitions/types";

export function toObjectRecord(spec: RegistryObjectSpec, origin: ObjectOrigin): ObjectRecord {
  const base = {
    kind: spec.kind,
    name: spec.name,
    description: spec.description,
    owner: spec.owner,
    tags: JSON.stringify(spec.tags),
    origin,
    spec: canonicalJson(spec),
  };
  switch (spec.kind) {
    case "entity":
      return { ...base, columns: { joinKeys: spec.joinKeys.join(","), valueType: spec.valueType } };
    case "dataSource":
      return { ...base, columns: { type: spec.type, location: sourceLocation(spec) } };
    case "featureView":
      return {
        ...base,
        columns: { sourceName: spec.source, ttlSeconds: spec.ttlSeconds, online: spec.online },
        features: spec.schema.map(({ validation: _validation, ...f }, position) => ({ ...f, tags: JSON.stringify(f.tags), position })),
      };
    case "onDemandFeatureView":
      return {
        ...base,
        columns: { mode: spec.mode },
        features: spec.schema.map(({ validation: _validation, ...f }, position) => ({ ...f, tags: JSON.stringify(f.tags), position })),
      };
    case "featureService":
      return {
        ...base,
        columns: {},
        projections: spec.projections.map((p, position) => ({
          position,
          viewName: p.view,
          alias: p.alias,
          features: JSON.stringify(p.features),
          joinKeyMap: JSON.stringify(p.joinKeyMap),
        })),
      };
  }
}

function sourceLocation(spec: Extract<RegistryObjectSpec, { kind: "dataSource" }>): string {
  if (spec.type === "file") return spec.path;
  if (spec.type === "postgres") return spec.table ?? spec.query ?? "";
  if (spec.type === "push") return spec.batchSource ?? "";
  return "";
}

export function specOf<T extends RegistryObjectSpec>(stored: StoredObject): T {
  return JSON.parse(stored.spec) as T;
}

/** JSON with sorted object keys, so equal specs compare equal as text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value as Record<string, unknown>)
        .sort()
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}
