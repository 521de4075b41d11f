"use client";
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useUrlState } from "@/lib/url-state";
import { type CatalogFilters, filterInput } from "../use-catalog-filters";

export const FEATURE_PAGE_SIZE = 100;

/** Features of a project, page by page, filtered by the URL (?q=&tag=&owner=&dtype=). */
export function useFeatureList(project: string, filters: CatalogFilters) {
  const trpc = useTRPC();
  const url = useUrlState();
  const dtype = url.get("dtype") ?? "";
  const query = useInfiniteQuery({
    ...trpc.catalog.features.infiniteQueryOptions(
      { project, limit: FEATURE_PAGE_SIZE, ...filterInput(filters), ...(dtype ? { dtype } : {}) },
      { getNextPageParam: (page) => page.nextCursor ?? undefined },
    ),
    placeholderData: keepPreviousData,
  });
  return {
    query,
    items: query.data?.pages.flatMap((page) => page.items) ?? [],
    total: query.data?.pages[0]?.total ?? 0,
    dtype,
    setDtype: (value: string) => url.set({ dtype: value }),
  };
}
