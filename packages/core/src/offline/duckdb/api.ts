/**
 * @duckdb/node-api, loaded on first use: a verb that never reads offline data (`apply` of a repo
 * without file checks, `feature-views list`, `serve` of the online store) does not load DuckDB's
 * native library (about a second of start-up on these machines). The require is built at run time,
 * so no bundler (esbuild for the packages, Turbopack for the console) pulls DuckDB in eagerly.
 */
import type * as DuckDBApi from "@duckdb/node-api";

let api: typeof DuckDBApi | undefined;

export function duckdb(): typeof DuckDBApi {
  if (!api) {
    const load = process.getBuiltinModule("node:module").createRequire(import.meta.url);
    api = load("@duckdb/node-api") as typeof DuckDBApi;
  }
  return api;
}
