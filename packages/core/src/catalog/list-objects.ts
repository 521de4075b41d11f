/** Listing registry objects with Feast's filters (project, tags that must all match). */
import type { ObjectKind, RegistryObjectSpec, Tags } from "../definitions/types";
import { didYouMean, PantryError } from "../errors";
import type { Registry, StoredSpec } from "../registry/registry";

export function parseTagFilters(values: string[]): Tags {
  const tags: Tags = {};
  for (const value of values.flatMap((v) => v.split(","))) {
    const at = value.indexOf(":");
    if (at <= 0) throw new PantryError("INVALID_ARGUMENT", `--tags takes key:value (got '${value}')`);
    tags[value.slice(0, at).trim()] = value.slice(at + 1).trim();
  }
  return tags;
}

export function matchesTags(objectTags: Tags, filter: Tags): boolean {
  return Object.entries(filter).every(([key, value]) => objectTags[key] === value);
}

export async function listObjects<K extends ObjectKind>(
  registry: Registry,
  options: { project: string; kind: K; tags?: Tags },
): Promise<StoredSpec<Extract<RegistryObjectSpec, { kind: K }>>[]> {
  await registry.getProjectOrThrow(options.project);
  const all = await registry.listStored(options.project, options.kind);
  return all.filter((o) => matchesTags(o.spec.tags, options.tags ?? {}));
}

export async function getObjectOrThrow(
  registry: Registry,
  options: { project: string; kind: ObjectKind; name: string; label: string },
): Promise<StoredSpec> {
  await registry.getProjectOrThrow(options.project);
  const found = await registry.getStored(options.project, options.kind, options.name);
  if (found) return found;
  const names = (await registry.listStored(options.project, options.kind)).map((o) => o.spec.name);
  throw new PantryError(
    "NOT_FOUND",
    `${options.label} '${options.name}' is not in project '${options.project}'${didYouMean(options.name, names)}` +
      (names.length && !didYouMean(options.name, names) ? ` (it has: ${names.slice(0, 10).join(", ")})` : ""),
  );
}
