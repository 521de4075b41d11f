import { describe, expect, it } from "vitest";
import { serializeEntityKey } from "../src/online/entity-key";
import { createViewValueCodec } from "../src/online/value-codec";
import type { FieldSpec } from "../src/definitions/types";

const field = (name: string, dtype: FieldSpec["dtype"]): FieldSpec => ({ name, dtype, description: "", tags: {} });

describe("entity key serialization", () => {
  it("gives the same key for a JSON number and a BIGINT, a different one for a string", () => {
    expect(serializeEntityKey(["driver_id"], [1001])).toBe(serializeEntityKey(["driver_id"], [1001n]));
    expect(serializeEntityKey(["driver_id"], [1001])).not.toBe(serializeEntityKey(["driver_id"], ["1001"]));
  });

  it("does not depend on the order of join keys", () => {
    expect(serializeEntityKey(["b", "a"], [2, "x"])).toBe(serializeEntityKey(["a", "b"], ["x", 2]));
  });

  it("never collides (1, 12) with (11, 2), nor strings containing separators", () => {
    expect(serializeEntityKey(["a", "b"], [1, 12])).not.toBe(serializeEntityKey(["a", "b"], [11, 2]));
    expect(serializeEntityKey(["a", "b"], ["x&b=s", "y"])).not.toBe(serializeEntityKey(["a", "b"], ["x", 'b=s"y']));
  });

  it("rejects null and objects with a message naming the join key", () => {
    expect(() => serializeEntityKey(["driver_id"], [null])).toThrow(/driver_id/);
    expect(() => serializeEntityKey(["driver_id"], [{}])).toThrow(/driver_id/);
  });
});

describe("value codec", () => {
  const codec = createViewValueCodec([
    field("count", "Int64"),
    field("rate", "Float32"),
    field("name", "String"),
    field("seen", "UnixTimestamp"),
    field("raw", "Bytes"),
    field("scores", "Array(Float64)"),
    field("flag", "Bool"),
  ]);

  it("round-trips every dtype, including big Int64, NaN, dates and bytes", () => {
    const values = {
      count: [9007199254740993n, 5n],
      rate: [Number.NaN, 0.5],
      name: ["a", null],
      seen: [new Date("2024-01-02T03:04:05.678Z"), null],
      raw: [Buffer.from([1, 2, 3]), null],
      scores: [[1.5, null, 2], null],
      flag: [true, false],
    };
    const first = codec.decode(codec.encodeRow(values, 0), ["count", "rate", "name", "seen", "raw", "scores", "flag"]);
    expect(first.count).toBe(9007199254740993n);
    expect(Number.isNaN(first.rate)).toBe(true);
    expect(first.seen).toEqual(new Date("2024-01-02T03:04:05.678Z"));
    expect(Buffer.from(first.raw as Uint8Array)).toEqual(Buffer.from([1, 2, 3]));
    expect(first.scores).toEqual([1.5, null, 2]);
    const second = codec.decode(codec.encodeRow(values, 1), ["count", "name", "seen", "flag"]);
    expect(second).toEqual({ count: 5, name: null, seen: null, flag: false });
  });

  it("returns null for a feature the stored row does not have (a feature added later)", () => {
    const old = createViewValueCodec([field("rate", "Float32")]).encodeRow({ rate: [1] }, 0);
    expect(codec.decode(old, ["rate", "count"])).toEqual({ rate: 1, count: null });
  });

  it("writes the same text as JSON.stringify of the row object (the stored format is unchanged)", () => {
    const schema = [
      field("i", "Int64"),
      field("f", "Float64"),
      field("s", "String"),
      field("b", "Bool"),
      field("t", "UnixTimestamp"),
      field("j", "Json"),
      field('we"ird', "String"),
    ];
    const c = createViewValueCodec(schema);
    const values: Record<string, unknown[]> = {
      i: [1n, 9007199254740993n, null, 0],
      f: [0.1, Number.NaN, -0, 1e21],
      s: ['a"b\\c\u0001é', "", null, "x"],
      b: [true, false, null, true],
      t: [new Date(5), null, new Date("2024-01-01T00:00:00Z"), null],
      j: [{ a: [1, { b: null }] }, null, "text", [1, 2]],
      'we"ird': ["q", null, "r", undefined],
    };
    for (let row = 0; row < 4; row++) {
      const text = c.encodeRow(values, row);
      // Valid JSON, keys in schema order, and byte for byte what JSON.stringify writes for that object.
      expect(text).toBe(JSON.stringify(JSON.parse(text)));
      expect(Object.keys(JSON.parse(text))).toEqual(schema.map((f) => f.name));
    }
  });
});
