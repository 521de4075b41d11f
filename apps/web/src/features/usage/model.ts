/** The Usage page's URL state and the colours of its models. */
import type { RouterInputs, RouterOutputs } from "@/lib/trpc/types";

export type UsageReport = RouterOutputs["usage"]["report"];
export type UsageRange = NonNullable<RouterInputs["usage"]["report"]["range"]>;

export const RANGE_PARAM = "range";
export const MODEL_PARAM = "model";
export const DEFAULT_RANGE: UsageRange = "7d";

export const RANGES: readonly { value: UsageRange; label: string }[] = [
  { value: "24h", label: "24 hours" },
  { value: "7d", label: "7 days" },
  { value: "30d", label: "30 days" },
];

const PALETTE = ["#6366f1", "#0ea5e9", "#f59e0b", "#10b981", "#ec4899", "#8b5cf6", "#ef4444", "#14b8a6"];

/** A model keeps its colour whatever the filter: colours follow the (unfiltered) consumer list. */
export function colourOf(consumers: readonly { consumer: string }[], consumer: string): string {
  const index = consumers.findIndex((c) => c.consumer === consumer);
  return PALETTE[Math.max(index, 0) % PALETTE.length] ?? "#6366f1";
}

export function formatMs(value: number): string {
  return value >= 100 ? `${Math.round(value)} ms` : `${value.toFixed(value >= 10 ? 1 : 2)} ms`;
}
