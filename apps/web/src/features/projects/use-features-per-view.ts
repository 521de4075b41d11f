"use client";
import { useQuery } from "@tanstack/react-query";
import type { BarDatum } from "@/components/charts/BarChart";
import { KIND_HEX } from "@/lib/kinds";
import { routes } from "@/lib/routes";
import { useTRPC } from "@/lib/trpc/client";

const CHART_LIMIT = 15;

/** The project's biggest feature views by feature count, for the overview chart. */
export function useFeaturesPerView(project: string) {
  const trpc = useTRPC();
  return useQuery({
    ...trpc.catalog.list.queryOptions({ project, kind: "featureView", limit: 200 }),
    select: (page): BarDatum[] =>
      page.items
        .flatMap((item) => (item.kind === "featureView" ? [{ name: item.name, count: item.featureCount }] : []))
        .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name))
        .slice(0, CHART_LIMIT)
        .map((view) => ({
          label: view.name,
          value: view.count,
          color: KIND_HEX.featureView,
          href: routes.object(project, "featureView", view.name),
        })),
  });
}

/** The project's services with what each serves, for the overview's "models" card. */
export function useProjectServices(project: string) {
  const trpc = useTRPC();
  return useQuery({
    ...trpc.catalog.list.queryOptions({ project, kind: "featureService", limit: 100 }),
    select: (page) => page.items.flatMap((item) => (item.kind === "featureService" ? [item] : [])),
  });
}
