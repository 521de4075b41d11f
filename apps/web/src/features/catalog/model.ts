/** Catalog data as the API returns it, and small derivations the pages share. */
import type { ObjectKind } from "@/lib/kinds";
import type { RouterOutputs } from "@/lib/trpc/types";

export type CatalogPage = RouterOutputs["catalog"]["list"];
export type CatalogSummary = CatalogPage["items"][number];
export type SummaryOf<K extends ObjectKind> = Extract<CatalogSummary, { kind: K }>;
export type CatalogDetail = RouterOutputs["catalog"]["get"];
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
