/**
 * The canonical, JSON-serializable form of every registry object. The SDK classes build these,
 * the registry stores them (as `spec`), the Feast importer and the console forms produce them.
 */
export const SCALAR_DTYPES = [
  "Int32",
  "Int64",
  "Float32",
  "Float64",
  "String",
  "Bytes",
  "Bool",
  "UnixTimestamp",
  "Json",
] as const;
export type ScalarDtype = (typeof SCALAR_DTYPES)[number];
/** "Int64", "Array(Float32)", ... */
export type Dtype = ScalarDtype | `Array(${ScalarDtype})`;

/** Value type of an entity's join key. null when unknown (Feast registries often leave it unset). */
export type ValueType = ScalarDtype;

export type Tags = Record<string, string>;

export type ObjectKind = "entity" | "dataSource" | "featureView" | "onDemandFeatureView" | "featureService";
export const OBJECT_KINDS: readonly ObjectKind[] = [
  "entity",
  "dataSource",
  "featureView",
  "onDemandFeatureView",
  "featureService",
];

/** Where an object was defined: a feature repo's code, the console, or an import of a Feast registry. */
export type ObjectOrigin = "code" | "console" | "import";

interface CommonSpec {
  name: string;
  description: string;
  owner: string;
  tags: Tags;
}

export interface EntitySpec extends CommonSpec {
  kind: "entity";
  joinKeys: string[];
  valueType: ValueType | null;
}

export interface FieldSpec {
  name: string;
  dtype: Dtype;
  description: string;
  tags: Tags;
  /** Expectations checked on the source rows before materializing (absent = none). */
  validation?: FieldValidation;
}

/**
 * Expectations on one feature's values. notNull: no NULL at all; min/max: inclusive bounds of a
 * number; allowed: the only values a string (or number) may take; maxNullRatio: share of NULLs, 0..1.
 */
export interface FieldValidation {
  notNull?: boolean;
  min?: number;
  max?: number;
  allowed?: (string | number | boolean)[];
  maxNullRatio?: number;
}

/** What a failed expectation does to a materialization: fail the job (default) or only warn. */
export type ValidationFailureMode = "fail" | "warn";

interface SourceCommon extends CommonSpec {
  kind: "dataSource";
  /** Event-time column. Empty for request sources. */
  timestampField: string;
  createdTimestampColumn: string | null;
  /** Source column -> feature/entity name. */
  fieldMapping: Record<string, string>;
}

export interface FileSourceSpec extends SourceCommon {
  type: "file";
  /** Relative to the feature repo (or absolute). */
  path: string;
  format: "parquet" | "csv";
}

export interface PostgresSourceSpec extends SourceCommon {
  type: "postgres";
  table: string | null;
  query: string | null;
}

export interface RequestSourceSpec extends SourceCommon {
  type: "request";
  schema: FieldSpec[];
}

export interface PushSourceSpec extends SourceCommon {
  type: "push";
  /** Name of the batch source the pushed rows also belong to. */
  batchSource: string | null;
}

export type DataSourceSpec = FileSourceSpec | PostgresSourceSpec | RequestSourceSpec | PushSourceSpec;

export interface FeatureViewSpec extends CommonSpec {
  kind: "featureView";
  /** Entity names. An empty list = an entityless view (one row for everybody). */
  entities: string[];
  /** Feature columns only (join keys and timestamps are not features). */
  schema: FieldSpec[];
  /** Entity columns, when the definition declares their types in its schema. */
  entityColumns: FieldSpec[];
  source: string;
  /** Seconds; 0 = unlimited look-back. */
  ttlSeconds: number;
  online: boolean;
  offline: boolean;
  /** "warn": failed expectations are recorded on the job and the run goes on (absent = "fail"). */
  onValidationFailure?: ValidationFailureMode;
}

export type OnDemandSourceSpec =
  | { type: "featureView"; name: string; features: string[] | null }
  | { type: "request"; name: string };

export interface OnDemandFeatureViewSpec extends CommonSpec {
  kind: "onDemandFeatureView";
  sources: OnDemandSourceSpec[];
  schema: FieldSpec[];
  /**
   * The transformation, as the source text of a row-wise function `(row) => outputs`: row holds
   * the input features (by feature name) and request fields of one entity row; outputs maps each
   * schema field to its value. null when it cannot run here (imported from a Python registry).
   */
  transformation: { language: "typescript" | "python"; code: string } | null;
  /** "pandas"/"python" from Feast imports; "typescript" for ours. */
  mode: string;
}

export interface ProjectionSpec {
  /** The feature view or on-demand feature view this projection reads. */
  view: string;
  /** Output name prefix instead of the view name (Feast's `with_name`). */
  alias: string | null;
  /** Chosen features; all of the view's features when the definition named the whole view. */
  features: string[];
  /** View join key -> entity-table column (Feast's `with_join_key_map`). */
  joinKeyMap: Record<string, string>;
}

export interface FeatureServiceSpec extends CommonSpec {
  kind: "featureService";
  projections: ProjectionSpec[];
}

export type RegistryObjectSpec =
  | EntitySpec
  | DataSourceSpec
  | FeatureViewSpec
  | OnDemandFeatureViewSpec
  | FeatureServiceSpec;

export interface ProjectSpec {
  name: string;
  description: string;
  owner: string;
  tags: Tags;
}

/** Everything a feature repo defines, in the canonical form. */
export interface RepoContents {
  project: ProjectSpec;
  entities: EntitySpec[];
  dataSources: DataSourceSpec[];
  featureViews: FeatureViewSpec[];
  onDemandFeatureViews: OnDemandFeatureViewSpec[];
  featureServices: FeatureServiceSpec[];
}

export function emptyRepoContents(project: ProjectSpec): RepoContents {
  return { project, entities: [], dataSources: [], featureViews: [], onDemandFeatureViews: [], featureServices: [] };
}

export function objectsOf(contents: RepoContents): RegistryObjectSpec[] {
  return [
    ...contents.entities,
    ...contents.dataSources,
    ...contents.featureViews,
    ...contents.onDemandFeatureViews,
    ...contents.featureServices,
  ];
}
