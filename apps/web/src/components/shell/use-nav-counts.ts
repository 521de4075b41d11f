"use client";
import { useProjectOverview } from "@/lib/queries/projects";
import type { NavCountKey } from "./nav";

/** The counts beside the sidebar's catalog links, from the project's overview. */
export function useNavCounts(project: string | null): Partial<Record<NavCountKey, number>> | null {
  const overview = useProjectOverview(project);
  const counts = overview.data?.counts;
  if (!counts) return null;
  return {
    dataset: overview.data?.savedDatasets,
    entity: counts.entities,
    dataSource: counts.dataSources,
    featureView: counts.featureViews,
    onDemandFeatureView: counts.onDemandFeatureViews,
    featureService: counts.featureServices,
    feature: counts.features,
  };
}
