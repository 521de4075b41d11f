/** BigQuery Standard SQL. Not runnable here: covered by golden SQL files. */
import { PantryError } from "../../../errors";
import { type Dialect, quoteQualified } from "../dialect";
import type { SourceRelation } from "../plan";
import { scalarTypeName } from "./type-names";

const BIGQUERY_TYPES = {
  Int32: "INT64",
  Int64: "INT64",
  Float32: "FLOAT64",
  Float64: "FLOAT64",
  String: "STRING",
  Bytes: "BYTES",
  Bool: "BOOL",
  UnixTimestamp: "TIMESTAMP",
  Json: "JSON",
} as const;

export const bigqueryDialect: Dialect = {
  name: "bigquery",
  strategy: "sweep",
  // Backticks, escaped with a backslash (BigQuery's quoted-identifier escape), so a backtick in a
  // name cannot close the identifier.
  quoteIdentifier: (name) => `\`${name.replace(/\\/g, "\\\\").replace(/`/g, "\\`")}\``,
  placeholder: (index) => `@p${index}`,
  typeName: (dtype) => scalarTypeName(dtype, BIGQUERY_TYPES, (inner) => `ARRAY<${inner}>`),
  timestampType: "TIMESTAMP",
  tryCast: (expression, typeName) => `SAFE_CAST(${expression} AS ${typeName})`,
  subtractSeconds: (timestamp, seconds) => `TIMESTAMP_SUB(${timestamp}, INTERVAL ${seconds} SECOND)`,
  sourceRelation(source: SourceRelation) {
    switch (source.kind) {
      case "table":
        return quoteQualified(bigqueryDialect, source.name);
      case "query":
        return `(${source.sql})`;
      case "file":
        throw new PantryError(
          "INVALID_ARGUMENT",
          `BigQuery reads tables, not the file ${source.path}; load it into a table`,
        );
    }
  },
};
