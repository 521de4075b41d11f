import { PantryError } from "../../../errors";
import { type Dialect, quoteQualified, quoteWith } from "../dialect";
import type { SourceRelation } from "../plan";
import { scalarTypeName } from "./type-names";

const POSTGRES_TYPES = {
  Int32: "integer",
  Int64: "bigint",
  Float32: "real",
  Float64: "double precision",
  String: "text",
  Bytes: "bytea",
  Bool: "boolean",
  UnixTimestamp: "timestamptz",
  Json: "jsonb",
} as const;

export const postgresDialect: Dialect = {
  name: "postgres",
  // No ASOF in PostgreSQL, and no index can be assumed on a user's table: one sorted sweep.
  strategy: "sweep",
  quoteIdentifier: (name) => quoteWith('"', name),
  placeholder: (index) => `$${index}`,
  typeName: (dtype) => scalarTypeName(dtype, POSTGRES_TYPES, (inner) => `${inner}[]`),
  timestampType: "timestamptz",
  // PostgreSQL has no non-failing cast; a key that does not parse is a user error worth seeing.
  tryCast: (expression, typeName) => `CAST(${expression} AS ${typeName})`,
  subtractSeconds: (timestamp, seconds) => `(${timestamp} - CAST(${seconds} AS bigint) * INTERVAL '1 second')`,
  // hashtextextended over the key's text form (a row value for compound keys), made non-negative.
  keyPartition: (columns, count) =>
    `((hashtextextended(CAST(ROW(${columns.join(", ")}) AS text), 0) & 9223372036854775807) % ${count})`,
  sourceRelation(source: SourceRelation) {
    switch (source.kind) {
      case "table":
        return quoteQualified(postgresDialect, source.name);
      case "query":
        // The newline ends a trailing -- comment before the parenthesis closes.
        return `(${source.sql}\n)`;
      case "file":
        throw new PantryError(
          "INVALID_ARGUMENT",
          `the postgres offline store cannot read the file source ${source.path}; use a PostgresSource (table or query) or offline_store type 'file'`,
        );
    }
  },
};
