/**
 * Feature values of one (view, entity) row as one JSON text, `{"feature": value, ...}`.
 * Keyed by name (not position) so adding a feature to a view never misreads older rows.
 * JSON lacks bigint, dates, bytes and NaN; the view's dtypes say which fields need a fix-up,
 * so decoding is a plain JSON.parse plus work on those fields only (the hot path).
 */
import { elementDtype, isArrayDtype } from "../definitions/dtype";
import type { Dtype, FieldSpec, ScalarDtype } from "../definitions/types";

type Scalar = (value: unknown) => unknown;

const identity: Scalar = (value) => value;

const ENCODERS: Record<ScalarDtype, Scalar> = {
  Int32: encodeNumber,
  Int64: encodeInt64,
  Float32: encodeNumber,
  Float64: encodeNumber,
  String: identity,
  Bytes: encodeBytes,
  Bool: identity,
  UnixTimestamp: encodeTimestamp,
  Json: encodeJson,
};

const DECODERS: Partial<Record<ScalarDtype, Scalar>> = {
  Int64: (v) => (typeof v === "string" ? BigInt(v) : v),
  Float32: decodeFloat,
  Float64: decodeFloat,
  Bytes: (v) => (typeof v === "string" ? Buffer.from(v, "base64") : v),
  UnixTimestamp: (v) => (typeof v === "number" ? new Date(v) : v),
};

export interface ViewValueCodec {
  /** Row `index` of the column-major `values` as JSON text. */
  encodeRow(values: Record<string, unknown[]>, index: number): string;
  /**
   * The requested features of a stored row (the object may hold the view's other features too);
   * a feature the row lacks is null or absent.
   */
  decode(text: string, features: readonly string[]): Record<string, unknown>;
}

export function createViewValueCodec(schema: readonly FieldSpec[]): ViewValueCodec {
  const encoders = schema.map((field) => ({ name: field.name, encode: valueEncoder(field.dtype) }));
  const decoders = new Map<string, Scalar>();
  for (const field of schema) {
    const decoder = valueDecoder(field.dtype);
    if (decoder) decoders.set(field.name, decoder);
  }
  return {
    encodeRow(values, index) {
      const row: Record<string, unknown> = {};
      for (const { name, encode } of encoders) {
        const column = values[name];
        const value = column === undefined ? null : column[index];
        row[name] = value === null || value === undefined ? null : encode(value);
      }
      return JSON.stringify(row);
    },
    decode(text, features) {
      const stored = JSON.parse(text) as Record<string, unknown>;
      // Nothing to fix up (the common case): the parsed object is the answer, without a copy.
      if (decoders.size === 0) return stored;
      const out: Record<string, unknown> = {};
      for (const name of features) {
        const value = stored[name];
        if (value === null || value === undefined) {
          out[name] = null;
          continue;
        }
        const decoder = decoders.get(name);
        out[name] = decoder ? decoder(value) : value;
      }
      return out;
    },
  };
}

function valueEncoder(dtype: Dtype): Scalar {
  const scalar = ENCODERS[elementDtype(dtype)];
  if (!isArrayDtype(dtype)) return scalar;
  return (value) =>
    Array.isArray(value) ? value.map((v) => (v === null || v === undefined ? null : scalar(v))) : value;
}

function valueDecoder(dtype: Dtype): Scalar | null {
  const scalar = DECODERS[elementDtype(dtype)];
  if (!scalar) return null;
  if (!isArrayDtype(dtype)) return scalar;
  return (value) => (Array.isArray(value) ? value.map((v) => (v === null ? null : scalar(v))) : value);
}

function encodeNumber(value: unknown): unknown {
  if (typeof value === "bigint") return Number(value);
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  return value;
}

function encodeInt64(value: unknown): unknown {
  if (typeof value === "bigint") {
    return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
      ? Number(value)
      : value.toString();
  }
  return value;
}

function decodeFloat(value: unknown): unknown {
  return typeof value === "string" ? Number(value) : value;
}

function encodeBytes(value: unknown): unknown {
  if (value instanceof Uint8Array)
    return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("base64");
  return value;
}

function encodeTimestamp(value: unknown): unknown {
  if (value instanceof Date) return value.getTime();
  return value;
}

function encodeJson(value: unknown): unknown {
  // JSON columns often arrive as text from files; keep them as text, as the source had them.
  if (typeof value === "bigint") return value.toString();
  return value;
}
