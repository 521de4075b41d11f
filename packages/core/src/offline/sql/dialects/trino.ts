/** Trino (and Presto). Not runnable here: covered by golden SQL files. */
import { PantryError } from "../../../errors";
import { type Dialect, quoteQualified, quoteWith } from "../dialect";
import type { SourceRelation } from "../plan";
import { scalarTypeName } from "./type-names";

const TRINO_TYPES = {
  Int32: "integer",
  Int64: "bigint",
  Float32: "real",
  Float64: "double",
  String: "varchar",
  Bytes: "varbinary",
  Bool: "boolean",
  UnixTimestamp: "timestamp(6) with time zone",
  Json: "json",
} as const;

export const trinoDialect: Dialect = {
  name: "trino",
  strategy: "sweep",
  quoteIdentifier: (name) => quoteWith('"', name),
  placeholder: () => "?",
  typeName: (dtype) => scalarTypeName(dtype, TRINO_TYPES, (inner) => `array(${inner})`),
  timestampType: "timestamp(6) with time zone",
  tryCast: (expression, typeName) => `TRY_CAST(${expression} AS ${typeName})`,
  subtractSeconds: (timestamp, seconds) => `date_add('second', -CAST(${seconds} AS bigint), ${timestamp})`,
  sourceRelation(source: SourceRelation) {
    switch (source.kind) {
      case "table":
        return quoteQualified(trinoDialect, source.name);
      case "query":
        return `(${source.sql})`;
      case "file":
        throw new PantryError(
          "INVALID_ARGUMENT",
          `Trino reads tables, not the file ${source.path}; register it as a table`,
        );
    }
  },
};
