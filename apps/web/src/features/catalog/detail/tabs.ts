/** The tabs of an object's page, declared as data; the active one is `?tab=` in the URL. */
import type { ObjectKind } from "@/lib/kinds";

export type DetailTab = "overview" | "sample" | "definition" | "versions" | "lineage";

const LABELS: Record<DetailTab, string> = {
  overview: "Overview",
  sample: "Sample data",
  definition: "Definition",
  versions: "Versions",
  lineage: "Lineage",
};

const TABS_BY_KIND: Record<ObjectKind, DetailTab[]> = {
  entity: ["overview", "definition", "versions", "lineage"],
  dataSource: ["overview", "sample", "definition", "versions", "lineage"],
  featureView: ["overview", "sample", "definition", "versions", "lineage"],
  onDemandFeatureView: ["overview", "definition", "versions", "lineage"],
  featureService: ["overview", "definition", "versions", "lineage"],
};

export function tabsFor(kind: ObjectKind): { id: DetailTab; label: string }[] {
  return TABS_BY_KIND[kind].map((id) => ({ id, label: LABELS[id] }));
}

export function activeTab(kind: ObjectKind, requested: string | null): DetailTab {
  const tabs = TABS_BY_KIND[kind];
  return tabs.find((t) => t === requested) ?? "overview";
}
