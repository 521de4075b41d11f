"use client";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";

/** One feature (found through its view), the view's detail, and sample values from the view's source. */
export function useFeatureDetail(project: string, view: string, feature: string) {
  const trpc = useTRPC();
  const features = useQuery(trpc.catalog.features.queryOptions({ project, view, limit: 500 }));
  const summary = features.data?.items.find((f) => f.name === feature) ?? null;
  const viewKind = summary?.viewKind ?? "featureView";
  const viewDetail = useQuery({
    ...trpc.catalog.get.queryOptions({ project, kind: viewKind, name: view }),
    enabled: features.isSuccess,
  });
  const source = viewDetail.data?.spec.kind === "featureView" ? viewDetail.data.spec.source : null;
  const sample = useQuery({
    ...trpc.catalog.sampleRows.queryOptions({ project, source: source ?? "", limit: 10 }),
    enabled: source !== null,
    select: (data) => (data.columns.includes(feature) ? data.rows.map((row) => row[feature]) : null),
  });
  return {
    features,
    summary,
    siblings: features.data?.items.filter((f) => f.name !== feature) ?? [],
    viewDetail,
    sample,
    notFound: features.isSuccess && summary === null,
  };
}
