"use client";
import { useQuery } from "@tanstack/react-query";
import type { ObjectKind } from "@/lib/kinds";
import { useTRPC } from "@/lib/trpc/client";
import type { SummaryOf } from "../model";

export function useCatalogObject(project: string, kind: ObjectKind, name: string) {
  const trpc = useTRPC();
  return useQuery(trpc.catalog.get.queryOptions({ project, kind, name }));
}

/** Every object of one kind (for lookups on detail pages: an entity's type, the views reading a source). */
export function useAllOfKind<K extends ObjectKind>(project: string, kind: K) {
  const trpc = useTRPC();
  return useQuery({
    ...trpc.catalog.list.queryOptions({ project, kind, limit: 200 }),
    select: (page) => page.items.filter((item): item is SummaryOf<K> => item.kind === kind),
  });
}

/** Feature views that read a source, or that are keyed by an entity. */
export function useViewsUsing(project: string, by: { source?: string; entity?: string }) {
  const views = useAllOfKind(project, "featureView");
  const data = views.data?.filter((view) =>
    by.source ? view.source === by.source : by.entity ? view.entities.includes(by.entity) : false,
  );
  return { ...views, data };
}

/** On-demand views that read a feature view or request source. */
export function useOnDemandViewsReading(project: string, input: string) {
  const odfvs = useAllOfKind(project, "onDemandFeatureView");
  return { ...odfvs, data: odfvs.data?.filter((view) => view.inputs.includes(input)) };
}
