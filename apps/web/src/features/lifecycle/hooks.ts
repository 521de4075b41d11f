"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useAllOfKind } from "@/lib/queries/catalog";
import type { ObjectKind } from "@/lib/kinds";
import { useTRPC } from "@/lib/trpc/client";
import { isGovernedKind, LIFECYCLE_AUDIT_ACTIONS, type LifecycleKind } from "./model";

interface ViewAddress {
  project: string;
  kind: LifecycleKind;
  /** The view's name, the feature's `view:feature`, or the service's name. */
  view: string;
}

/** Who a change of the lifecycle affects: services, the consumers they name, recent consumers. */
export function useLifecycleImpact({ project, kind, view }: ViewAddress) {
  const trpc = useTRPC();
  const governed = isGovernedKind(kind);
  const forView = useQuery({
    ...trpc.lifecycle.impact.queryOptions({ project, kind: governed ? "featureView" : kind, view }),
    staleTime: 0,
    enabled: !governed,
  });
  const forGoverned = useQuery({
    ...trpc.governance.impact.queryOptions({ project, kind: governed ? kind : "feature", name: view }),
    staleTime: 0,
    enabled: governed,
  });
  return governed ? forGoverned : forView;
}

/**
 * What a deprecation can name as the replacement: the project's other active views of the same
 * kind, or other active services (a feature's replacement is typed as `view:feature`).
 */
export function useReplacementCandidates({ project, kind, view }: ViewAddress) {
  const listed = useAllOfKind(project, kind === "feature" ? "featureView" : kind);
  return {
    ...listed,
    data:
      kind === "feature"
        ? undefined
        : listed.data?.filter((v) => v.name !== view && v.lifecycle === "active").map((v) => v.name),
  };
}

/**
 * The transition itself. On success everything that shows the view's lifecycle is refetched:
 * the catalog (page, badges, lists, audit log), the impact, lineage, search and the project pages.
 */
export function useLifecycleChange(onSuccess: () => void) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = async () => {
    await Promise.all(
      [trpc.catalog, trpc.lifecycle, trpc.governance, trpc.lineage, trpc.search, trpc.projects].map((router) =>
        queryClient.invalidateQueries(router.pathFilter()),
      ),
    );
    onSuccess();
  };
  const forView = useMutation(trpc.lifecycle.change.mutationOptions({ onSuccess: refresh }));
  const forGoverned = useMutation(trpc.governance.change.mutationOptions({ onSuccess: refresh }));
  return { forView, forGoverned };
}

/** The audit entry of the object's latest lifecycle transition, when it is among the project's recent entries. */
export function useLatestLifecycleEntry({
  project,
  kind,
  view,
}: {
  project: string;
  kind: ObjectKind | string;
  view: string;
}) {
  const trpc = useTRPC();
  return useQuery({
    ...trpc.catalog.audit.queryOptions({ project, limit: 100 }),
    select: (page) =>
      page.items.find((e) => e.kind === kind && e.name === view && LIFECYCLE_AUDIT_ACTIONS.has(e.action)) ?? null,
  });
}
