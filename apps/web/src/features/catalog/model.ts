/** Catalog data as the API returns it, and small derivations the pages share. */
import type { RouterOutputs } from "@/lib/trpc/types";

export type { CatalogDetail, CatalogSummary, SummaryOf } from "@/lib/queries/catalog";
export type FeatureSummary = RouterOutputs["catalog"]["features"]["items"][number];

export const PAGE_SIZE = 50;

export function lifecycleTone(lifecycle: string): "warning" | "danger" | "neutral" {
  return lifecycle === "deprecated" ? "warning" : lifecycle === "retired" ? "danger" : "neutral";
}

export const ORIGIN_LABELS: Record<string, string> = {
  code: "from code",
  console: "created in console",
  import: "imported from Feast",
};
