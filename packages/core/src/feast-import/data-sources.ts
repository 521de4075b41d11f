import type {
  DataSourceSpec,
  FieldSpec,
  FileSourceSpec,
  PostgresSourceSpec,
  PushSourceSpec,
  RequestSourceSpec,
} from "../definitions/types";
import { type Decoded, fieldSpecFromProto, ownerOf } from "./common";
import { dtypeFromValueType } from "./value-type";
import type { ProtoMessage } from "./wire";

/** feast.core.DataSource field numbers (protos/feast/core/DataSource.proto). */
const SOURCE = {
  type: 1,
  fieldMapping: 2,
  timestampField: 3, // event_timestamp_column in Feast < 0.20, same number
  createdTimestampColumn: 5,
  fileOptions: 11,
  bigqueryOptions: 12,
  kafkaOptions: 13,
  kinesisOptions: 14,
  redshiftOptions: 15,
  customOptions: 16,
  requestDataOptions: 18,
  snowflakeOptions: 19,
  name: 20,
  project: 21,
  pushOptions: 22,
  description: 23,
  tags: 24,
  owner: 25,
  batchSource: 26,
  sparkOptions: 27,
  trinoOptions: 30,
  athenaOptions: 35,
} as const;

/** DataSource.SourceType members we branch on. */
const SOURCE_TYPE = { file: 1, kafka: 3, kinesis: 4, request: 7, push: 9 } as const;

/** The warehouse options messages all start with `table = 1; query = 2`. */
const WAREHOUSE_OPTIONS = [
  SOURCE.bigqueryOptions,
  SOURCE.redshiftOptions,
  SOURCE.snowflakeOptions,
  SOURCE.trinoOptions,
  SOURCE.athenaOptions,
] as const;

type SourceBase = Omit<FileSourceSpec, "type" | "path" | "format">;

/**
 * Maps one Feast data source onto our four kinds. Our kinds are file, postgres, request and push, so
 * Feast's others land on the closest one:
 * - SQL warehouses (BigQuery, Redshift, Snowflake, Trino, Athena, Spark tables, and custom sources
 *   such as Feast's PostgreSQLSource whose JSON configuration names a table or query) become
 *   "postgres" specs carrying that table/query: the query text is what a user would port.
 * - Kafka/Kinesis streams become "push" specs with their batch source: like a push source, rows
 *   arrive at serving time while the batch source holds the history.
 * - Anything else becomes a "file" spec whose path is whatever URI the source has (possibly "").
 * `fallbackName` names sources from Feast versions before data sources had names.
 */
export function dataSourceFromProto(source: ProtoMessage, fallbackName: string): Decoded<DataSourceSpec> {
  const base = sourceBase(source, fallbackName);
  const project = source.string(SOURCE.project);
  const type = source.int32(SOURCE.type);
  if (type === SOURCE_TYPE.request || source.has(SOURCE.requestDataOptions)) {
    return { project, spec: requestSource(base, source), embeddedSources: [] };
  }
  const isStream =
    type === SOURCE_TYPE.kafka ||
    type === SOURCE_TYPE.kinesis ||
    source.has(SOURCE.kafkaOptions) ||
    source.has(SOURCE.kinesisOptions);
  if (type === SOURCE_TYPE.push || source.has(SOURCE.pushOptions) || isStream) {
    return pushSource(base, source, project);
  }
  return { project, spec: storedSource(base, source), embeddedSources: [] };
}

function sourceBase(source: ProtoMessage, fallbackName: string): SourceBase {
  const tags = source.stringMap(SOURCE.tags);
  return {
    kind: "dataSource",
    name: source.string(SOURCE.name) || fallbackName,
    description: source.string(SOURCE.description),
    owner: ownerOf(source.string(SOURCE.owner), tags),
    tags,
    timestampField: source.string(SOURCE.timestampField),
    createdTimestampColumn: source.string(SOURCE.createdTimestampColumn) || null,
    fieldMapping: source.stringMap(SOURCE.fieldMapping),
  };
}

/** RequestDataOptions: `schema = 3` (FeatureSpecV2), or before Feast 0.21 a name -> ValueType map at 2. */
function requestSource(base: SourceBase, source: ProtoMessage): RequestSourceSpec {
  const options = source.message(SOURCE.requestDataOptions);
  const fields = options?.messages(3).map(fieldSpecFromProto) ?? [];
  const schema = fields.length > 0 ? fields : (options?.messages(2).map(legacyRequestField) ?? []);
  // Request data has no event time: our spec wants "" here whatever Feast stored.
  return { ...base, type: "request", timestampField: "", createdTimestampColumn: null, schema };
}

function legacyRequestField(entry: ProtoMessage): FieldSpec {
  return { name: entry.string(1), dtype: dtypeFromValueType(entry.int32(2)), description: "", tags: {} };
}

function pushSource(base: SourceBase, source: ProtoMessage, project: string): Decoded<PushSourceSpec> {
  const batch = source.message(SOURCE.batchSource);
  const decodedBatch = batch ? dataSourceFromProto(batch, `${base.name}_batch_source`) : null;
  const embeddedSources = decodedBatch ? [decodedBatch.spec, ...decodedBatch.embeddedSources] : [];
  const spec: PushSourceSpec = { ...base, type: "push", batchSource: decodedBatch?.spec.name ?? null };
  return { project, spec, embeddedSources };
}

/** Sources that hold rows at rest: files, warehouse tables/queries and custom sources. */
function storedSource(base: SourceBase, source: ProtoMessage): FileSourceSpec | PostgresSourceSpec {
  const file = source.message(SOURCE.fileOptions);
  if (file || source.int32(SOURCE.type) === SOURCE_TYPE.file) {
    // FileOptions: file_format = 1 (only parquet/delta exist), uri = 2 (file_url in old Feast).
    return fileSpec(base, file?.string(2) ?? "", "");
  }
  const spark = source.message(SOURCE.sparkOptions);
  if (spark) {
    // SparkOptions: table = 1, query = 2, path = 3, file_format = 4 ("parquet", "csv", ...).
    const path = spark.string(3);
    if (path) return fileSpec(base, path, spark.string(4));
    return sqlSpec(base, spark.string(1), spark.string(2));
  }
  for (const number of WAREHOUSE_OPTIONS) {
    const options = source.message(number);
    if (options) return sqlSpec(base, options.string(1), options.string(2));
  }
  const custom = source.message(SOURCE.customOptions);
  if (custom) return customSpec(base, custom.bytes(1));
  return fileSpec(base, "", "");
}

/** Custom sources (PostgreSQLSource and other contrib sources) store a JSON configuration blob. */
function customSpec(base: SourceBase, configuration: Uint8Array): FileSourceSpec | PostgresSourceSpec {
  const config = parseJsonObject(configuration);
  const table = stringProperty(config, "table");
  const query = stringProperty(config, "query");
  if (table || query) return sqlSpec(base, table, query);
  const uri = stringProperty(config, "path") || stringProperty(config, "uri") || stringProperty(config, "file_url");
  return fileSpec(base, uri, stringProperty(config, "file_format"));
}

function fileSpec(base: SourceBase, path: string, declaredFormat: string): FileSourceSpec {
  return { ...base, type: "file", path, format: guessFileFormat(path, declaredFormat) };
}

function sqlSpec(base: SourceBase, table: string, query: string): PostgresSourceSpec {
  return { ...base, type: "postgres", table: table || null, query: query || null };
}

/** Feast's FileFormat only knows parquet (and delta, parquet underneath); CSV shows in the path. */
export function guessFileFormat(path: string, declaredFormat: string): "parquet" | "csv" {
  if (declaredFormat.toLowerCase() === "csv") return "csv";
  return /\.csv(\.gz)?$/i.test(path) ? "csv" : "parquet";
}

function parseJsonObject(bytes: Uint8Array): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    // Not every custom source writes JSON; without it we know nothing beyond the common fields.
    return {};
  }
}

function stringProperty(object: Record<string, unknown>, key: string): string {
  const value = object[key];
  return typeof value === "string" ? value : "";
}
