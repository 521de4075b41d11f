/** The model pages' data and URL state. */
import type { RouterOutputs } from "@/lib/trpc/types";

export type ModelSummary = RouterOutputs["models"]["list"][number];
export type ModelDetail = RouterOutputs["models"]["get"];
export type ModelFeature = ModelDetail["featuresRead"][number];
export type FeatureDrift = NonNullable<ModelDetail["drift"]>["items"][number];

export const RANGE_PARAM = "range";
export const DATASET_PARAM = "dataset";
/** The drift row whose histograms are open side by side (`view:feature`). */
export const COMPARE_PARAM = "compare";

export function formatLag(ms: number | null): string {
  if (ms === null) return "—";
  const minutes = Math.round(ms / 60_000);
  if (minutes < 120) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  return hours < 72 ? `${hours} h` : `${Math.round(hours / 24)} d`;
}

export const FRESHNESS_TONE: Record<string, "success" | "warning" | "danger" | "neutral"> = {
  fresh: "success",
  stale: "danger",
  never_materialized: "warning",
  unknown: "warning",
  no_expectation: "neutral",
  on_demand: "neutral",
  missing: "danger",
};

export function freshnessLabel(state: string): string {
  return state.replaceAll("_", " ");
}
