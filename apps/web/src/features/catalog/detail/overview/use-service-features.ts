"use client";
import type { FeatureServiceSpec } from "@pantry/core/shared";
import { useQueries } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useAllOfKind } from "@/lib/queries/catalog";

export interface ServiceFeatureRow {
  key: string;
  view: string;
  viewKind: "featureView" | "onDemandFeatureView";
  /** The name the feature is served under: `${alias ?? view}__${feature}`. */
  outputName: string;
  alias: string | null;
  feature: string;
  dtype: string | null;
  description: string;
}

/** Every feature a service serves, with its type and description read from the view it comes from. */
export function useServiceFeatures(project: string, spec: FeatureServiceSpec) {
  const trpc = useTRPC();
  const odfvs = useAllOfKind(project, "onDemandFeatureView");
  const odfvNames = new Set(odfvs.data?.map((v) => v.name) ?? []);
  const views = [...new Set(spec.projections.map((p) => p.view))];
  const kindOf = (view: string) =>
    (odfvNames.has(view) ? "onDemandFeatureView" : "featureView") as ServiceFeatureRow["viewKind"];
  const details = useQueries({
    queries: views.map((view) => ({
      ...trpc.catalog.get.queryOptions({ project, kind: kindOf(view), name: view }),
      enabled: odfvs.isSuccess,
    })),
  });
  const fieldsByView = new Map<string, Map<string, { dtype: string; description: string }>>();
  views.forEach((view, i) => {
    const spec = details[i]?.data?.spec;
    if (spec && (spec.kind === "featureView" || spec.kind === "onDemandFeatureView")) {
      fieldsByView.set(view, new Map(spec.schema.map((f) => [f.name, { dtype: f.dtype, description: f.description }])));
    }
  });
  const rows: ServiceFeatureRow[] = spec.projections.flatMap((projection) =>
    projection.features.map((feature) => {
      const field = fieldsByView.get(projection.view)?.get(feature);
      return {
        key: `${projection.alias ?? projection.view}:${feature}`,
        view: projection.view,
        viewKind: kindOf(projection.view),
        outputName: `${projection.alias ?? projection.view}__${feature}`,
        alias: projection.alias,
        feature,
        dtype: field?.dtype ?? null,
        description: field?.description ?? "",
      };
    }),
  );
  const entities = [
    ...new Set(details.flatMap((d) => (d.data?.spec.kind === "featureView" ? d.data.spec.entities : []))),
  ];
  return { rows, entities, loading: odfvs.isPending || details.some((d) => d.isPending) };
}
