import type { RouterOutputs } from "@/lib/trpc/types";

export type FeatureStatisticsPanel = RouterOutputs["statistics"]["feature"];
export type FeatureStatistics = NonNullable<FeatureStatisticsPanel["latest"]>;
export type ViewQualityCheck = RouterOutputs["statistics"]["quality"];
