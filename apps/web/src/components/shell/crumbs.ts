/** Breadcrumbs derived from the path: project / section / object. */
import { KINDS, kindFromSlug } from "../../lib/kinds";
import { routes } from "../../lib/routes";

export interface Crumb {
  label: string;
  href: string | null;
}

const SECTION_LABELS: Record<string, string> = {
  features: "Features",
  lineage: "Lineage",
  datasets: "Saved datasets",
  jobs: "Materialization",
  audit: "Audit log",
  usage: "Usage",
  freshness: "Freshness",
  models: "Models",
  create: "Create",
};

const TOP_LABELS: Record<string, string> = { search: "Search", import: "Import Feast registry", models: "Models" };

export function crumbsFor(pathname: string): Crumb[] {
  const parts = pathname.split("/").filter(Boolean).map(decodeURIComponent);
  const crumbs: Crumb[] = [{ label: "Projects", href: routes.home() }];
  if (parts[0] !== "projects") {
    const top = parts[0] ? TOP_LABELS[parts[0]] : undefined;
    if (top) crumbs.push({ label: top, href: null });
    return crumbs;
  }
  const [, project, section, name, sub] = parts;
  if (!project) return crumbs;
  crumbs.push({ label: project, href: routes.project(project) });
  if (!section) return crumbs;
  const kind = kindFromSlug(section);
  if (section === "create" && name) {
    const createKind = kindFromSlug(name);
    crumbs.push({ label: createKind ? `New ${KINDS[createKind].label.toLowerCase()}` : "Create", href: null });
    return crumbs;
  }
  crumbs.push({
    label: kind ? KINDS[kind].plural : (SECTION_LABELS[section] ?? section),
    href: kind ? routes.list(project, kind) : `/projects/${encodeURIComponent(project)}/${section}`,
  });
  if (name && kind) crumbs.push({ label: name, href: routes.object(project, kind, name) });
  if (name && section === "models") crumbs.push({ label: name, href: null });
  if (sub === "edit") crumbs.push({ label: "Edit", href: null });
  return crumbs;
}
