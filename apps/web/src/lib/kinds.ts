/** What the console knows about each kind of registry object: names, URL slugs and colours. */
import type { ObjectKind } from "@pantry/core/shared";

export type { ObjectKind };

export interface KindMeta {
  kind: ObjectKind;
  label: string;
  plural: string;
  /** URL segment of the kind's list page. */
  slug: string;
  /** CSS colour variable, used by badges, icons and lineage nodes. */
  color: string;
  /** Whether the console has a create/edit form for it. */
  editable: boolean;
}

export const KINDS: Record<ObjectKind, KindMeta> = {
  entity: {
    kind: "entity",
    label: "Entity",
    plural: "Entities",
    slug: "entities",
    color: "var(--kind-entity)",
    editable: true,
  },
  dataSource: {
    kind: "dataSource",
    label: "Data source",
    plural: "Data sources",
    slug: "data-sources",
    color: "var(--kind-source)",
    editable: true,
  },
  featureView: {
    kind: "featureView",
    label: "Feature view",
    plural: "Feature views",
    slug: "feature-views",
    color: "var(--kind-view)",
    editable: true,
  },
  onDemandFeatureView: {
    kind: "onDemandFeatureView",
    label: "On-demand view",
    plural: "On-demand views",
    slug: "on-demand-feature-views",
    color: "var(--kind-odfv)",
    editable: false,
  },
  featureService: {
    kind: "featureService",
    label: "Feature service",
    plural: "Feature services",
    slug: "feature-services",
    color: "var(--kind-service)",
    editable: true,
  },
};

export const KIND_ORDER: readonly ObjectKind[] = [
  "entity",
  "dataSource",
  "featureView",
  "onDemandFeatureView",
  "featureService",
];

export function kindFromSlug(slug: string): ObjectKind | null {
  return KIND_ORDER.find((kind) => KINDS[kind].slug === slug) ?? null;
}

export function isObjectKind(value: string): value is ObjectKind {
  return (KIND_ORDER as readonly string[]).includes(value);
}

/** The same colours as hex, for SVG attributes (charts, minimap) where CSS variables do not apply. */
export const KIND_HEX: Record<ObjectKind | "consumer" | "feature", string> = {
  entity: "#d97706",
  dataSource: "#0284c7",
  featureView: "#059669",
  onDemandFeatureView: "#7c3aed",
  featureService: "#4f46e5",
  consumer: "#475467",
  feature: "#0d9488",
};
