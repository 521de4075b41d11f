/** The sidebar's navigation, declared as data. */
import type { IconName } from "@/components/ui/Icon";
import { KINDS } from "@/lib/kinds";
import { routes } from "@/lib/routes";

export type NavCountKey =
  | "entity"
  | "dataSource"
  | "featureView"
  | "onDemandFeatureView"
  | "featureService"
  | "feature"
  | "dataset"
  | "notices";

export interface NavItem {
  id: string;
  label: string;
  icon: IconName;
  href: (project: string) => string;
  countKey?: NavCountKey;
  /** Colour of the icon when active. */
  color?: string;
  /** Only the exact path is active (the overview), not its children. */
  exact?: boolean;
}

export interface NavGroup {
  title: string;
  items: NavItem[];
}

export const PROJECT_NAV: NavGroup[] = [
  {
    title: "Project",
    items: [
      { id: "overview", label: "Overview", icon: "home", href: routes.project, exact: true },
      { id: "lineage", label: "Lineage", icon: "lineage", href: (p) => routes.lineage(p) },
      { id: "models", label: "Models", icon: "model", href: routes.models },
    ],
  },
  {
    title: "Catalog",
    items: [
      ...(["entity", "dataSource", "featureView", "onDemandFeatureView", "featureService"] as const).map(
        (kind): NavItem => ({
          id: kind,
          label: KINDS[kind].plural,
          icon: kind,
          href: (p) => routes.list(p, kind),
          countKey: kind,
          color: KINDS[kind].color,
        }),
      ),
      {
        id: "features",
        label: "Features",
        icon: "feature",
        href: (p) => routes.features(p),
        countKey: "feature",
        color: "var(--kind-feature)",
      },
    ],
  },
  {
    title: "Operations",
    items: [
      { id: "datasets", label: "Saved datasets", icon: "dataset", href: routes.datasets, countKey: "dataset" },
      { id: "jobs", label: "Materialization", icon: "jobs", href: routes.jobs },
      { id: "freshness", label: "Freshness", icon: "clock", href: (p) => routes.freshness(p) },
      { id: "usage", label: "Usage", icon: "model", href: (p) => routes.usage(p) },
      { id: "notices", label: "Notices", icon: "inbox", href: (p) => routes.notices(p), countKey: "notices" },
      { id: "audit", label: "Audit log", icon: "audit", href: (p) => routes.audit(p) },
    ],
  },
];

export function isActive(item: NavItem, project: string, pathname: string): boolean {
  const href = item.href(project).split("?")[0] ?? "";
  return item.exact ? pathname === href : pathname === href || pathname.startsWith(`${href}/`);
}
