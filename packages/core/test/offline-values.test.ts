import { describe, expect, it } from "vitest";
import { duckdbTypeToDtype, isCompatibleDtype, postgresTypeToDtype } from "../src/offline/dtype-mapping";
import { parseTimestampMicros, toPlainValue } from "../src/offline/duckdb/values";
import { inferColumnDtype } from "../src/offline/entity-rows";

describe("timestamp text keeps microseconds, naive is UTC", () => {
  it.each([
    ["2024-01-01T00:00:00.000001Z", 1704067200000001n],
    ["2024-01-01 00:00:00.000001", 1704067200000001n],
    ["2024-01-01 02:00:00.5+02", 1704067200500000n],
    ["2023-12-31T19:00:00-05:00", 1704067200000000n],
    ["2024-01-01", 1704067200000000n],
  ])("%s", (text, micros) => {
    expect(parseTimestampMicros(text)).toBe(micros);
  });

  it("returns null for text that is not a timestamp", () => {
    expect(parseTimestampMicros("yesterday")).toBeNull();
  });
});

describe("engine types to Pantry dtypes", () => {
  it("maps DuckDB and PostgreSQL names", () => {
    expect(duckdbTypeToDtype("TIMESTAMP WITH TIME ZONE")).toBe("UnixTimestamp");
    expect(duckdbTypeToDtype("DECIMAL(18,3)")).toBe("Float64");
    expect(duckdbTypeToDtype("BIGINT[]")).toBe("Array(Int64)");
    expect(postgresTypeToDtype("character varying(20)")).toBe("String");
    expect(postgresTypeToDtype("double precision[]")).toBe("Array(Float64)");
    expect(postgresTypeToDtype("point")).toBeNull();
  });

  it("accepts pandas' habits but not a change of kind", () => {
    expect(isCompatibleDtype("Int32", "Int64")).toBe(true);
    expect(isCompatibleDtype("Float32", "Float64")).toBe(true);
    expect(isCompatibleDtype("Float64", "Int64")).toBe(true);
    expect(isCompatibleDtype("Int64", "String")).toBe(false);
    expect(isCompatibleDtype("String", "Int64")).toBe(false);
    expect(isCompatibleDtype("Array(Float32)", "Float32")).toBe(false);
  });
});

describe("entity row typing", () => {
  it("infers one dtype per column", () => {
    expect(inferColumnDtype([1, 2, null])).toBe("Int64");
    expect(inferColumnDtype([1, 2.5])).toBe("Float64");
    expect(inferColumnDtype([new Date(), null])).toBe("UnixTimestamp");
    expect(inferColumnDtype([new Date(), "2024-01-01"])).toBe("String");
    expect(inferColumnDtype([[1, 2], [3]])).toBe("Array(Int64)");
  });

  it("gives integers back as numbers while exact, bigint beyond", () => {
    expect(toPlainValue(42n)).toBe(42);
    expect(toPlainValue(2n ** 60n)).toBe(2n ** 60n);
  });
});
