/**
 * A minimal reader for the protobuf wire format: just enough to walk Feast's registry without a
 * protobuf library or generated code. Messages are parsed one level at a time; a nested message
 * is only parsed when someone asks for it, so fields we do not need are never decoded.
 */

export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_LENGTH_DELIMITED = 2;
export const WIRE_FIXED32 = 5;

export type WireType = typeof WIRE_VARINT | typeof WIRE_FIXED64 | typeof WIRE_LENGTH_DELIMITED | typeof WIRE_FIXED32;

/**
 * The bytes are not well-formed protobuf. Nested messages are views into one buffer, so `offset`
 * counts from the start of the underlying ArrayBuffer: subtract the outermost view's byteOffset to
 * get a position in the file.
 */
export class WireFormatError extends Error {
  readonly reason: string;
  readonly offset: number;
  constructor(reason: string, offset: number) {
    super(`${reason} at byte ${offset}`);
    this.name = "WireFormatError";
    this.reason = reason;
    this.offset = offset;
  }
}

export interface WireField {
  readonly number: number;
  readonly wireType: WireType;
  /** Varints and fixed values, as unsigned 64-bit integers; 0n for length-delimited fields. */
  readonly scalar: bigint;
  /** The payload of a length-delimited field (a view into the original buffer); empty otherwise. */
  readonly payload: Uint8Array;
}

/** A varint is at most 10 bytes: 64 bits in 7-bit groups. */
const MAX_VARINT_BYTES = 10;

/** Reads one base-128 varint; returns its unsigned 64-bit value and the offset just past it. */
export function readVarint(bytes: Uint8Array, offset: number): { value: bigint; next: number } {
  let value = 0n;
  for (let i = 0; i < MAX_VARINT_BYTES; i++) {
    const byte = bytes[offset + i];
    if (byte === undefined) throw new WireFormatError("truncated varint", bytes.byteOffset + offset);
    // The 10th byte may only carry the 64th bit; anything more would overflow uint64.
    if (i === MAX_VARINT_BYTES - 1 && byte > 1) {
      throw new WireFormatError("varint overflows 64 bits", bytes.byteOffset + offset);
    }
    value |= BigInt(byte & 0x7f) << BigInt(7 * i);
    if ((byte & 0x80) === 0) return { value, next: offset + i + 1 };
  }
  throw new WireFormatError("varint longer than 10 bytes", bytes.byteOffset + offset);
}

function readFixed(bytes: Uint8Array, offset: number, size: 4 | 8): bigint {
  if (offset + size > bytes.length) throw new WireFormatError(`truncated fixed${size * 8}`, bytes.byteOffset + offset);
  let value = 0n;
  // Little-endian: the last byte is the most significant.
  for (let i = size - 1; i >= 0; i--) value = (value << 8n) | BigInt(bytes[offset + i] ?? 0);
  return value;
}

/** Splits one message into its fields, in wire order. Throws WireFormatError on malformed input. */
export function parseFields(bytes: Uint8Array): WireField[] {
  const fields: WireField[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const start = offset;
    const tag = readVarint(bytes, offset);
    offset = tag.next;
    const number = Number(tag.value >> 3n);
    const wireType = Number(tag.value & 7n);
    // Field numbers are 1..2^29-1; 0 or larger means we are not looking at protobuf.
    if (number < 1 || number > 0x1fffffff) {
      throw new WireFormatError(`invalid field number ${number}`, bytes.byteOffset + start);
    }
    switch (wireType) {
      case WIRE_VARINT: {
        const v = readVarint(bytes, offset);
        fields.push({ number, wireType, scalar: v.value, payload: EMPTY });
        offset = v.next;
        break;
      }
      case WIRE_FIXED64:
      case WIRE_FIXED32: {
        const size = wireType === WIRE_FIXED64 ? 8 : 4;
        fields.push({ number, wireType, scalar: readFixed(bytes, offset, size), payload: EMPTY });
        offset += size;
        break;
      }
      case WIRE_LENGTH_DELIMITED: {
        const length = readVarint(bytes, offset);
        offset = length.next;
        if (length.value > BigInt(bytes.length - offset)) {
          const left = bytes.length - offset;
          throw new WireFormatError(
            `field ${number} claims ${length.value} bytes, only ${left} left`,
            bytes.byteOffset + start,
          );
        }
        const end = offset + Number(length.value);
        fields.push({ number, wireType, scalar: 0n, payload: bytes.subarray(offset, end) });
        offset = end;
        break;
      }
      default:
        // 3 and 4 are proto2 groups, which Feast never uses; 6 and 7 do not exist.
        throw new WireFormatError(`unsupported wire type ${wireType} for field ${number}`, bytes.byteOffset + start);
    }
  }
  return fields;
}

const EMPTY = new Uint8Array(0);
const UTF8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Typed access to one parsed message. Absent fields read as proto3 defaults ("", 0, false, empty),
 * because proto3 does not write default values at all. For singular fields the last occurrence
 * wins, as the protobuf spec says; fields of an unexpected wire type are ignored (skipped).
 */
export class ProtoMessage {
  readonly fields: readonly WireField[];

  constructor(bytes: Uint8Array) {
    this.fields = parseFields(bytes);
  }

  has(number: number): boolean {
    return this.fields.some((f) => f.number === number);
  }

  private all(number: number, wireType: WireType): WireField[] {
    return this.fields.filter((f) => f.number === number && f.wireType === wireType);
  }

  private last(number: number, wireType: WireType): WireField | undefined {
    const matches = this.all(number, wireType);
    return matches[matches.length - 1];
  }

  /** An unsigned 64-bit varint (uint64, or an int64 read as two's complement by `int64`). */
  uint64(number: number): bigint {
    return this.last(number, WIRE_VARINT)?.scalar ?? 0n;
  }

  int64(number: number): bigint {
    return BigInt.asIntN(64, this.uint64(number));
  }

  /** int32 and enums: negative values are sign-extended to 64 bits on the wire. */
  int32(number: number): number {
    return Number(BigInt.asIntN(32, this.uint64(number)));
  }

  bool(number: number): boolean {
    return this.uint64(number) !== 0n;
  }

  fixed32(number: number): number {
    return Number(this.last(number, WIRE_FIXED32)?.scalar ?? 0n);
  }

  fixed64(number: number): bigint {
    return this.last(number, WIRE_FIXED64)?.scalar ?? 0n;
  }

  bytes(number: number): Uint8Array {
    return this.last(number, WIRE_LENGTH_DELIMITED)?.payload ?? EMPTY;
  }

  string(number: number): string {
    return decodeUtf8(this.last(number, WIRE_LENGTH_DELIMITED));
  }

  strings(number: number): string[] {
    return this.all(number, WIRE_LENGTH_DELIMITED).map(decodeUtf8);
  }

  message(number: number): ProtoMessage | null {
    const field = this.last(number, WIRE_LENGTH_DELIMITED);
    return field ? new ProtoMessage(field.payload) : null;
  }

  messages(number: number): ProtoMessage[] {
    return this.all(number, WIRE_LENGTH_DELIMITED).map((f) => new ProtoMessage(f.payload));
  }

  /** A `map<string, string>`: on the wire, repeated entry messages with key = 1 and value = 2. */
  stringMap(number: number): Record<string, string> {
    // fromEntries defines own properties, so a key like "__proto__" stays a plain key.
    return Object.fromEntries(this.messages(number).map((entry) => [entry.string(1), entry.string(2)]));
  }
}

function decodeUtf8(field: WireField | undefined): string {
  if (!field) return "";
  try {
    return UTF8.decode(field.payload);
  } catch {
    throw new WireFormatError(`field ${field.number} is not valid UTF-8 text`, field.payload.byteOffset);
  }
}
