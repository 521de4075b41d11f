/**
 * A package loaded on first use instead of at import time: the stores' drivers (ioredis, pg) and
 * DuckDB cost hundreds of milliseconds to load, and most verbs use none or one of them. The
 * require is built at run time, so no bundler (esbuild for the packages, Turbopack for the
 * console) pulls the package in eagerly; the packages named here are CommonJS.
 */
export function lazyRequire<T>(name: string, from: string): () => T {
  let loaded: T | undefined;
  return () => {
    if (loaded === undefined) loaded = process.getBuiltinModule("node:module").createRequire(from)(name) as T;
    return loaded;
  };
}
