"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { intParam, useUrlState } from "@/lib/url-state";
import { SEARCH_KINDS, type SearchKind } from "./model";

export interface SearchFilters {
  q: string;
  project: string;
  kinds: SearchKind[];
  tag: string;
  owner: string;
  limit: number;
}

/** The search page's query and filters, all in the URL (?q=&project=&kind=&tag=&owner=&limit=). */
export function useSearchPage() {
  const trpc = useTRPC();
  const url = useUrlState();
  const filters: SearchFilters = {
    q: url.get("q") ?? "",
    project: url.get("project") ?? "",
    kinds: url.getAll("kind").filter((k): k is SearchKind => (SEARCH_KINDS as readonly string[]).includes(k)),
    tag: url.get("tag") ?? "",
    owner: url.get("owner") ?? "",
    limit: intParam(url.get("limit"), 50, 10, 100),
  };
  const hasQuery = Boolean(filters.q.trim() || filters.tag || filters.owner);
  const result = useQuery({
    ...trpc.search.query.queryOptions({
      q: filters.q.trim(),
      limit: filters.limit,
      ...(filters.project ? { project: filters.project } : {}),
      ...(filters.kinds.length ? { kinds: filters.kinds } : {}),
      ...(filters.tag ? { tag: filters.tag } : {}),
      ...(filters.owner ? { owner: filters.owner } : {}),
    }),
    enabled: hasQuery,
    placeholderData: keepPreviousData,
  });
  return {
    filters,
    hasQuery,
    result,
    set: (
      patch: Partial<Record<"q" | "project" | "kind" | "tag" | "owner" | "limit", string | number | string[] | null>>,
    ) => url.set({ ...patch, limit: patch.limit ?? null }),
  };
}
