"use client";
import { useQuery } from "@tanstack/react-query";
import { useProjectOverview } from "@/lib/queries/projects";
import { useTRPC } from "@/lib/trpc/client";
import type { NavCountKey } from "./nav";

/** The counts beside the sidebar's catalog links, from the project's overview. */
export function useNavCounts(project: string | null): Partial<Record<NavCountKey, number>> | null {
  const overview = useProjectOverview(project);
  const trpc = useTRPC();
  // Open deprecation notices: the inbox's count, refreshed every minute.
  const notices = useQuery({
    ...trpc.governance.noticeCount.queryOptions({ project: project ?? "" }),
    enabled: project !== null,
    refetchInterval: 60_000,
  });
  const counts = overview.data?.counts;
  if (!counts) return null;
  return {
    notices: notices.data?.open,
    dataset: overview.data?.savedDatasets,
    entity: counts.entities,
    dataSource: counts.dataSources,
    featureView: counts.featureViews,
    onDemandFeatureView: counts.onDemandFeatureViews,
    featureService: counts.featureServices,
    feature: counts.features,
  };
}
