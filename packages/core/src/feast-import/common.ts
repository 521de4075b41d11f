import type { DataSourceSpec, FieldSpec, Tags } from "../definitions/types";
import { dtypeFromValueType } from "./value-type";
import type { ProtoMessage } from "./wire";

/** One decoded registry object, with the project it belongs to and the data sources embedded in it. */
export interface Decoded<T> {
  project: string;
  spec: T;
  /** Copies of data sources carried inside the object (a view's batch source, say); deduped later. */
  embeddedSources: DataSourceSpec[];
}

/**
 * Feast gives entityless views a placeholder entity "__dummy" with join key "__dummy_id". Ours say
 * "entityless" with an empty entity list, so the placeholder is dropped wherever it appears.
 */
export const DUMMY_ENTITY_NAME = "__dummy";
export const DUMMY_ENTITY_JOIN_KEY = "__dummy_id";

/** feast.core.FeatureSpecV2 (protos/feast/core/Feature.proto). */
const FEATURE = { name: 1, valueType: 2, tags: 3, description: 4 } as const;

export function fieldSpecFromProto(feature: ProtoMessage): FieldSpec {
  return {
    name: feature.string(FEATURE.name),
    dtype: dtypeFromValueType(feature.int32(FEATURE.valueType)),
    description: feature.string(FEATURE.description),
    tags: feature.stringMap(FEATURE.tags),
  };
}

export function featureNames(features: ProtoMessage[]): string[] {
  return features.map((f) => f.string(FEATURE.name));
}

/**
 * Feast only grew `owner` fields in later versions; repos written before that (Feast's own
 * credit-scoring sample among them) keep the owner as an "owner" tag. The tag stays in the tags too.
 */
export function ownerOf(owner: string, tags: Tags): string {
  return owner || tags.owner || "";
}
