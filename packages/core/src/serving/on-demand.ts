/**
 * On-demand views store their transformation as source text (a row-wise function). It is
 * compiled once per registry load, never per request. The text is the function alone: it cannot
 * see the imports of the file it was written in, which is why the SDK asks for a self-contained
 * `(row) => ({...})`.
 */
import type { OnDemandFeatureViewSpec } from "../definitions/types";

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
      problem: `on-demand feature view '${view.name}' is written in ${transformation.language}; Pantry runs TypeScript transformations only, redefine it with a (row) => ({...}) function`,
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
