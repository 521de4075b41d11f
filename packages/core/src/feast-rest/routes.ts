/**
 * Feast's REST registry contract (what `feast serve_registry --rest` answers and Feast's web UI
 * reads since 0.64), read-only, over projects already serialized to Feast's JSON. Lists answer
 * `?project=P` or `/all` (every project, each object with its `project`); unknown projects give
 * empty lists, since any error but 401/403 on a list breaks the UI's page. Details are 404 with a
 * message naming what was asked for.
 */
import { didYouMean } from "../errors";
import type { FeastProjectJson, FeastRelationship } from "./feast-json";

type Json = Record<string, unknown>;

export interface FeastRestAnswer {
  status: number;
  body: Json;
}

/** The entry Feast's UI fetches first, from its own origin's root. */
export function feastProjectsList(projects: readonly FeastProjectJson[], registryPath = "/api/v1"): Json {
  return {
    projects: projects.map((p) => ({
      id: p.name,
      name: p.name,
      description: String((p.project.spec as Json).description ?? ""),
      registryPath,
    })),
  };
}

type ListKind =
  | "entities"
  | "data_sources"
  | "feature_views"
  | "feature_services"
  | "saved_datasets"
  | "features"
  | "permissions"
  | "label_views"
  | "projects";

/** Route name -> the response key and where the objects come from. */
const LISTS: Record<ListKind, { key: string; items: (p: FeastProjectJson) => Json[]; relType?: string }> = {
  entities: { key: "entities", items: (p) => p.entities, relType: "entity" },
  data_sources: { key: "dataSources", items: (p) => p.dataSources, relType: "dataSource" },
  feature_views: { key: "featureViews", items: (p) => p.featureViews, relType: "featureView" },
  feature_services: { key: "featureServices", items: (p) => p.featureServices, relType: "featureService" },
  saved_datasets: { key: "savedDatasets", items: (p) => p.savedDatasets },
  features: { key: "features", items: (p) => p.features },
  permissions: { key: "permissions", items: (p) => p.permissions },
  // Feast answers label views under `featureViews`, each with type "labelView".
  label_views: { key: "featureViews", items: (p) => p.labelViews, relType: "featureView" },
  projects: { key: "projects", items: (p) => [p.project] },
};

const LABELS: Record<ListKind, string> = {
  entities: "entity",
  data_sources: "data source",
  feature_views: "feature view",
  feature_services: "feature service",
  saved_datasets: "saved dataset",
  features: "feature",
  permissions: "permission",
  label_views: "label view",
  projects: "project",
};

function nameOf(object: Json): string {
  const spec = object.spec as Json | undefined;
  return String(spec?.name ?? object.name ?? "");
}

function notFound(message: string): FeastRestAnswer {
  return { status: 404, body: { detail: message, error: { code: "NOT_FOUND", message } } };
}

function badRequest(message: string): FeastRestAnswer {
  return { status: 400, body: { detail: message, error: { code: "INVALID_ARGUMENT", message } } };
}

function relationshipsOf(project: FeastProjectJson, type: string, name: string): FeastRelationship[] {
  return project.relationships.filter(
    (r) => (r.source.type === type && r.source.name === name) || (r.target.type === type && r.target.name === name),
  );
}

function positiveInt(value: string | null, name: string, fallback: number, max: number): number | string {
  if (value === null || value === "") return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max)
    return `'${name}' must be a whole number from 1 to ${max} (got '${value}')`;
  return n;
}

/** Answers one GET under the registry path (`/entities`, `/feature_views/all`, `/features/v/f`, ...). */
export function feastRestRoute(
  projects: readonly FeastProjectJson[],
  path: string,
  query: URLSearchParams,
): FeastRestAnswer {
  const parts = path
    .split("/")
    .filter((p) => p !== "")
    .map((p) => decodeURIComponent(p));
  const kind = parts[0] as ListKind | undefined;
  if (!kind || !(kind in LISTS)) {
    return notFound(
      `no registry endpoint ${path}; this server has /projects, /entities, /data_sources, /feature_views, /feature_services, /saved_datasets, /features, /permissions, /label_views`,
    );
  }
  const list = LISTS[kind];
  const withRelationships = query.get("include_relationships") === "true";
  const page = positiveInt(query.get("page"), "page", 1, 1_000_000);
  const limit = positiveInt(query.get("limit"), "limit", 50, 100);
  if (typeof page === "string") return badRequest(page);
  if (typeof limit === "string") return badRequest(limit);

  // Every project: /kind/all, and /projects itself.
  if ((parts.length === 2 && parts[1] === "all") || (kind === "projects" && parts.length === 1)) {
    const all = projects.flatMap((p) =>
      list.items(p).map((item) => ({ item: kind === "projects" ? item : { ...item, project: p.name }, project: p })),
    );
    const paged = kind === "projects" && !query.has("limit") ? whole(all) : paginate(all, page, limit);
    const body: Json = {
      [list.key]: paged.items.map((x) => x.item),
      pagination: paged.pagination,
    };
    if (withRelationships && list.relType) {
      const relType = list.relType;
      body.relationships = Object.fromEntries(
        paged.items.map((x) => [nameOf(x.item), relationshipsOf(x.project, relType, nameOf(x.item))]),
      );
    }
    return { status: 200, body };
  }

  if (kind === "projects") {
    const name = parts[1] as string;
    const found = projects.find((p) => p.name === name);
    if (!found)
      return notFound(
        `project '${name}' is not served here${didYouMean(
          name,
          projects.map((p) => p.name),
        )}`,
      );
    return { status: 200, body: found.project };
  }

  const projectName = query.get("project");
  if (!projectName) {
    return badRequest(`'project' is required: ${path}?project=<name> (or ${"/"}${kind}/all for every project)`);
  }
  const project = projects.find((p) => p.name === projectName);

  if (parts.length === 1) {
    const items = project ? list.items(project) : [];
    const paged = query.has("limit") || query.has("page") ? paginate(items, page, limit) : whole(items);
    const body: Json = { [list.key]: paged.items, pagination: paged.pagination };
    if (withRelationships && list.relType && project) {
      const relType = list.relType;
      body.relationships = Object.fromEntries(
        paged.items.map((item) => [nameOf(item), relationshipsOf(project, relType, nameOf(item))]),
      );
    } else if (withRelationships && list.relType) {
      body.relationships = {};
    }
    return { status: 200, body };
  }

  const label = LABELS[kind];
  if (!project) {
    return notFound(
      `project '${projectName}' is not served here${didYouMean(
        projectName,
        projects.map((p) => p.name),
      )}`,
    );
  }
  if (kind === "features") {
    if (parts.length !== 3) return badRequest("a feature is /features/<feature view>/<feature>?project=<name>");
    const [, view, feature] = parts as [string, string, string];
    const found = project.features.find((f) => f.featureView === view && f.name === feature);
    if (!found) {
      const names = project.features.filter((f) => f.featureView === view).map((f) => String(f.name));
      return notFound(`feature '${view}:${feature}' is not in project '${project.name}'${didYouMean(feature, names)}`);
    }
    return { status: 200, body: withRelationships ? { ...found, relationships: [] } : found };
  }
  if (parts.length !== 2) return notFound(`no registry endpoint ${path}`);
  const name = parts[1] as string;
  const items = list.items(project);
  const found = items.find((item) => nameOf(item) === name);
  if (!found) {
    return notFound(`${label} '${name}' is not in project '${project.name}'${didYouMean(name, items.map(nameOf))}`);
  }
  const body: Json = { ...found };
  if (list.relType) body.relationships = relationshipsOf(project, list.relType, name);
  return { status: 200, body };
}

function whole<T>(items: T[]): { items: T[]; pagination: Json } {
  return { items, pagination: {} };
}

/** Feast's page/limit pagination (pages from 1). */
function paginate<T>(items: T[], page: number, limit: number): { items: T[]; pagination: Json } {
  const start = (page - 1) * limit;
  const end = start + limit;
  return {
    items: items.slice(start, end),
    pagination: {
      page,
      limit,
      totalCount: items.length,
      totalPages: Math.ceil(items.length / limit),
      hasNext: end < items.length,
      hasPrevious: start > 0,
    },
  };
}
