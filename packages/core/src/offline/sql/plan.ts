/**
 * The one description of a point-in-time join. Stores build it from the resolved feature requests
 * and the entity table's columns; each dialect renders it (render-pit.ts). Nothing here is SQL text.
 */
import type { Dtype } from "../../definitions/types";

/** Where a source's rows are read from. */
export type SourceRelation =
  | { kind: "file"; path: string; format: "parquet" | "csv" }
  | { kind: "table"; name: string }
  | { kind: "query"; sql: string };

export interface KeyJoin {
  /** Column in the source (before field mapping). */
  sourceColumn: string;
  /** Column in the entity table. */
  entityColumn: string;
  /** Cast the entity column to this dtype first (entity key typed differently from the source key). */
  castEntityTo: Dtype | null;
}

export interface FeatureOutput {
  sourceColumn: string;
  outputName: string;
}

/** One view (or one alias of a view) joined onto the entity table. */
export interface ViewJoin {
  /** For messages and SQL comments: the output prefix (alias or view name). */
  label: string;
  source: SourceRelation;
  eventTimestampColumn: string;
  createdTimestampColumn: string | null;
  keys: KeyJoin[];
  features: FeatureOutput[];
  /** 0 = no lower bound. */
  ttlSeconds: number;
}

export interface EntityRelation {
  /** Table holding the entity rows plus the two hidden columns below (a temp table the store fills). */
  table: string;
  /** The input columns, in input order: all of them come out. */
  columns: string[];
}

/** Hidden columns of the entity table: input position and the entity timestamp normalized to UTC. */
export const ROW_ID_COLUMN = "__pantry_row";
export const ENTITY_TS_COLUMN = "__pantry_ts";
export const ENTITY_TIMESTAMP_INPUT = "event_timestamp";

export interface PitPlan {
  entity: EntityRelation;
  joins: ViewJoin[];
  filterByCreatedTimestamp: boolean;
}

export function outputColumns(plan: PitPlan): string[] {
  return [...plan.entity.columns, ...plan.joins.flatMap((join) => join.features.map((f) => f.outputName))];
}
