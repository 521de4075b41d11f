/** Plain records crossing the db boundary; JSON columns travel as strings. */
export type ObjectKindName = "entity" | "dataSource" | "featureView" | "onDemandFeatureView" | "featureService";

export interface FeatureRecord {
  name: string;
  dtype: string;
  description: string;
  tags: string;
  position: number;
}

export interface ProjectionRecord {
  position: number;
  viewName: string;
  alias: string | null;
  features: string;
  joinKeyMap: string;
}

export interface ObjectRecord {
  kind: ObjectKindName;
  name: string;
  description: string;
  owner: string;
  tags: string;
  origin: string;
  spec: string;
  /** Kind-specific columns (joinKeys, type, location, sourceName, ttlSeconds, online, mode). */
  columns: Record<string, string | number | boolean | null>;
  features?: FeatureRecord[];
  projections?: ProjectionRecord[];
}

export interface StoredObject {
  kind: ObjectKindName;
  id: string;
  name: string;
  description: string;
  owner: string;
  tags: string;
  origin: string;
  version: number;
  lifecycle: string;
  spec: string;
  createdAt: Date;
  updatedAt: Date;
  deprecationReason?: string | null;
  replacement?: string | null;
  sunsetAt?: Date | null;
  /** Feature services: JSON {view: {kind, version}} of the views it was last written against. */
  builtFrom?: string;
}

export interface ProjectRecord {
  id: string;
  name: string;
  description: string;
  owner: string;
  tags: string;
  repoPath: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface ChangeSet {
  project: { name: string; description: string; owner: string; tags: string; repoPath: string | null };
  creates: ObjectRecord[];
  updates: ObjectRecord[];
  deletes: { kind: ObjectKindName; name: string }[];
  /**
   * The version each created, changed or deleted object had when the change was planned (null:
   * it did not exist). Checked inside the transaction: if another writer moved one meanwhile,
   * nothing is written (CONFLICT), so a plan made from a stale registry never overwrites a newer
   * change.
   */
  expected?: { kind: ObjectKindName; name: string; version: number | null }[];
  actor: string;
  /** One line for the audit log ("apply from feature_store/model_a_features: 3 created, 1 changed"). */
  summary: string;
  action: string;
}

export type LifecycleKindName = "featureView" | "onDemandFeatureView" | "featureService" | "feature";

/** A notice written with a transition: something it reaches (a service or a model) and who should act. */
export interface NoticeRecordInput {
  subjectKind: "featureService" | "model";
  subject: string;
  owner: string;
}

/**
 * A lifecycle transition of one view, feature (`name` = "view:feature") or feature service, with
 * the audit entry (and the notices for the owners it reaches) written beside it.
 */
export interface LifecycleChange {
  projectName: string;
  kind: LifecycleKindName;
  name: string;
  /** The state the caller decided from; the write is refused if another writer moved it meanwhile. */
  expected: string;
  lifecycle: string;
  deprecationReason: string | null;
  replacement: string | null;
  sunsetAt: Date | null;
  audit: { actor: string; action: string; summary: string; details: Record<string, unknown> };
  /** Written in the same transaction, one row each. */
  notices?: NoticeRecordInput[];
}

/** applied: written; missing: the view is gone; moved: its state is no longer `expected` (holds the current one). */
export type LifecycleOutcome = { status: "applied" } | { status: "missing" } | { status: "moved"; current: string };

export interface FeatureLifecycleRecord {
  viewName: string;
  feature: string;
  lifecycle: string;
  deprecationReason: string | null;
  replacement: string | null;
  sunsetAt: Date | null;
  updatedAt: Date;
}

export interface NoticeRecord {
  id: string;
  projectName: string;
  targetKind: string;
  target: string;
  state: string;
  reason: string | null;
  replacement: string | null;
  sunsetAt: Date | null;
  subjectKind: string;
  subject: string;
  owner: string;
  actor: string;
  acknowledgedBy: string | null;
  acknowledgedAt: Date | null;
  createdAt: Date;
}
