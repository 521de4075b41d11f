import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { RepoContents } from "../src/definitions/types";
import { isPantryError, PantryError } from "../src/errors";
import {
  decodeFeastRegistry,
  dtypeFromValueType,
  ProtoMessage,
  readVarint,
  WireFormatError,
} from "../src/feast-import";

// The shared data folder sits beside the repository root, wherever the repository is cloned.
const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const CREDIT_SCORING_REGISTRY = resolve(REPO_ROOT, "../shared/data/feast-credit-scoring/registry.db");

// ---- a tiny protobuf encoder, so edge cases can be written by hand ----

type Part = Uint8Array;

function varint(value: bigint | number): Uint8Array {
  let v = BigInt.asUintN(64, BigInt(value));
  const out: number[] = [];
  do {
    const low = Number(v & 0x7fn);
    v >>= 7n;
    out.push(v > 0n ? low | 0x80 : low);
  } while (v > 0n);
  return Uint8Array.from(out);
}

function concat(...parts: Part[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

const tag = (field: number, wireType: number) => varint((field << 3) | wireType);
const int = (field: number, value: bigint | number) => concat(tag(field, 0), varint(value));
const bytesField = (field: number, payload: Uint8Array) => concat(tag(field, 2), varint(payload.length), payload);
const str = (field: number, text: string) => bytesField(field, new TextEncoder().encode(text));
const msg = (field: number, ...parts: Part[]) => bytesField(field, concat(...parts));
const fixed32 = (field: number, value: number) => {
  const payload = new Uint8Array(4);
  new DataView(payload.buffer).setUint32(0, value, true);
  return concat(tag(field, 5), payload);
};
const fixed64 = (field: number, value: bigint) => {
  const payload = new Uint8Array(8);
  new DataView(payload.buffer).setBigUint64(0, value, true);
  return concat(tag(field, 1), payload);
};
const mapEntry = (field: number, key: string, value: string) => msg(field, str(1, key), str(2, value));
const feature = (field: number, name: string, valueType: number) => msg(field, str(1, name), int(2, valueType));

function catchError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error("expected an error");
}

function expectInvalidRegistry(bytes: Uint8Array, message: RegExp): void {
  const error = catchError(() => decodeFeastRegistry(bytes));
  expect(isPantryError(error)).toBe(true);
  expect((error as PantryError).code).toBe("INVALID_ARGUMENT");
  expect((error as PantryError).message).toMatch(message);
  // Every rejection says what file import wants instead.
  expect((error as PantryError).message).toMatch(/feast apply/);
}

function only(repos: RepoContents[]): RepoContents {
  expect(repos).toHaveLength(1);
  const [repo] = repos;
  if (!repo) throw new Error("no repo");
  return repo;
}

function byName<T extends { name: string }>(items: T[], name: string): T {
  const item = items.find((i) => i.name === name);
  if (!item) throw new Error(`no '${name}' among ${items.map((i) => i.name).join(", ")}`);
  return item;
}

describe("decodeFeastRegistry on Feast's credit-scoring registry", () => {
  const repo = only(decodeFeastRegistry(new Uint8Array(readFileSync(CREDIT_SCORING_REGISTRY))));

  it("finds the one project, whose Project record has no description, owner or tags", () => {
    expect(repo.project).toEqual({ name: "credit_scoring_aws", description: "", owner: "", tags: {} });
  });

  it("decodes both entities, drops Feast's __dummy placeholder and reads owners from tags", () => {
    expect(repo.entities.map((e) => e.name)).toEqual(["zipcode", "dob_ssn"]);
    expect(byName(repo.entities, "zipcode")).toEqual({
      kind: "entity",
      name: "zipcode",
      description: "A zipcode",
      owner: "danny@feast.ai",
      tags: { owner: "danny@feast.ai", team: "hack week" },
      joinKeys: ["zipcode"],
      // The file never sets value_type (Feast's UI shows INVALID): unknown, not a guess.
      valueType: null,
    });
    const dobSsn = byName(repo.entities, "dob_ssn");
    expect(dobSsn.description).toBe("Date of birth and last four digits of social security number");
    expect(dobSsn.owner).toBe("tony@feast.ai");
    expect(dobSsn.joinKeys).toEqual(["dob_ssn"]);
  });

  it("decodes the two parquet sources and the request source once each", () => {
    expect(repo.dataSources.map((s) => `${s.name}:${s.type}`)).toEqual([
      "zipcode:file",
      "transaction:request",
      "credit_history:file",
    ]);
    expect(byName(repo.dataSources, "credit_history")).toEqual({
      kind: "dataSource",
      type: "file",
      name: "credit_history",
      path: "data/credit_history.parquet",
      format: "parquet",
      timestampField: "event_timestamp",
      createdTimestampColumn: "created_timestamp",
      fieldMapping: {},
      description: "",
      owner: "",
      tags: {},
    });
    expect(byName(repo.dataSources, "zipcode")).toMatchObject({
      path: "data/zipcode_table.parquet",
      format: "parquet",
    });
    expect(byName(repo.dataSources, "transaction")).toMatchObject({
      type: "request",
      timestampField: "",
      createdTimestampColumn: null,
      schema: [{ name: "transaction_amt", dtype: "Int64", description: "", tags: {} }],
    });
  });

  it("decodes the three feature views with ttls, dtypes, entity columns, sources and tags", () => {
    expect(repo.featureViews.map((v) => v.name)).toEqual([
      "credit_history",
      "zipcode_features",
      "zipcode_money_features",
    ]);

    const credit = byName(repo.featureViews, "credit_history");
    expect(credit.entities).toEqual(["dob_ssn"]);
    expect(credit.source).toBe("credit_history");
    expect(credit.ttlSeconds).toBe(90_000 * 8640); // 9,000 days
    expect(credit.online).toBe(true);
    expect(credit.offline).toBe(true);
    expect(credit.schema.map((f) => f.name)).toEqual([
      "credit_card_due",
      "mortgage_due",
      "student_loan_due",
      "vehicle_loan_due",
      "hard_pulls",
      "missed_payments_2y",
      "missed_payments_1y",
      "missed_payments_6m",
      "bankruptcies",
    ]);
    expect(new Set(credit.schema.map((f) => f.dtype))).toEqual(new Set(["Int64"]));
    expect(credit.entityColumns).toEqual([{ name: "dob_ssn", dtype: "String", description: "", tags: {} }]);
    expect(credit.tags).toEqual({
      date_added: "2022-02-6",
      access_group: "feast-team@feast.ai",
      experiments: "experiment-A",
    });
    expect(credit.description).toBe("");
    expect(credit.owner).toBe("");

    const zipcode = byName(repo.featureViews, "zipcode_features");
    expect(zipcode.ttlSeconds).toBe(3650 * 86_400);
    expect(zipcode.source).toBe("zipcode");
    expect(zipcode.schema.map((f) => `${f.name}:${f.dtype}`)).toEqual([
      "city:String",
      "state:String",
      "location_type:String",
      "tax_returns_filed:Int64",
      "population:Int64",
      "total_wages:Int64",
    ]);
    expect(zipcode.entityColumns).toEqual([{ name: "zipcode", dtype: "Int64", description: "", tags: {} }]);
    expect(zipcode.tags.experiments).toBe("experiment-A,experiment-B,experiment-C");

    const money = byName(repo.featureViews, "zipcode_money_features");
    expect(money.schema.map((f) => f.name)).toEqual(["tax_returns_filed", "total_wages"]);
    expect(money.source).toBe("zipcode");
  });

  it("decodes the on-demand view with its sources, Python UDF text and pandas mode", () => {
    const [odfv] = repo.onDemandFeatureViews;
    expect(repo.onDemandFeatureViews).toHaveLength(1);
    expect(odfv?.name).toBe("transaction_gt_last_credit_card_due");
    expect(odfv?.sources).toEqual([
      {
        type: "featureView",
        name: "credit_history",
        features: [
          "credit_card_due",
          "mortgage_due",
          "student_loan_due",
          "vehicle_loan_due",
          "hard_pulls",
          "missed_payments_2y",
          "missed_payments_1y",
          "missed_payments_6m",
          "bankruptcies",
        ],
      },
      { type: "request", name: "transaction" },
    ]);
    expect(odfv?.schema).toEqual([
      { name: "transaction_gt_last_credit_card_due", dtype: "Bool", description: "", tags: {} },
    ]);
    expect(odfv?.mode).toBe("pandas");
    expect(odfv?.transformation?.language).toBe("python");
    expect(odfv?.transformation?.code).toContain("def transaction_gt_last_credit_card_due(inputs: pd.DataFrame)");
    expect(odfv?.transformation?.code).toContain('inputs["transaction_amt"] > inputs["credit_card_due"]');
  });

  it("decodes the five feature services with descriptions, tag owners and projections", () => {
    expect(repo.featureServices.map((s) => `${s.name}|${s.description}|${s.owner}|${s.tags.stage}`)).toEqual([
      "credit_score_v2|Credit scoring model|tony@feast.ai|prod",
      "zipcode_model|Location model|amanda@feast.ai|dev",
      "zipcode_model_v2|Location model|amanda@feast.ai|dev",
      "credit_score_v3|Credit scoring model|tony@feast.ai|dev",
      "credit_score_v1|Credit scoring model|tony@feast.ai|staging",
    ]);
    expect(byName(repo.featureServices, "credit_score_v1").projections).toEqual([
      { view: "credit_history", alias: null, features: ["credit_card_due", "missed_payments_1y"], joinKeyMap: {} },
      {
        view: "zipcode_features",
        alias: null,
        features: ["city", "state", "location_type", "tax_returns_filed", "population", "total_wages"],
        joinKeyMap: {},
      },
    ]);
    const v3 = byName(repo.featureServices, "credit_score_v3");
    expect(v3.projections.map((p) => p.view)).toEqual([
      "credit_history",
      "zipcode_features",
      "transaction_gt_last_credit_card_due",
    ]);
    expect(v3.projections[2]?.features).toEqual(["transaction_gt_last_credit_card_due"]);
  });
});

describe("decodeFeastRegistry on files that are not registries", () => {
  it("rejects an empty file", () => {
    expectInvalidRegistry(new Uint8Array(0), /empty/);
  });

  it("rejects random bytes", () => {
    // A fixed linear congruential sequence: the same "garbage" on every run.
    let seed = 12_345;
    const garbage = Uint8Array.from({ length: 4096 }, () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed & 0xff;
    });
    expectInvalidRegistry(garbage, /not a Feast registry/);
  });

  it("rejects text, JSON and a SQLite database (Feast's SQL registry)", () => {
    const encode = (text: string) => new TextEncoder().encode(text);
    expectInvalidRegistry(encode("project: my_project\nregistry: data/registry.db\n"), /not a Feast registry/);
    expectInvalidRegistry(encode('{"entities": []}'), /not a Feast registry/);
    expectInvalidRegistry(concat(encode("SQLite format 3\0"), new Uint8Array(100)), /SQLite database/);
  });

  it("rejects well-formed protobuf of another shape", () => {
    expectInvalidRegistry(int(1, 42), /field 1 has wire type 0/);
    expectInvalidRegistry(str(99, "not a registry field"), /none of the fields/);
  });

  it("rejects a truncated registry with the offset where it breaks", () => {
    const real = new Uint8Array(readFileSync(CREDIT_SCORING_REGISTRY));
    const error = catchError(() => decodeFeastRegistry(real.subarray(0, 1000)));
    expect(error).toBeInstanceOf(PantryError);
    expect((error as PantryError).message).toMatch(/claims \d+ bytes/);
    expect((error as PantryError).details.offset).toEqual(expect.any(Number));
  });
});

describe("the wire reader", () => {
  it("reads 64-bit varints exactly, including the largest one", () => {
    const max = 2n ** 64n - 1n;
    expect(readVarint(varint(max), 0)).toEqual({ value: max, next: 10 });
    expect(readVarint(varint(2n ** 63n + 5n), 0).value).toBe(2n ** 63n + 5n);
    expect(readVarint(Uint8Array.of(0xac, 0x02), 0)).toEqual({ value: 300n, next: 2 });
    const message = new ProtoMessage(concat(int(1, -1), int(2, 2n ** 53n + 1n), int(3, -2)));
    expect(message.int64(1)).toBe(-1n);
    expect(message.uint64(1)).toBe(max);
    expect(message.uint64(2)).toBe(2n ** 53n + 1n); // beyond Number's exact range
    expect(message.int32(3)).toBe(-2); // negative enums are sign-extended to 10 bytes
  });

  it("rejects overlong, overflowing and truncated varints", () => {
    expect(() => readVarint(new Uint8Array(11).fill(0x80), 0)).toThrow(WireFormatError);
    expect(() => readVarint(Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02), 0)).toThrow(
      /overflows 64 bits/,
    );
    expect(() => readVarint(Uint8Array.of(0x80, 0x80), 0)).toThrow(/truncated varint/);
  });

  it("reads fixed-width fields, last-wins singular fields and skips unknown ones", () => {
    const message = new ProtoMessage(
      concat(fixed32(7, 0xdeadbeef), fixed64(8, 2n ** 64n - 2n), str(1, "first"), str(1, "second"), int(50, 1)),
    );
    expect(message.fixed32(7)).toBe(0xdeadbeef);
    expect(message.fixed64(8)).toBe(2n ** 64n - 2n);
    expect(message.string(1)).toBe("second");
    expect(message.strings(1)).toEqual(["first", "second"]);
    expect(message.string(2)).toBe("");
    expect(message.message(3)).toBeNull();
    // A field read with the wrong type reads as absent instead of as nonsense.
    expect(message.string(50)).toBe("");
  });

  it("keeps '__proto__' as an ordinary map key", () => {
    const tags = new ProtoMessage(mapEntry(1, "__proto__", "x")).stringMap(1);
    expect(Object.keys(tags)).toEqual(["__proto__"]);
    expect(Object.getPrototypeOf(tags)).toBe(Object.prototype);
  });

  it("maps Feast value types, lists and sets to dtypes", () => {
    expect(dtypeFromValueType(5)).toBe("Float64");
    expect(dtypeFromValueType(6)).toBe("Float32");
    expect(dtypeFromValueType(16)).toBe("Array(Float32)");
    expect(dtypeFromValueType(14)).toBe("Array(Int64)");
    expect(dtypeFromValueType(23)).toBe("Array(String)");
    expect(dtypeFromValueType(0)).toBe("Bytes");
    expect(dtypeFromValueType(999)).toBe("Bytes");
  });
});

describe("decodeFeastRegistry on hand-built registries", () => {
  const fileSource = (name: string, path: string) =>
    concat(int(1, 1), str(3, "ts"), msg(11, str(2, path)), str(20, name), str(21, "shop"));

  const registry = concat(
    // An unknown top-level field and a project with metadata.
    msg(99, str(1, "from a newer Feast")),
    msg(17, msg(1, str(1, "shop"), str(2, "The shop"), mapEntry(3, "tier", "gold"), str(4, "ana@shop.io"))),
    // An entity with a typed join key, an owner field and unknown fields of every wire type.
    msg(
      1,
      msg(
        1,
        str(1, "customer"),
        int(2, 4),
        str(4, "customer_id"),
        str(9, "shop"),
        str(10, "bo@shop.io"),
        int(40, 2n ** 63n),
        fixed64(41, 1n),
        fixed32(42, 1),
        msg(43, str(1, "nested unknown")),
      ),
    ),
    msg(1, msg(1, str(1, "__dummy"), str(4, "__dummy_id"), str(9, "shop"))),
    // A view with a list feature, the dummy entity, and a push source embedding a CSV batch source.
    msg(
      6,
      msg(
        1,
        str(1, "orders"),
        str(2, "shop"),
        str(3, "customer"),
        str(3, "__dummy"),
        feature(4, "amounts", 16),
        msg(4, str(1, "total"), int(2, 5), mapEntry(3, "pii", "no"), str(4, "order total")),
        msg(6, int(1, 86_400), int(2, 500)),
        msg(7, fileSource("orders_csv", "s3://bucket/orders.csv")),
        msg(9, int(1, 9), msg(22), str(20, "orders_push"), msg(26, fileSource("orders_csv", "s3://bucket/orders.csv"))),
        int(8, 0),
        str(10, "Orders per customer"),
        feature(12, "customer_id", 4),
        feature(12, "__dummy_id", 2),
      ),
    ),
    // An on-demand view with no UDF at all.
    msg(8, msg(1, str(1, "odfv"), str(2, "shop"), feature(3, "double_total", 5), str(6, "doubles"), str(11, "python"))),
    // A service with an alias and a join key map.
    msg(
      7,
      msg(
        1,
        str(1, "checkout"),
        str(2, "shop"),
        msg(3, str(1, "orders"), feature(2, "total", 5), str(3, "o"), mapEntry(4, "customer_id", "buyer_id")),
      ),
    ),
    // Top-level sources: BigQuery and Feast's PostgreSQLSource map to postgres specs, Kafka to push.
    msg(12, int(1, 2), msg(12, str(1, "proj.ds.orders")), str(20, "bq_orders"), str(21, "shop")),
    msg(
      12,
      int(1, 6),
      msg(16, str(1, JSON.stringify({ name: "pg", query: "SELECT 1", table: "" }))),
      str(20, "pg_orders"),
      str(21, "shop"),
      str(23, "from postgres"),
      mapEntry(24, "owner", "cy@shop.io"),
      mapEntry(2, "amt", "total"),
    ),
    msg(
      12,
      int(1, 3),
      msg(13, str(2, "orders-topic")),
      str(20, "kafka_orders"),
      str(21, "shop"),
      msg(26, str(20, "bq_orders")),
    ),
    // A second project, with one entity and nothing else.
    msg(1, msg(1, str(1, "item"), str(9, "another"))),
  );

  const repos = decodeFeastRegistry(registry);
  const shop = byName(
    repos.map((r) => ({ ...r, name: r.project.name })),
    "shop",
  );

  it("returns one RepoContents per project, sorted by name, with project metadata", () => {
    expect(repos.map((r) => r.project.name)).toEqual(["another", "shop"]);
    expect(shop.project).toEqual({
      name: "shop",
      description: "The shop",
      owner: "ana@shop.io",
      tags: { tier: "gold" },
    });
    expect(repos[0]?.entities.map((e) => e.name)).toEqual(["item"]);
  });

  it("decodes the entity past unknown fields and drops the dummy entity", () => {
    expect(shop.entities).toEqual([
      {
        kind: "entity",
        name: "customer",
        description: "",
        owner: "bo@shop.io",
        tags: {},
        joinKeys: ["customer_id"],
        valueType: "Int64",
      },
    ]);
  });

  it("decodes the view's nested fields", () => {
    expect(shop.featureViews).toEqual([
      {
        kind: "featureView",
        name: "orders",
        description: "Orders per customer",
        owner: "",
        tags: {},
        entities: ["customer"],
        schema: [
          { name: "amounts", dtype: "Array(Float32)", description: "", tags: {} },
          { name: "total", dtype: "Float64", description: "order total", tags: { pii: "no" } },
        ],
        entityColumns: [{ name: "customer_id", dtype: "Int64", description: "", tags: {} }],
        source: "orders_push",
        ttlSeconds: 86_400,
        online: false,
        offline: true,
      },
    ]);
  });

  it("maps every kind of source and dedupes embedded copies by name", () => {
    expect(shop.dataSources.map((s) => `${s.name}:${s.type}`)).toEqual([
      "bq_orders:postgres",
      "pg_orders:postgres",
      "kafka_orders:push",
      "orders_csv:file",
      "orders_push:push",
    ]);
    expect(byName(shop.dataSources, "bq_orders")).toMatchObject({ table: "proj.ds.orders", query: null });
    expect(byName(shop.dataSources, "pg_orders")).toMatchObject({
      table: null,
      query: "SELECT 1",
      description: "from postgres",
      owner: "cy@shop.io",
      fieldMapping: { amt: "total" },
    });
    expect(byName(shop.dataSources, "kafka_orders")).toMatchObject({ batchSource: "bq_orders" });
    expect(byName(shop.dataSources, "orders_push")).toMatchObject({ batchSource: "orders_csv" });
    expect(byName(shop.dataSources, "orders_csv")).toMatchObject({ path: "s3://bucket/orders.csv", format: "csv" });
  });

  it("keeps an on-demand view without a UDF, with a null transformation", () => {
    expect(shop.onDemandFeatureViews).toEqual([
      {
        kind: "onDemandFeatureView",
        name: "odfv",
        description: "doubles",
        owner: "",
        tags: {},
        sources: [],
        schema: [{ name: "double_total", dtype: "Float64", description: "", tags: {} }],
        transformation: null,
        mode: "python",
      },
    ]);
  });

  it("decodes projections with alias and join key map", () => {
    expect(shop.featureServices[0]?.projections).toEqual([
      { view: "orders", alias: "o", features: ["total"], joinKeyMap: { customer_id: "buyer_id" } },
    ]);
  });

  it("gives objects without a project to the only project, else to 'default'", () => {
    const entity = msg(1, msg(1, str(1, "loose")));
    const withProject = decodeFeastRegistry(concat(entity, msg(15, str(1, "solo"), str(2, "uuid"))));
    expect(withProject.map((r) => [r.project.name, r.entities.map((e) => e.name)])).toEqual([["solo", ["loose"]]]);
    expect(decodeFeastRegistry(entity).map((r) => r.project.name)).toEqual(["default"]);
  });

  it("reports malformed nested messages as an invalid registry, not a crash", () => {
    // A feature view whose spec claims 50 bytes but holds 2.
    const broken = msg(6, concat(tag(1, 2), varint(50), Uint8Array.of(1, 2)));
    expectInvalidRegistry(broken, /field 1 claims 50 bytes/);
    // The offset points into the file even when the bytes are a view into a larger buffer.
    const padded = concat(new Uint8Array(7), broken).subarray(7);
    const error = catchError(() => decodeFeastRegistry(padded));
    expect((error as PantryError).details.offset).toBe(2);
    expect((error as PantryError).message).toContain("at byte 2");
  });
});
