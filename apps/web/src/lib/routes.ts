/** URL builders: every page state lives in the URL, so links are built in one place. */
import { KINDS, type ObjectKind } from "./kinds";

type Query = Record<string, string | number | readonly string[] | null | undefined>;

export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === null || value === undefined || value === "") continue;
    if (Array.isArray(value)) for (const item of value) params.append(key, String(item));
    else params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

const enc = encodeURIComponent;

export const routes = {
  home: () => "/",
  search: (query: Query = {}) => withQuery("/search", query),
  importFeast: () => "/import",
  project: (project: string) => `/projects/${enc(project)}`,
  list: (project: string, kind: ObjectKind, query: Query = {}) =>
    withQuery(`/projects/${enc(project)}/${KINDS[kind].slug}`, query),
  object: (project: string, kind: ObjectKind, name: string, query: Query = {}) =>
    withQuery(`/projects/${enc(project)}/${KINDS[kind].slug}/${enc(name)}`, query),
  create: (project: string, kind: ObjectKind) => `/projects/${enc(project)}/create/${KINDS[kind].slug}`,
  edit: (project: string, kind: ObjectKind, name: string) =>
    `/projects/${enc(project)}/${KINDS[kind].slug}/${enc(name)}/edit`,
  features: (project: string, query: Query = {}) => withQuery(`/projects/${enc(project)}/features`, query),
  feature: (project: string, view: string, feature: string) =>
    `/projects/${enc(project)}/features/${enc(view)}/${enc(feature)}`,
  lineage: (project: string, query: Query = {}) => withQuery(`/projects/${enc(project)}/lineage`, query),
  datasets: (project: string, query: Query = {}) => withQuery(`/projects/${enc(project)}/datasets`, query),
  jobs: (project: string, query: Query = {}) => withQuery(`/projects/${enc(project)}/jobs`, query),
  audit: (project: string, query: Query = {}) => withQuery(`/projects/${enc(project)}/audit`, query),
  usage: (project: string, query: Query = {}) => withQuery(`/projects/${enc(project)}/usage`, query),
  notices: (project: string, query: Query = {}) => withQuery(`/projects/${enc(project)}/notices`, query),
  /** A deprecation's page: kind featureView | onDemandFeatureView | feature | featureService. */
  deprecation: (project: string, kind: string, name: string) =>
    withQuery(`/projects/${enc(project)}/deprecations`, { kind, name }),
  freshness: (project: string, query: Query = {}) => withQuery(`/projects/${enc(project)}/freshness`, query),
  models: (project: string) => `/projects/${enc(project)}/models`,
  model: (project: string, model: string, query: Query = {}) =>
    withQuery(`/projects/${enc(project)}/models/${enc(model)}`, query),
  allModels: () => "/models",
};
