"use client";
/** Catalog reads shared by features: one object, and every object of a kind (for pickers and lookups). */
import { useQuery } from "@tanstack/react-query";
import type { ObjectKind } from "@/lib/kinds";
import { useTRPC } from "@/lib/trpc/client";
import type { RouterOutputs } from "@/lib/trpc/types";

export type CatalogPage = RouterOutputs["catalog"]["list"];
export type CatalogSummary = CatalogPage["items"][number];
export type SummaryOf<K extends ObjectKind> = Extract<CatalogSummary, { kind: K }>;
export type CatalogDetail = RouterOutputs["catalog"]["get"];

export function useCatalogObject(project: string, kind: ObjectKind, name: string) {
  const trpc = useTRPC();
  return useQuery(trpc.catalog.get.queryOptions({ project, kind, name }));
}

/** Every object of one kind (an entity's type, the views reading a source, a form's pickers). */
export function useAllOfKind<K extends ObjectKind>(project: string, kind: K) {
  const trpc = useTRPC();
  return useQuery({
    ...trpc.catalog.list.queryOptions({ project, kind, limit: 200 }),
    select: (page) => page.items.filter((item): item is SummaryOf<K> => item.kind === kind),
  });
}
