/** An object's version history and a readable diff between any two of its versions. */
import type { ObjectKind, RegistryObjectSpec } from "../definitions/types";
import { PantryError } from "../errors";
import { diffSpecs, formatChange, type SpecChange } from "../registry/diff";
import type { Registry } from "../registry/registry";
import { label } from "../repo/load-repo";

export interface ObjectVersion {
  version: number;
  /** create | change | delete */
  change: string;
  author: string;
  createdAt: Date;
  spec: RegistryObjectSpec;
}

export interface ObjectDiff {
  from: { version: number; createdAt: Date; author: string };
  to: { version: number; createdAt: Date; author: string };
  changes: (SpecChange & { text: string })[];
}

interface ObjectRef {
  project: string;
  kind: ObjectKind;
  name: string;
}

/** Newest first. Deleted objects keep their history, so this works for them too. */
export async function listObjectVersions(registry: Registry, options: ObjectRef): Promise<ObjectVersion[]> {
  const rows = await registry.history.listVersions(options.project, options.kind, options.name);
  if (rows.length === 0) {
    throw new PantryError(
      "NOT_FOUND",
      `${label(options.kind)} '${options.name}' has no history in project '${options.project}'`,
      { ...options },
    );
  }
  return rows.map((r) => ({
    version: r.version,
    change: r.change,
    author: r.author,
    createdAt: r.createdAt,
    spec: JSON.parse(r.spec) as RegistryObjectSpec,
  }));
}

export async function diffObjectVersions(
  registry: Registry,
  options: ObjectRef & { from: number; to: number },
): Promise<ObjectDiff> {
  const versions = await listObjectVersions(registry, options);
  const pick = (version: number) => {
    const found = versions.find((v) => v.version === version);
    if (!found) {
      throw new PantryError(
        "NOT_FOUND",
        `${label(options.kind)} '${options.name}' has no version ${version} (versions: ${versions
          .map((v) => v.version)
          .sort((a, b) => a - b)
          .join(", ")})`,
        { field: "version" },
      );
    }
    return found;
  };
  const from = pick(options.from);
  const to = pick(options.to);
  const changes = diffSpecs(from.spec, to.spec).map((c) => ({ ...c, text: formatChange(c) }));
  const head = (v: ObjectVersion) => ({ version: v.version, createdAt: v.createdAt, author: v.author });
  return { from: head(from), to: head(to), changes };
}
