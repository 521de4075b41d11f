"use client";
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import type { ObjectKind } from "@/lib/kinds";
import { useTRPC } from "@/lib/trpc/client";
import { PAGE_SIZE } from "./model";
import { type CatalogFilters, filterInput } from "./use-catalog-filters";

/** One kind's list, page by page (cursor), with the filters from the URL. */
export function useCatalogList(project: string, kind: ObjectKind, filters: CatalogFilters) {
  const trpc = useTRPC();
  const query = useInfiniteQuery({
    ...trpc.catalog.list.infiniteQueryOptions(
      { project, kind, limit: PAGE_SIZE, ...filterInput(filters) },
      { getNextPageParam: (page) => page.nextCursor ?? undefined },
    ),
    placeholderData: keepPreviousData,
  });
  const items = query.data?.pages.flatMap((page) => page.items) ?? [];
  const total = query.data?.pages[0]?.total ?? 0;
  return { query, items, total };
}
