/**
 * A package loaded on first use instead of at import time: the stores' drivers (ioredis, pg) and
 * DuckDB cost hundreds of milliseconds to load, and most verbs use none or one of them. The
 * require is built at run time, so no bundler (esbuild for the packages, Turbopack for the
 * console) pulls the package in eagerly; the packages named here are CommonJS.
 * Resolved from the calling module, else from the running program (a bundler may have baked the
 * build machine's path into `import.meta.url`; the console's server.js and the CLI's bin sit in
 * the installed package, whose node_modules hold these packages).
 */
export function lazyRequire<T>(name: string, from: string): () => T {
  let loaded: T | undefined;
  return () => {
    if (loaded !== undefined) return loaded;
    const { createRequire } = process.getBuiltinModule("node:module");
    const bases = [from, process.argv[1] ? `${process.argv[1]}` : null].filter((b): b is string => Boolean(b));
    let lastError: unknown;
    for (const base of bases) {
      try {
        loaded = createRequire(base)(name) as T;
        return loaded;
      } catch (error) {
        if ((error as { code?: string }).code !== "MODULE_NOT_FOUND") throw error;
        lastError = error;
      }
    }
    throw lastError;
  };
}
