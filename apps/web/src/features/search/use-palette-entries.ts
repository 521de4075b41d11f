"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { IconName } from "@/components/ui/Icon";
import { useCurrentProject } from "@/lib/queries/projects";
import { PROJECT_NAV } from "@/components/shell/nav";
import { routes } from "@/lib/routes";
import { useTRPC } from "@/lib/trpc/client";
import { useDebounced } from "@/lib/use-debounced";
import { hitHref, hitTitle, kindColor, kindIcon, kindLabel } from "./model";

export interface PaletteEntry {
  id: string;
  section: string;
  title: string;
  subtitle?: string;
  meta?: string;
  href: string;
  icon: IconName;
  color: string;
}

const PALETTE_LIMIT = 12;

/** What the palette lists: places to go when the box is empty, ranked search hits when it is not. */
export function usePaletteEntries(query: string): { entries: PaletteEntry[]; loading: boolean } {
  const trpc = useTRPC();
  const project = useCurrentProject();
  const q = useDebounced(query.trim(), 120);
  const search = useQuery({
    ...trpc.search.query.queryOptions({ q, limit: PALETTE_LIMIT }),
    enabled: q.length > 0,
    placeholderData: keepPreviousData,
  });

  if (!query.trim()) return { entries: navigationEntries(project), loading: false };
  const hits = q.length > 0 ? (search.data?.hits ?? []) : [];
  const entries: PaletteEntry[] = hits.map((hit) => ({
    id: `${hit.project}:${hit.kind}:${hit.view ?? ""}:${hit.name}`,
    section: "Results",
    title: hitTitle(hit),
    subtitle: [kindLabel(hit.kind), hit.dtype, hit.description].filter(Boolean).join(" · "),
    meta: hit.project,
    href: hitHref(hit),
    icon: kindIcon(hit.kind),
    color: kindColor(hit.kind),
  }));
  entries.push({
    id: "see-all",
    section: "Search",
    title: `See all results for “${query.trim()}”`,
    subtitle: search.data ? `${search.data.total} matches across projects` : undefined,
    href: routes.search({ q: query.trim() }),
    icon: "search",
    color: "var(--accent)",
  });
  return { entries, loading: search.isFetching };
}

function navigationEntries(project: string | null): PaletteEntry[] {
  const entries: PaletteEntry[] = [
    {
      id: "nav-home",
      section: "Go to",
      title: "All projects",
      href: routes.home(),
      icon: "projects",
      color: "var(--accent)",
    },
    {
      id: "nav-search",
      section: "Go to",
      title: "Search page (filters by project, type, tag, owner)",
      href: routes.search(),
      icon: "search",
      color: "var(--accent)",
    },
    {
      id: "nav-import",
      section: "Go to",
      title: "Import a Feast registry",
      href: routes.importFeast(),
      icon: "upload",
      color: "var(--accent)",
    },
  ];
  if (!project) return entries;
  for (const group of PROJECT_NAV) {
    for (const item of group.items) {
      entries.push({
        id: `nav-${item.id}`,
        section: project,
        title: item.label,
        href: item.href(project),
        icon: item.icon,
        color: item.color ?? "var(--text-muted)",
      });
    }
  }
  return entries;
}
