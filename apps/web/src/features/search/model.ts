/** Search hits as the API returns them, and where each one leads. */
import type { IconName } from "@/components/ui/Icon";
import { KINDS } from "@/lib/kinds";
import { routes } from "@/lib/routes";
import type { RouterOutputs } from "@/lib/trpc/types";

export type SearchResult = RouterOutputs["search"]["query"];
export type SearchHit = SearchResult["hits"][number];
export type SearchKind = SearchHit["kind"];

export const SEARCH_KINDS: readonly SearchKind[] = [
  "feature",
  "featureView",
  "onDemandFeatureView",
  "featureService",
  "entity",
  "dataSource",
];

export function hitHref(hit: SearchHit): string {
  if (hit.kind === "feature")
    return hit.view ? routes.feature(hit.project, hit.view, hit.name) : routes.features(hit.project, { q: hit.name });
  return routes.object(hit.project, hit.kind, hit.name);
}

export function kindLabel(kind: SearchKind): string {
  return kind === "feature" ? "Feature" : KINDS[kind].label;
}

export function kindPlural(kind: SearchKind): string {
  return kind === "feature" ? "Features" : KINDS[kind].plural;
}

export function kindColor(kind: SearchKind): string {
  return kind === "feature" ? "var(--kind-feature)" : KINDS[kind].color;
}

export function kindIcon(kind: SearchKind): IconName {
  return kind;
}

/** "driver_hourly_stats:conv_rate" for features, the name otherwise. */
export function hitTitle(hit: SearchHit): string {
  return hit.kind === "feature" && hit.view ? `${hit.view}:${hit.name}` : hit.name;
}

export const MATCHED_ON_LABELS: Record<SearchHit["matchedOn"], string> = {
  name: "name",
  tag: "tag",
  owner: "owner",
  description: "description",
  filter: "filter",
};
