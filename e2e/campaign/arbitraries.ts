/**
 * Input generators for the bad-input campaign. Two families, mixed per case:
 *  - shapeOf(schema): follows a procedure's own Zod input schema (objects with its keys, its enums
 *    and literals, arrays where it wants arrays) so that input gets past the first validation and
 *    reaches the engine, but every leaf string is drawn from `hostileString` and every number
 *    from `hostileNumber`;
 *  - junk: any JSON at all (wrong types, deep nesting, huge values).
 * Names that exist in the seeded registry are in the string pool too, so the engine code behind a
 * lookup runs with hostile neighbours rather than stopping at "not found".
 */
import fc from "fast-check";

type Arb = fc.Arbitrary<unknown>;

/** Strings chosen to break parsers, paths, SQL, logs and UIs. */
export const ADVERSARIAL_STRINGS = [
  "",
  " ",
  "../../../../etc/passwd",
  "/etc/passwd",
  "..\\..\\windows\\win.ini",
  "data/../../../etc/shadow",
  "file:///etc/passwd",
  "http://169.254.169.254/latest/meta-data/",
  "s3://bucket/key.parquet",
  "/proc/self/environ",
  "data/*.parquet",
  "**/*",
  'x\'; DROP TABLE "Project"; --',
  "1 OR 1=1",
  "select 1; select 2",
  "read_csv('/etc/passwd')",
  "\u0000",
  "a\u0000b",
  "\u202etxt.exe",
  "𝔭𝔞𝔫𝔱𝔯𝔶",
  "🥫🥫🥫",
  "Ω≈ç√∫",
  "<script>alert(1)</script>",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell-style placeholder, on purpose
  "${HOME}",
  "{{7*7}}",
  "%s%s%s%n",
  "\r\nSet-Cookie: x=1",
  "__proto__",
  "constructor",
  "NaN",
  "-1",
  "9999999999999999999999",
  "1970-01-01T00:00:00Z",
  "5138-01-01T00:00:00Z",
  "not-a-date",
];

export function hostileString(pool: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...ADVERSARIAL_STRINGS) },
    { weight: 3, arbitrary: pool.length > 0 ? fc.constantFrom(...pool) : fc.string() },
    { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
    { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 20 }) },
    { weight: 1, arbitrary: fc.constantFrom(...ADVERSARIAL_STRINGS).map((s) => s.repeat(50)) },
    { weight: 1, arbitrary: fc.nat({ max: 2 }).map((n) => "x".repeat(10 ** (n + 3))) },
  );
}

export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.integer(),
  fc.constantFrom(0, -1, 1, 2 ** 31, -(2 ** 53), Number.MAX_SAFE_INTEGER, 1e308, -1e308, 0.5, 1e-300),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/**
 * JSON nested `depth` levels deep ({"a":{"a":...}} or [[[...]]]), as a value (kept shallow enough
 * for the client's own encoder; see deepJsonText for the really deep ones).
 */
export function deepJson(depth: number, asArray: boolean): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = asArray ? [value] : { a: value };
  return value;
}

export function junk(pool: readonly string[]): Arb {
  return fc.oneof(
    { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
    { weight: 1, arbitrary: fc.constantFrom(null, true, 0, "", [], {}) },
    { weight: 1, arbitrary: fc.constantFrom(20, 100, 200).chain((d) => fc.boolean().map((a) => deepJson(d, a))) },
    { weight: 2, arbitrary: hostileString(pool) },
    { weight: 1, arbitrary: fc.dictionary(hostileString(pool), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 5 }) },
  );
}

interface ZodLike {
  _zod?: { def: Record<string, unknown> & { type: string } };
}

/** Values shaped like `schema` wants, with hostile leaves; `depth` bounds recursion. */
export function shapeOf(schema: unknown, pool: readonly string[], depth = 0): Arb {
  const def = (schema as ZodLike)?._zod?.def;
  if (!def || depth > 8) return junk(pool);
  const inner = (key: string) => shapeOf(def[key], pool, depth + 1);
  switch (def.type) {
    case "object": {
      const shape = (def.shape ?? {}) as Record<string, unknown>;
      const entries = Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, shapeOf(v, pool, depth + 1)]));
      return fc.record(entries, { requiredKeys: [] });
    }
    case "string":
      return hostileString(pool);
    case "number":
    case "int":
      return hostileNumber;
    case "bigint":
      return hostileNumber;
    case "boolean":
      return fc.oneof(fc.boolean(), junk(pool));
    case "date":
      return fc.oneof(fc.date({ noInvalidDate: true }), hostileString(pool));
    case "enum": {
      const values = Object.values((def.entries ?? {}) as Record<string, unknown>);
      return fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...values) },
        { weight: 1, arbitrary: hostileString(pool) },
      );
    }
    case "literal": {
      const values = (def.values ?? []) as unknown[];
      return fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom(...values) },
        { weight: 1, arbitrary: hostileString(pool) },
      );
    }
    case "union": {
      const options = (def.options ?? []) as unknown[];
      return fc.oneof(...options.map((o) => shapeOf(o, pool, depth + 1)));
    }
    case "array":
      return fc.oneof(
        { weight: 4, arbitrary: fc.array(inner("element"), { maxLength: 4 }) },
        // Long lists of short values (long lists of long strings would only measure the client).
        {
          weight: 1,
          arbitrary: fc.array(fc.oneof(fc.constantFrom(...ADVERSARIAL_STRINGS), fc.integer()), {
            minLength: 200,
            maxLength: 2000,
          }),
        },
      );
    case "tuple":
      return fc.tuple(...((def.items ?? []) as unknown[]).map((i) => shapeOf(i, pool, depth + 1)));
    case "record":
      return fc.dictionary(hostileString(pool), inner("valueType"), { maxKeys: 4 });
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "catch":
    case "readonly":
    case "nonoptional":
      return fc.oneof({ weight: 4, arbitrary: inner("innerType") }, { weight: 1, arbitrary: fc.constant(undefined) });
    case "pipe":
      return inner("in");
    case "lazy":
      return typeof def.getter === "function" ? shapeOf((def.getter as () => unknown)(), pool, depth + 1) : junk(pool);
    default:
      return junk(pool);
  }
}

/** A procedure's input: mostly schema-shaped, sometimes anything. */
export function inputFor(schemas: readonly unknown[], pool: readonly string[]): Arb {
  const shaped = schemas.length > 0 ? shapeOf(schemas[schemas.length - 1], pool) : fc.constant(undefined);
  return fc.oneof({ weight: 4, arbitrary: shaped }, { weight: 1, arbitrary: junk(pool) });
}

/** JSON text nested `depth` levels deep, built as text (no encoder could walk it). */
export function deepJsonText(depth: number, asArray: boolean): string {
  return asArray ? `${"[".repeat(depth)}1${"]".repeat(depth)}` : `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;
}
