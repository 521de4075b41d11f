/** One line per fact of a spec, for the plan's "create" items (what exactly will be registered). */
import type { RegistryObjectSpec } from "@pantry/core/shared";
import { formatTtlSeconds } from "../../lib/format";

export function specFacts(spec: RegistryObjectSpec): string[] {
  const common = [
    spec.owner ? `owner ${spec.owner}` : null,
    Object.keys(spec.tags).length
      ? `tags ${Object.entries(spec.tags)
          .map(([k, v]) => `${k}=${v}`)
          .join(", ")}`
      : null,
  ];
  const facts: (string | null)[] = (() => {
    switch (spec.kind) {
      case "entity":
        return [`join key ${spec.joinKeys.join(", ")}`, `type ${spec.valueType ?? "not set"}`];
      case "dataSource":
        return [
          spec.type === "file" ? `file ${spec.path} (${spec.format})` : `${spec.type} source`,
          spec.timestampField ? `event time ${spec.timestampField}` : null,
        ];
      case "featureView":
        return [
          `${spec.schema.length} ${spec.schema.length === 1 ? "feature" : "features"}: ${spec.schema.map((f) => `${f.name} ${f.dtype}`).join(", ")}`,
          `source ${spec.source}`,
          spec.entities.length ? `entities ${spec.entities.join(", ")}` : "no entities",
          `ttl ${formatTtlSeconds(spec.ttlSeconds)}`,
          spec.online ? "served online" : "offline only",
        ];
      case "onDemandFeatureView":
        return [`${spec.schema.length} features`, `inputs ${spec.sources.map((s) => s.name).join(", ")}`];
      case "featureService":
        return spec.projections.map((p) => `${p.alias ? `${p.view} as ${p.alias}` : p.view}: ${p.features.join(", ")}`);
    }
  })();
  return [...facts, ...common].filter((fact): fact is string => Boolean(fact));
}
