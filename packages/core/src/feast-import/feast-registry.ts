import type { DataSourceSpec, ProjectSpec, RepoContents } from "../definitions/types";
import { emptyRepoContents } from "../definitions/types";
import { PantryError } from "../errors";
import { type Decoded, ownerOf } from "./common";
import { dataSourceFromProto } from "./data-sources";
import {
  entityFromProto,
  featureServiceFromProto,
  featureViewFromProto,
  onDemandFeatureViewFromProto,
  streamFeatureViewFromProto,
} from "./objects";
import { ProtoMessage, WIRE_LENGTH_DELIMITED, WireFormatError } from "./wire";

/** feast.core.Registry field numbers (protos/feast/core/Registry.proto). */
const REGISTRY = {
  entities: 1,
  featureViews: 6,
  featureServices: 7,
  onDemandFeatureViews: 8,
  dataSources: 12,
  savedDatasets: 11,
  streamFeatureViews: 14,
  projectMetadata: 15,
  permissions: 16,
  projects: 17,
  /** Feast 0.66. */
  labelViews: 19,
} as const;

/**
 * Every top-level Registry field up to 18 (feature tables, saved datasets, infra, permissions, the
 * schema version, ...) is a string or a message, so all arrive length-delimited. A file whose known
 * fields arrive otherwise, or that has none of them, is not a registry even if it parses as protobuf.
 */
const HIGHEST_KNOWN_REGISTRY_FIELD = 19;

/** Wrapper messages (Entity, FeatureView, ...) carry the user's definition in `spec = 1`. */
const SPEC = 1;

const WHAT_TO_DO =
  "Import expects a Feast file registry: the binary file `feast apply` writes to the `registry` path " +
  "in feature_store.yaml (often data/registry.db).";

/** Decodes a Feast registry file (a serialized feast.core.Registry) into one RepoContents per project. */
export function decodeFeastRegistry(bytes: Uint8Array): RepoContents[] {
  return decodeFeastRegistryWithNotes(bytes).projects;
}

/**
 * The same, with notes per project on what was read but is not imported as it is: stream views
 * (imported as batch views), saved datasets, permissions and label views.
 */
export function decodeFeastRegistryWithNotes(bytes: Uint8Array): {
  projects: RepoContents[];
  notes: Map<string, string[]>;
} {
  rejectObviousNonRegistries(bytes);
  try {
    const registry = new ProtoMessage(bytes);
    assertLooksLikeRegistry(registry);
    const notes = new Map<string, string[]>();
    const projects = groupByProject(registry, notes);
    return { projects, notes };
  } catch (error) {
    if (error instanceof WireFormatError) {
      const offset = error.offset - bytes.byteOffset;
      throw new PantryError(
        "INVALID_ARGUMENT",
        `This file is not a Feast registry: ${error.reason} at byte ${offset}. ${WHAT_TO_DO}`,
        { offset },
      );
    }
    throw error;
  }
}

const SQLITE_HEADER = "SQLite format 3\0";

function rejectObviousNonRegistries(bytes: Uint8Array): void {
  if (bytes.length === 0) {
    throw new PantryError("INVALID_ARGUMENT", `The Feast registry file is empty. ${WHAT_TO_DO}`);
  }
  // Feast's SQL registry is often also named registry.db, but it is a database, not this file.
  if ([...SQLITE_HEADER].every((char, i) => bytes[i] === char.charCodeAt(0))) {
    throw new PantryError(
      "INVALID_ARGUMENT",
      "This file is a SQLite database (a Feast SQL registry), not a Feast file registry. " +
        `${WHAT_TO_DO} Point feature_store.yaml at a file registry and run \`feast apply\` to write one.`,
    );
  }
}

function assertLooksLikeRegistry(registry: ProtoMessage): void {
  const known = registry.fields.filter((f) => f.number <= HIGHEST_KNOWN_REGISTRY_FIELD);
  const misshapen = known.find((f) => f.wireType !== WIRE_LENGTH_DELIMITED);
  if (known.length === 0 || misshapen) {
    const problem = misshapen
      ? `field ${misshapen.number} has wire type ${misshapen.wireType} where a Feast registry has a message or string`
      : "it has none of the fields of a Feast registry";
    throw new PantryError("INVALID_ARGUMENT", `This file is not a Feast registry: ${problem}. ${WHAT_TO_DO}`);
  }
}

/** Project name -> what the registry holds for it; filled in file order, then sorted by name. */
type Buckets = Map<string, RepoContents>;

function groupByProject(registry: ProtoMessage, notes: Map<string, string[]>): RepoContents[] {
  const buckets: Buckets = new Map();
  for (const project of declaredProjects(registry)) buckets.set(project.name, emptyRepoContents(project));
  const fallbackProject = soleProjectName(registry, buckets.keys()) ?? "default";
  const bucketFor = (project: string): RepoContents => {
    const name = project || fallbackProject;
    let bucket = buckets.get(name);
    if (!bucket) {
      bucket = emptyRepoContents({ name, description: "", owner: "", tags: {} });
      buckets.set(name, bucket);
    }
    return bucket;
  };

  // Top-level data sources go in first so that, deduping by name, they win over embedded copies
  // (which lack the project, class name and sometimes more).
  const embedded: Decoded<unknown>[] = [];
  for (const source of registry.messages(REGISTRY.dataSources).map((m) => dataSourceFromProto(m, ""))) {
    addSource(bucketFor(source.project), source.spec);
    embedded.push(source);
  }
  for (const entity of specs(registry, REGISTRY.entities).map(entityFromProto)) {
    if (entity) bucketFor(entity.project).entities.push(entity.spec);
  }
  for (const view of specs(registry, REGISTRY.featureViews).map((spec) => featureViewFromProto(spec))) {
    bucketFor(view.project).featureViews.push(view.spec);
    embedded.push(view);
  }
  for (const view of specs(registry, REGISTRY.onDemandFeatureViews).map(onDemandFeatureViewFromProto)) {
    bucketFor(view.project).onDemandFeatureViews.push(view.spec);
    embedded.push(view);
  }
  for (const service of specs(registry, REGISTRY.featureServices).map(featureServiceFromProto)) {
    bucketFor(service.project).featureServices.push(service.spec);
  }
  const note = (project: string, text: string) => {
    const name = bucketFor(project).project.name;
    notes.set(name, [...(notes.get(name) ?? []), text]);
  };
  for (const view of specs(registry, REGISTRY.streamFeatureViews).map(streamFeatureViewFromProto)) {
    bucketFor(view.project).featureViews.push(view.spec);
    embedded.push(view);
    note(
      view.project,
      `stream feature view '${view.spec.name}' is imported as a batch feature view over its batch source '${view.spec.source}': Pantry runs no stream processing (push rows to it with /push instead)`,
    );
  }
  // SavedDatasetSpec: name = 1, project = 2, features = 3; label views and permissions: name = 1,
  // project = 2 as well. Read and named, but Pantry has no place for them as Feast keeps them.
  for (const [field, what, why] of [
    [
      REGISTRY.savedDatasets,
      "saved dataset",
      "its file stays where Feast wrote it; register it again with 'pantry get-historical-features --save-as'",
    ],
    [
      REGISTRY.permissions,
      "permission",
      "Pantry's access control is the roles of auth: token (docs/DESIGN.md, Access control)",
    ],
    [
      REGISTRY.labelViews,
      "label view",
      "Pantry has no label views; keep labels in the entity table of get-historical-features",
    ],
  ] as const) {
    for (const spec of specs(registry, field)) {
      note(spec.string(2), `${what} '${spec.string(1)}' is read but not imported: ${why}`);
    }
  }
  for (const { project, embeddedSources } of embedded) {
    for (const source of embeddedSources) addSource(bucketFor(project), source);
  }
  return [...buckets.values()].sort((a, b) => a.project.name.localeCompare(b.project.name));
}

function specs(registry: ProtoMessage, field: number): ProtoMessage[] {
  return registry.messages(field).flatMap((wrapper) => wrapper.message(SPEC) ?? []);
}

function addSource(bucket: RepoContents, source: DataSourceSpec): void {
  if (source.name === "" || bucket.dataSources.some((s) => s.name === source.name)) return;
  bucket.dataSources.push(source);
}

/**
 * Projects with metadata: `projects` (feast.core.Project, Feast >= 0.40) carries description, owner
 * and tags; `project_metadata` only names them. Objects name their project themselves as well.
 */
function declaredProjects(registry: ProtoMessage): ProjectSpec[] {
  const projects = new Map<string, ProjectSpec>();
  for (const spec of specs(registry, REGISTRY.projects)) {
    // ProjectSpec: name = 1, description = 2, tags = 3, owner = 4.
    const tags = spec.stringMap(3);
    const name = spec.string(1);
    if (name) projects.set(name, { name, description: spec.string(2), owner: ownerOf(spec.string(4), tags), tags });
  }
  for (const metadata of registry.messages(REGISTRY.projectMetadata)) {
    const name = metadata.string(1);
    if (name && !projects.has(name)) projects.set(name, { name, description: "", owner: "", tags: {} });
  }
  return [...projects.values()];
}

/**
 * An object without a project (hand-made or very old registries) belongs to the registry's only
 * project when there is exactly one, else to "default", the name Feast's templates use.
 */
function soleProjectName(registry: ProtoMessage, declared: Iterable<string>): string | undefined {
  const names = new Set(declared);
  // The project field is 9 on entities, 21 on data sources and 2 on every other spec.
  for (const [field, projectField] of [
    [REGISTRY.entities, 9],
    [REGISTRY.featureViews, 2],
    [REGISTRY.onDemandFeatureViews, 2],
    [REGISTRY.featureServices, 2],
  ] as const) {
    for (const spec of specs(registry, field)) names.add(spec.string(projectField));
  }
  for (const source of registry.messages(REGISTRY.dataSources)) names.add(source.string(21));
  names.delete("");
  return names.size === 1 ? [...names][0] : undefined;
}
