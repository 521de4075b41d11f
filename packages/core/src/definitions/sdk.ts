/**
 * The definition classes users write in their feature repo's `*.ts` files. Each builds a
 * canonical spec (see ./types); the repo loader recognizes them by `pantryKind`, not by
 * `instanceof`, so a repo loaded through another module instance still works.
 */
import { parseDtype } from "./dtype";
import { parseTtl } from "./ttl";
import { parseFieldValidation, parseValidationFailureMode } from "./validation";
import type {
  DataSourceSpec,
  Dtype,
  EntitySpec,
  FeatureServiceSpec,
  FeatureViewSpec,
  FieldSpec,
  FieldValidation,
  FileSourceSpec,
  OnDemandFeatureViewSpec,
  OnDemandSourceSpec,
  PostgresSourceSpec,
  ProjectionSpec,
  PushSourceSpec,
  RequestSourceSpec,
  Tags,
  ValueType,
} from "./types";

interface CommonOptions {
  name: string;
  description?: string;
  owner?: string;
  tags?: Tags;
}

export interface FieldOptions {
  name: string;
  dtype: Dtype | string;
  description?: string;
  tags?: Tags;
  /** Expectations checked before materializing: `{ notNull: true, min: 0, max: 1, allowed: [...], maxNullRatio: 0.05 }`. */
  validation?: FieldValidation;
}

function common(options: CommonOptions) {
  return {
    name: options.name,
    description: options.description ?? "",
    owner: options.owner ?? "",
    tags: { ...(options.tags ?? {}) },
  };
}

export function toFieldSpec(field: FieldOptions): FieldSpec {
  const spec: FieldSpec = {
    name: field.name,
    dtype: parseDtype(String(field.dtype)),
    description: field.description ?? "",
    tags: { ...(field.tags ?? {}) },
  };
  const validation = parseFieldValidation(field.validation, `feature '${field.name}'`);
  if (validation) spec.validation = validation;
  return spec;
}

export class Entity {
  readonly pantryKind = "entity" as const;
  readonly name: string;
  readonly joinKeys: string[];
  private readonly spec: EntitySpec;

  constructor(options: CommonOptions & { joinKeys?: string[]; joinKey?: string; valueType?: ValueType | string }) {
    const joinKeys = options.joinKeys ?? (options.joinKey ? [options.joinKey] : [options.name]);
    this.name = options.name;
    this.joinKeys = joinKeys;
    this.spec = {
      kind: "entity",
      ...common(options),
      joinKeys,
      valueType: options.valueType ? (parseDtype(String(options.valueType)) as ValueType) : null,
    };
  }

  toSpec(): EntitySpec {
    return structuredClone(this.spec);
  }
}

interface BatchSourceOptions extends CommonOptions {
  timestampField?: string;
  createdTimestampColumn?: string;
  fieldMapping?: Record<string, string>;
}

function sourceCommon(options: BatchSourceOptions) {
  return {
    kind: "dataSource" as const,
    ...common(options),
    timestampField: options.timestampField ?? "event_timestamp",
    createdTimestampColumn: options.createdTimestampColumn ?? null,
    fieldMapping: { ...(options.fieldMapping ?? {}) },
  };
}

abstract class DataSourceBase<S extends DataSourceSpec> {
  readonly pantryKind = "dataSource" as const;
  readonly name: string;
  protected readonly spec: S;
  protected constructor(spec: S) {
    this.name = spec.name;
    this.spec = spec;
  }
  toSpec(): S {
    return structuredClone(this.spec);
  }
}

export class FileSource extends DataSourceBase<FileSourceSpec> {
  constructor(options: BatchSourceOptions & { path: string; format?: "parquet" | "csv" }) {
    const format = options.format ?? (options.path.toLowerCase().endsWith(".csv") ? "csv" : "parquet");
    super({ ...sourceCommon(options), type: "file", path: options.path, format });
  }
}

export class PostgresSource extends DataSourceBase<PostgresSourceSpec> {
  constructor(options: BatchSourceOptions & { table?: string; query?: string }) {
    super({ ...sourceCommon(options), type: "postgres", table: options.table ?? null, query: options.query ?? null });
  }
}

export class RequestSource extends DataSourceBase<RequestSourceSpec> {
  constructor(options: CommonOptions & { schema: FieldOptions[] }) {
    super({
      kind: "dataSource",
      ...common(options),
      type: "request",
      timestampField: "",
      createdTimestampColumn: null,
      fieldMapping: {},
      schema: options.schema.map(toFieldSpec),
    });
  }
}

export class PushSource extends DataSourceBase<PushSourceSpec> {
  readonly batchSource: DataSourceBase<DataSourceSpec> | null;
  constructor(options: CommonOptions & { batchSource?: FileSource | PostgresSource }) {
    const batch = options.batchSource?.toSpec();
    super({
      kind: "dataSource",
      ...common(options),
      type: "push",
      timestampField: batch?.timestampField ?? "event_timestamp",
      createdTimestampColumn: batch?.createdTimestampColumn ?? null,
      fieldMapping: batch?.fieldMapping ?? {},
      batchSource: batch?.name ?? null,
    });
    this.batchSource = options.batchSource ?? null;
  }
}

export type AnyDataSource = FileSource | PostgresSource | RequestSource | PushSource;

/** A view as a feature service (or on-demand view) uses it: chosen features, alias, join-key map. */
export class FeatureViewProjection {
  readonly pantryKind = "projection" as const;
  constructor(
    readonly view: FeatureView | OnDemandFeatureView,
    readonly features: string[] | null,
    readonly alias: string | null,
    readonly joinKeyMap: Record<string, string>,
  ) {}

  select(features: string[]): FeatureViewProjection {
    return new FeatureViewProjection(this.view, [...features], this.alias, this.joinKeyMap);
  }
  withName(alias: string): FeatureViewProjection {
    return new FeatureViewProjection(this.view, this.features, alias, this.joinKeyMap);
  }
  withJoinKeyMap(joinKeyMap: Record<string, string>): FeatureViewProjection {
    return new FeatureViewProjection(this.view, this.features, this.alias, { ...joinKeyMap });
  }

  toSpec(): ProjectionSpec {
    return {
      view: this.view.name,
      alias: this.alias,
      features: this.features ?? this.view.featureNames,
      joinKeyMap: { ...this.joinKeyMap },
    };
  }
}

abstract class ProjectableView {
  abstract readonly name: string;
  abstract readonly featureNames: string[];
  select(features: string[]): FeatureViewProjection {
    return new FeatureViewProjection(this as unknown as FeatureView, [...features], null, {});
  }
  withName(alias: string): FeatureViewProjection {
    return new FeatureViewProjection(this as unknown as FeatureView, null, alias, {});
  }
  withJoinKeyMap(joinKeyMap: Record<string, string>): FeatureViewProjection {
    return new FeatureViewProjection(this as unknown as FeatureView, null, null, { ...joinKeyMap });
  }
}

export class FeatureView extends ProjectableView {
  readonly pantryKind = "featureView" as const;
  readonly name: string;
  readonly entities: Entity[];
  readonly source: AnyDataSource;
  readonly featureNames: string[];
  private readonly spec: FeatureViewSpec;

  constructor(
    options: CommonOptions & {
      entities?: Entity[];
      schema: FieldOptions[];
      source: AnyDataSource;
      /** "90s" "2h" "30d", seconds, or 0 = unlimited (the default). */
      ttl?: string | number;
      online?: boolean;
      offline?: boolean;
      /** "warn": a failed expectation is reported on the job instead of failing it. */
      onValidationFailure?: "fail" | "warn";
    },
  ) {
    super();
    this.name = options.name;
    this.entities = options.entities ?? [];
    this.source = options.source;
    const joinKeys = new Set(this.entities.flatMap((e) => e.joinKeys));
    const fields = options.schema.map(toFieldSpec);
    const features = fields.filter((f) => !joinKeys.has(f.name));
    this.featureNames = features.map((f) => f.name);
    this.spec = {
      kind: "featureView",
      ...common(options),
      entities: this.entities.map((e) => e.name),
      schema: features,
      entityColumns: fields.filter((f) => joinKeys.has(f.name)),
      source: options.source.name,
      ttlSeconds: parseTtl(options.ttl ?? 0, `feature view '${options.name}': ttl`),
      online: options.online ?? true,
      offline: options.offline ?? true,
    };
    const mode = parseValidationFailureMode(options.onValidationFailure, `feature view '${options.name}'`);
    if (mode) this.spec.onValidationFailure = mode;
  }

  toSpec(): FeatureViewSpec {
    return structuredClone(this.spec);
  }
}

/** One row of an on-demand view's inputs: input features by name, plus request fields. */
export type OnDemandRow = Record<string, unknown>;

/** The Python transformation a stub from `feastPythonTransform` stands for. */
interface PythonTransformMark {
  pantryPython?: { mode: string; code: string };
}

/**
 * A Feast on-demand view's Python transformation, not ported yet (what `pantry convert-feast-repo`
 * writes): the view keeps the Python text and mode, exactly as reading the Python repo does, and
 * is not served; calling the stub throws. Replace it with a row-wise `(row) => ({...})` function.
 */
export function feastPythonTransform(view: string, mode: string, code: string): (row: OnDemandRow) => OnDemandRow {
  const stub = () => {
    throw new Error(
      `on-demand feature view '${view}': port this transform from Python to TypeScript (replace feastPythonTransform(...) with a row-wise (row) => ({...}) function)`,
    );
  };
  (stub as PythonTransformMark).pantryPython = { mode, code };
  return stub;
}

export class OnDemandFeatureView extends ProjectableView {
  readonly pantryKind = "onDemandFeatureView" as const;
  readonly name: string;
  readonly featureNames: string[];
  readonly sources: (FeatureView | FeatureViewProjection | RequestSource)[];
  readonly transform: (row: OnDemandRow) => OnDemandRow;
  private readonly spec: OnDemandFeatureViewSpec;

  constructor(
    options: CommonOptions & {
      sources: (FeatureView | FeatureViewProjection | RequestSource)[];
      schema: FieldOptions[];
      /** Row-wise: receives the input features and request fields of one entity row. */
      transform: (row: OnDemandRow) => OnDemandRow;
    },
  ) {
    super();
    this.name = options.name;
    this.sources = options.sources;
    this.transform = options.transform;
    const schema = options.schema.map(toFieldSpec);
    this.featureNames = schema.map((f) => f.name);
    const sources: OnDemandSourceSpec[] = options.sources.map((source) => {
      if (source.pantryKind === "dataSource") return { type: "request", name: source.name };
      if (source.pantryKind === "projection") return { type: "featureView", name: source.view.name, features: source.features };
      return { type: "featureView", name: source.name, features: null };
    });
    const python = (options.transform as PythonTransformMark).pantryPython;
    this.spec = {
      kind: "onDemandFeatureView",
      ...common(options),
      sources,
      schema,
      transformation: python
        ? { language: "python", code: python.code }
        : { language: "typescript", code: options.transform.toString() },
      mode: python ? python.mode : "typescript",
    };
  }

  toSpec(): OnDemandFeatureViewSpec {
    return structuredClone(this.spec);
  }
}

export class FeatureService {
  readonly pantryKind = "featureService" as const;
  readonly name: string;
  readonly projections: FeatureViewProjection[];
  private readonly base: ReturnType<typeof common>;

  constructor(options: CommonOptions & { features: (FeatureView | OnDemandFeatureView | FeatureViewProjection)[] }) {
    this.name = options.name;
    this.base = common(options);
    this.projections = options.features.map((f) =>
      f.pantryKind === "projection" ? f : new FeatureViewProjection(f, null, null, {}),
    );
  }

  toSpec(): FeatureServiceSpec {
    return { kind: "featureService", ...structuredClone(this.base), projections: this.projections.map((p) => p.toSpec()) };
  }
}

export type Definition = Entity | AnyDataSource | FeatureView | OnDemandFeatureView | FeatureService;
