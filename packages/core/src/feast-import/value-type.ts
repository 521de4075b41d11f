import type { Dtype, EntitySpec, RepoContents, ScalarDtype, ValueType } from "../definitions/types";

/** Scalar members of Feast's `feast.types.ValueType.Enum` (protos/feast/types/Value.proto). */
const SCALARS: Readonly<Record<number, ScalarDtype>> = {
  1: "Bytes", // BYTES
  2: "String", // STRING
  3: "Int32", // INT32
  4: "Int64", // INT64
  5: "Float64", // DOUBLE
  6: "Float32", // FLOAT
  7: "Bool", // BOOL
  8: "UnixTimestamp", // UNIX_TIMESTAMP
  20: "Json", // MAP: a string-keyed map of values has no closer dtype than JSON
  30: "String", // UUID, carried as its text form
  31: "String", // TIME_UUID
};

/** Element types of the list-like members. A *_SET is an array whose values happen not to repeat. */
const ARRAY_ELEMENTS: Readonly<Record<number, ScalarDtype>> = {
  11: "Bytes", // BYTES_LIST
  12: "String", // STRING_LIST
  13: "Int32", // INT32_LIST
  14: "Int64", // INT64_LIST
  15: "Float64", // DOUBLE_LIST
  16: "Float32", // FLOAT_LIST
  17: "Bool", // BOOL_LIST
  18: "UnixTimestamp", // UNIX_TIMESTAMP_LIST
  21: "Json", // MAP_LIST
  22: "Bytes", // BYTES_SET
  23: "String", // STRING_SET
  24: "Int32", // INT32_SET
  25: "Int64", // INT64_SET
  26: "Float64", // DOUBLE_SET
  27: "Float32", // FLOAT_SET
  28: "Bool", // BOOL_SET
  29: "UnixTimestamp", // UNIX_TIMESTAMP_SET
  32: "String", // UUID_LIST
  33: "String", // TIME_UUID_LIST
};

/**
 * A feature's dtype. Our schema requires one, so a type we cannot place (INVALID, NULL, or a member
 * newer than these tables) becomes "Bytes": an opaque value, which still lets the view import.
 */
export function dtypeFromValueType(value: number): Dtype {
  const scalar = SCALARS[value];
  if (scalar) return scalar;
  const element = ARRAY_ELEMENTS[value];
  return element ? `Array(${element})` : "Bytes";
}

/** An entity's join-key type: only the plain scalars 1..8 qualify; unset, INVALID and the rest are null. */
export function entityValueType(value: number): ValueType | null {
  return value >= 1 && value <= 8 ? (SCALARS[value] ?? null) : null;
}

/**
 * Feast registries often leave an entity's value type unset (its UI then shows INVALID); the
 * views that use the entity declare the join key's type, so take it from there.
 */
export function inferEntityValueTypes(contents: RepoContents): RepoContents {
  const entities = contents.entities.map((entity) => {
    if (entity.valueType !== null) return entity;
    const declared = contents.featureViews
      .filter((v) => v.entities.includes(entity.name))
      .flatMap((v) => v.entityColumns)
      .find((c) => entity.joinKeys.includes(c.name) && !c.dtype.startsWith("Array("));
    return declared ? { ...entity, valueType: declared.dtype as EntitySpec["valueType"] } : entity;
  });
  return { ...contents, entities };
}
