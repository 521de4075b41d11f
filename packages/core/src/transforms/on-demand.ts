/**
 * On-demand views store their transformation as source text (a row-wise function). It is
 * compiled once per registry load, never per request. The text is the function alone: it cannot
 * see the imports of the file it was written in, which is why the SDK asks for a self-contained
 * `(row) => ({...})`.
 */
import { elementDtype, isArrayDtype } from "../definitions/dtype";
import type { FieldSpec, OnDemandFeatureViewSpec } from "../definitions/types";
import { PantryError } from "../errors";
import { describeValue, dtypeWord, fitsDtype } from "./value-checks";

export type RowTransform = (row: Record<string, unknown>) => Record<string, unknown>;

export type CompiledTransform = { ok: true; transform: RowTransform } | { ok: false; problem: string };

export function compileTransformation(view: OnDemandFeatureViewSpec): CompiledTransform {
  const transformation = view.transformation;
  if (!transformation) {
    return {
      ok: false,
      problem: `on-demand feature view '${view.name}' has no transformation Pantry can run (imported from Feast?)`,
    };
  }
  if (transformation.language !== "typescript") {
    return {
      ok: false,
      problem:
        transformation.language === "python"
          ? `on-demand feature view '${view.name}' has a Python transformation, which Pantry never runs; to serve it, port it to a row-wise TypeScript function: in a Feast repo, write transforms/${view.name}.ts with \`export default (row) => ({ ... })\` and apply again; in a TypeScript repo, pass it as \`transform\``
          : `on-demand feature view '${view.name}' is written in ${transformation.language}; Pantry runs TypeScript transformations only, redefine it with a (row) => ({...}) function`,
    };
  }
  const code = transformation.code.trim();
  // A function expression or arrow function; a method shorthand (`transform(row) {...}`) is
  // not an expression on its own, so it is read back as the single member of an object literal.
  for (const source of [`return (${code});`, `return Object.values({ ${code} })[0];`]) {
    try {
      const compiled: unknown = new Function(`"use strict"; ${source}`)();
      if (typeof compiled === "function") return { ok: true, transform: compiled as RowTransform };
    } catch {
      // try the next reading
    }
  }
  return {
    ok: false,
    problem: `on-demand feature view '${view.name}': its transformation does not compile as a function`,
  };
}

/**
 * Runs a transformation on one row. A throw names the view and the row (`where`: "entity row 3",
 * "row 3 of entities.csv") so the user can find the data that broke their function.
 */
export function runTransformation(
  viewName: string,
  transform: RowTransform,
  row: Record<string, unknown>,
  where: string,
): Record<string, unknown> | null {
  let out: unknown;
  try {
    out = transform(row);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new PantryError("INTERNAL", `on-demand feature view '${viewName}' failed on ${where}: ${reason}`, {
      view: viewName,
    });
  }
  // Anything but an object (undefined, a number) means "no values": every output is null.
  return out !== null && typeof out === "object" ? (out as Record<string, unknown>) : null;
}

/**
 * A transformation's output as its declared dtype, with the checks the write path applies
 * (value-checks.ts): a value of another kind is an error rather than a silently wrong column
 * (the string "1.5" is not a Float64). A number for a timestamp becomes a Date by the write
 * path's rule (epoch seconds, milliseconds when that large); timestamp text is left for the
 * store to parse (naive = UTC, microseconds kept). undefined is null.
 */
export function castOutput(viewName: string, field: FieldSpec, value: unknown, where: string): unknown {
  if (value === null || value === undefined) return null;
  const isTimestamp = elementDtype(field.dtype) === "UnixTimestamp";
  if (!fitsDtype(field.dtype, value) || (isTimestamp && !finiteTimestamps(value))) {
    throw new PantryError(
      "INVALID_ARGUMENT",
      `on-demand feature view '${viewName}' returned ${describeValue(value)} for '${field.name}' on ${where}; '${field.name}' is declared ${field.dtype}, so return ${dtypeWord(field.dtype)} (or null)`,
      { view: viewName, feature: field.name },
    );
  }
  if (!isTimestamp) return value;
  return isArrayDtype(field.dtype) ? (value as unknown[]).map(epochToDate) : epochToDate(value);
}

function finiteTimestamps(value: unknown): boolean {
  const values = Array.isArray(value) ? value : [value];
  return values.every((v) => typeof v !== "number" || Number.isFinite(v));
}

function epochToDate(value: unknown): unknown {
  if (typeof value !== "number") return value;
  return new Date(Math.abs(value) < 1e11 ? value * 1000 : value);
}
