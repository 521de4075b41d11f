"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useAllOfKind } from "@/lib/queries/catalog";
import type { ObjectKind } from "@/lib/kinds";
import { useTRPC } from "@/lib/trpc/client";
import { LIFECYCLE_AUDIT_ACTIONS, type LifecycleViewKind } from "./model";

interface ViewAddress {
  project: string;
  kind: LifecycleViewKind;
  view: string;
}

/** Who a change of the view's lifecycle affects: services, the consumers they name, recent consumers. */
export function useLifecycleImpact(address: ViewAddress) {
  const trpc = useTRPC();
  return useQuery({ ...trpc.lifecycle.impact.queryOptions(address), staleTime: 0 });
}

/** The project's other active views of the same kind: what a deprecation can name as the replacement. */
export function useReplacementCandidates({ project, kind, view }: ViewAddress) {
  const views = useAllOfKind(project, kind);
  return {
    ...views,
    data: views.data?.filter((v) => v.name !== view && v.lifecycle === "active").map((v) => v.name),
  };
}

/**
 * The transition itself. On success everything that shows the view's lifecycle is refetched:
 * the catalog (page, badges, lists, audit log), the impact, lineage, search and the project pages.
 */
export function useLifecycleChange(onSuccess: () => void) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.lifecycle.change.mutationOptions({
      onSuccess: async () => {
        await Promise.all(
          [trpc.catalog, trpc.lifecycle, trpc.lineage, trpc.search, trpc.projects].map((router) =>
            queryClient.invalidateQueries(router.pathFilter()),
          ),
        );
        onSuccess();
      },
    }),
  );
}

/** The audit entry of the object's latest lifecycle transition, when it is among the project's recent entries. */
export function useLatestLifecycleEntry({ project, kind, view }: { project: string; kind: ObjectKind; view: string }) {
  const trpc = useTRPC();
  return useQuery({
    ...trpc.catalog.audit.queryOptions({ project, limit: 100 }),
    select: (page) =>
      page.items.find((e) => e.kind === kind && e.name === view && LIFECYCLE_AUDIT_ACTIONS.has(e.action)) ?? null,
  });
}
