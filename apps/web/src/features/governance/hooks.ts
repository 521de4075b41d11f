"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";

export type NoticeStatus = "open" | "acknowledged" | "all";

export function useNotices(project: string, status: NoticeStatus) {
  const trpc = useTRPC();
  return useQuery(trpc.governance.notices.queryOptions({ project, status }));
}

export function useAcknowledge() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.governance.acknowledge.mutationOptions({
      onSuccess: () =>
        Promise.all([
          queryClient.invalidateQueries(trpc.governance.pathFilter()),
          queryClient.invalidateQueries(trpc.catalog.audit.pathFilter()),
        ]),
    }),
  );
}

export function useDeprecationReport(project: string, kind: string, name: string) {
  const trpc = useTRPC();
  const known =
    kind === "featureView" || kind === "onDemandFeatureView" || kind === "feature" || kind === "featureService";
  return useQuery({
    ...trpc.governance.report.queryOptions({
      project,
      kind: known ? (kind as "featureView" | "onDemandFeatureView" | "feature" | "featureService") : "featureView",
      name: name || "-",
    }),
    enabled: known && name !== "",
  });
}

export function useServiceDrift(project: string, service: string) {
  const trpc = useTRPC();
  return useQuery(trpc.governance.drift.queryOptions({ project, service }));
}
