import type { Dtype } from "../../../definitions/types";
import { type Dialect, quoteQualified, quoteWith } from "../dialect";
import type { SourceRelation } from "../plan";
import { scalarTypeName } from "./type-names";

const DUCKDB_TYPES = {
  Int32: "INTEGER",
  Int64: "BIGINT",
  Float32: "FLOAT",
  Float64: "DOUBLE",
  String: "VARCHAR",
  Bytes: "BLOB",
  Bool: "BOOLEAN",
  UnixTimestamp: "TIMESTAMPTZ",
  Json: "JSON",
} as const;

export const duckdbDialect: Dialect = {
  name: "duckdb",
  strategy: "asof",
  quoteIdentifier: (name) => quoteWith('"', name),
  placeholder: (index) => `$${index}`,
  typeName: (dtype: Dtype) => scalarTypeName(dtype, DUCKDB_TYPES, (inner) => `${inner}[]`),
  timestampType: "TIMESTAMPTZ",
  tryCast: (expression, typeName) => `TRY_CAST(${expression} AS ${typeName})`,
  subtractSeconds: (timestamp, seconds) => `(${timestamp} - to_seconds(CAST(${seconds} AS BIGINT)))`,
  // hash() is DuckDB's own 64-bit hash, seedless: the same key lands in the same partition in
  // every process running the same DuckDB version.
  keyPartition: (columns, count) => `(hash(${columns.join(", ")}) % ${count})`,
  sourceRelation(source: SourceRelation, param) {
    switch (source.kind) {
      case "file":
        return source.format === "parquet"
          ? `read_parquet(${param(source.path)})`
          : `read_csv(${param(source.path)}, header = true, auto_detect = true)`;
      case "table":
        return quoteQualified(duckdbDialect, source.name);
      case "query":
        return `(${source.sql})`;
    }
  },
};
