"use client";
import { useQuery } from "@tanstack/react-query";
import type { ObjectKind } from "@/lib/kinds";
import { useTRPC } from "@/lib/trpc/client";
import { intParam, useUrlState } from "@/lib/url-state";

/** The version history, and the two versions compared (?from=&to=, default: the last change). */
export function useVersionComparison(project: string, kind: ObjectKind, name: string) {
  const trpc = useTRPC();
  const url = useUrlState();
  const versions = useQuery(trpc.catalog.versions.queryOptions({ project, kind, name }));
  const list = versions.data ?? [];
  const latest = list[0]?.version ?? 1;
  const to = intParam(url.get("to"), latest, 1, latest);
  const from = intParam(url.get("from"), Math.max(1, to - 1), 1, latest);
  const canCompare = list.length > 1 && from !== to;
  const diff = useQuery({ ...trpc.catalog.diff.queryOptions({ project, kind, name, from, to }), enabled: canCompare });
  return {
    versions,
    from,
    to,
    canCompare,
    diff,
    select: (patch: { from?: number; to?: number }) => url.set(patch),
  };
}
