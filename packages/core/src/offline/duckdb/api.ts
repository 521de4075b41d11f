/**
 * @duckdb/node-api, loaded on first use: a verb that never reads offline data (`feature-views
 * list`, `serve` of the online store, ...) does not load DuckDB's native library (about half a
 * second of start-up on these machines).
 */
import type * as DuckDBApi from "@duckdb/node-api";
import { lazyRequire } from "../../lazy-require";

export const duckdb = lazyRequire<typeof DuckDBApi>("@duckdb/node-api", import.meta.url);
