"use client";
import { useAllOfKind } from "@/lib/queries/catalog";

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
