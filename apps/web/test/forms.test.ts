import { ZFeatureViewFormSchema } from "@pantry/api/schemas";
import { describe, expect, it } from "vitest";
import { proposeColumns } from "../src/features/edit/feature-columns";
import { specFacts } from "../src/features/edit/spec-summary";
import { issuesToFieldErrors } from "../src/lib/forms/use-zod-form";

describe("feature view form validation (the server's schema, the browser's messages)", () => {
  it("puts one message on each invalid field, keyed like the form", () => {
    const result = ZFeatureViewFormSchema.safeParse({
      name: "9 bad",
      source: "",
      entities: [],
      features: [
        { name: "x", dtype: "Int64", description: "" },
        { name: "x", dtype: "Int64", description: "" },
      ],
      ttl: "soon",
    });
    expect(result.success).toBe(false);
    const errors = result.success ? {} : issuesToFieldErrors(result.error.issues);
    expect(Object.keys(errors).sort()).toEqual(["features.1.name", "name", "source", "ttl"]);
    expect(errors.source).toBe("Pick the data source the features come from");
  });
});

describe("proposeColumns", () => {
  it("offers the file's columns with their dtypes, marking join keys and timestamps as not features", () => {
    const proposed = proposeColumns(
      [
        { name: "driver_id", dtype: "Int64", rawType: "BIGINT" },
        { name: "event_timestamp", dtype: "UnixTimestamp", rawType: "TIMESTAMP" },
        { name: "conv_rate", dtype: "Float32", rawType: "FLOAT" },
        { name: "blob", dtype: null, rawType: "STRUCT" },
      ],
      { joinKeys: ["driver_id"], timestampFields: ["event_timestamp", null] },
    );
    expect(proposed.map((c) => [c.name, c.role, c.proposedDtype])).toEqual([
      ["driver_id", "joinKey", "Int64"],
      ["event_timestamp", "timestamp", "UnixTimestamp"],
      ["conv_rate", "feature", "Float32"],
      ["blob", "feature", "String"],
    ]);
  });
});

describe("specFacts", () => {
  it("says what a new feature view will be", () => {
    const facts = specFacts({
      kind: "featureView",
      name: "v",
      entities: ["driver"],
      schema: [{ name: "conv_rate", dtype: "Float32", description: "", tags: {} }],
      entityColumns: [],
      source: "src",
      ttlSeconds: 7200,
      online: true,
      offline: true,
      description: "",
      owner: "me@x",
      tags: { team: "a" },
    });
    expect(facts).toEqual([
      "1 feature: conv_rate Float32",
      "source src",
      "entities driver",
      "ttl 2h",
      "served online",
      "owner me@x",
      "tags team=a",
    ]);
  });
});
