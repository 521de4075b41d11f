#!/usr/bin/env node
// Builds the two publishable packages into dist/stage/{pantry,sdk}:
//   pantry      the CLI (bin), the engine, the feature server, the console (Next's standalone output)
//   @pantry/sdk definitions, FeatureStore and the retrieval calls, with one bundled .d.ts
// Workspace packages (@pantry/*) are bundled in with esbuild; every npm dependency stays an
// external, pinned dependency of the package (native addons, Prisma's runtime, ...).
// `--skip-console` reuses the console builds of an earlier run (apps/web/.next-release*).
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, chmodSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire, isBuiltin } from "node:module";
import { build } from "esbuild";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const STAGE = join(ROOT, "dist", "stage");
const args = new Set(process.argv.slice(2));
const readJson = (file) => JSON.parse(readFileSync(file, "utf8"));
const VERSION = readJson(join(ROOT, "apps", "cli", "package.json")).version;

/**
 * Packages that are bundled although they come from npm: @prisma/adapter-pg carries a pnpm patch;
 * yaml and commander are plain JavaScript of many small CommonJS files, which Node reads, lexes
 * for their exports and compiles one by one (about 60 ms of every verb's start-up) unless bundled.
 */
const BUNDLED_NPM = new Set(["@prisma/adapter-pg", "yaml", "commander"]);

function packageName(specifier) {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0];
}

/**
 * tree-sitter's Python grammar, read at run time to parse Feast repos' *.py without Python. It is a
 * data file, not an import: each package carries it in dist/ (core looks beside its chunks).
 * web-tree-sitter (the parser runtime and its own .wasm) stays an external dependency.
 */
function copyPythonGrammar(dist) {
  const require = createRequire(join(ROOT, "packages", "core", "package.json"));
  cpSync(require.resolve("tree-sitter-python/tree-sitter-python.wasm"), join(dist, "tree-sitter-python.wasm"));
}

/**
 * Packages the engine loads on first use (core/src/lazy-require.ts), so no import names them:
 * both packages depend on them explicitly.
 */
const LAZY_DEPENDENCIES = ["@duckdb/node-api", "@prisma/client", "@prisma/adapter-better-sqlite3", "better-sqlite3", "pg", "ioredis", "bullmq", "jiti"];

function withLazyDependencies(deps) {
  const all = { ...deps };
  for (const name of LAZY_DEPENDENCIES) {
    all[name] ??= installedVersion(name, join(ROOT, "packages", "core", "src", "index.ts"));
  }
  return Object.fromEntries(Object.entries(all).sort(([a], [b]) => a.localeCompare(b)));
}

/** Bare imports stay external, except the workspace's own packages (and BUNDLED_NPM). */
const externals = {
  name: "pantry-externals",
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (a) => {
      // Node's own modules, also the bare names (`require("process")` in yaml).
      if (a.path.startsWith("node:") || isBuiltin(a.path)) return { path: a.path, external: true };
      const name = packageName(a.path);
      if (name.startsWith("@pantry/") || BUNDLED_NPM.has(name)) return undefined;
      return { path: a.path, external: true };
    });
  },
};

/** The exact installed version of `name` as seen from `fromFile` (walks up node_modules folders). */
function installedVersion(name, fromFile) {
  let dir = dirname(fromFile);
  while (true) {
    const candidate = join(dir, "node_modules", name, "package.json");
    if (existsSync(candidate)) return readJson(candidate).version;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the installed version of ${name} (imported by ${fromFile})`);
    dir = parent;
  }
}

/** Every external npm package the bundle imports, with its exact version. */
function externalDependencies(metafile) {
  const deps = {};
  for (const [input, info] of Object.entries(metafile.inputs)) {
    for (const imported of info.imports) {
      if (!imported.external || isBuiltin(imported.path) || imported.path.startsWith(".")) continue;
      const name = packageName(imported.path);
      const version = installedVersion(name, resolve(ROOT, input));
      if (deps[name] && deps[name] !== version) throw new Error(`two versions of ${name}: ${deps[name]} and ${version}`);
      deps[name] = version;
    }
  }
  return Object.fromEntries(Object.entries(deps).sort(([a], [b]) => a.localeCompare(b)));
}

async function bundle(outdir, entryPoints) {
  const result = await build({
    entryPoints,
    outdir,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    chunkNames: "chunks/[name]-[hash]",
    sourcemap: false,
    minifySyntax: true,
    metafile: true,
    logLevel: "warning",
    plugins: [externals],
    // Bundled CommonJS-style code (Prisma's generated client) may call require().
    banner: { js: 'import { createRequire as __pantryRequire } from "node:module"; const require = __pantryRequire(import.meta.url);' },
  });
  return result.metafile;
}

/**
 * One .d.ts per entry with the workspace's types inlined (dts-bundle-generator). The workspace
 * packages are mapped to their sources, so nothing in the output names a private @pantry/* package.
 */
function declarations(outFile, entry) {
  if (args.has("--no-dts")) return writeFileSync(outFile, "export {};\n");
  const tsconfig = join(STAGE, `tsconfig.${relative(ROOT, entry).replaceAll("/", "_")}.json`);
  const fromStage = (path) => relative(STAGE, join(ROOT, path));
  writeFileSync(
    tsconfig,
    JSON.stringify({
      extends: fromStage("tsconfig.base.json"),
      compilerOptions: {
        baseUrl: fromStage("."),
        paths: {
          "@pantry/core": ["packages/core/src/index.ts"],
          "@pantry/core/definitions": ["packages/core/src/definitions/index.ts"],
          "@pantry/core/shared": ["packages/core/src/shared.ts"],
          "@pantry/db": ["packages/db/src/index.ts"],
        },
      },
      files: [relative(STAGE, entry)],
    }),
  );
  const bin = join(ROOT, "node_modules", ".bin", "dts-bundle-generator");
  execFileSync(bin, ["--silent", "--no-check", "--export-referenced-types=false", "--project", tsconfig, "-o", outFile, entry], {
    cwd: ROOT,
    stdio: ["ignore", "inherit", "inherit"],
  });
  rmSync(tsconfig);
}

const common = {
  version: VERSION,
  type: "module",
  license: "Apache-2.0",
  engines: { node: ">=20.19" },
};

// ---------------------------------------------------------------- @pantry/sdk
async function buildSdk() {
  const out = join(STAGE, "sdk");
  rmSync(out, { recursive: true, force: true });
  const metafile = await bundle(join(out, "dist"), {
    index: join(ROOT, "packages", "sdk", "src", "index.ts"),
    definitions: join(ROOT, "packages", "sdk", "src", "definitions.ts"),
  });
  copyPythonGrammar(join(out, "dist"));
  declarations(join(out, "dist", "index.d.ts"), join(ROOT, "packages", "sdk", "src", "index.ts"));
  declarations(join(out, "dist", "definitions.d.ts"), join(ROOT, "packages", "sdk", "src", "definitions.ts"));
  const pkg = {
    name: "@pantry/sdk",
    ...common,
    description: "Pantry feature store SDK: feature definitions, FeatureStore, offline and online retrieval",
    exports: {
      ".": { types: "./dist/index.d.ts", import: "./dist/index.js" },
      "./definitions": { types: "./dist/definitions.d.ts", import: "./dist/definitions.js" },
      "./package.json": "./package.json",
    },
    types: "./dist/index.d.ts",
    files: ["dist"],
    dependencies: withLazyDependencies(externalDependencies(metafile)),
  };
  writeFileSync(join(out, "package.json"), `${JSON.stringify(pkg, null, 2)}\n`);
  writeFileSync(join(out, "README.md"), "# @pantry/sdk\n\nWhat Pantry feature repos and applications import: `Entity`, `FileSource`, `FeatureView`, `FeatureService`, ... and `FeatureStore` (`getHistoricalFeatures`, `getOnlineFeatures`, `materialize`). The `pantry` package is the CLI.\n");
  return pkg;
}

// ---------------------------------------------------------------- the console (Next standalone)
const WEB = join(ROOT, "apps", "web");
/**
 * Two builds: the root path, and a placeholder base path that `pantry ui --base-path /x` rewrites
 * into the real one on first use, without a build (apps/cli/src/packaged-console.ts).
 */
const CONSOLES = [
  { distDir: ".next-release", basePath: "", target: "console" },
  { distDir: ".next-release-subpath", basePath: "/__pantry_base_path__", target: "console-subpath" },
];

function buildConsole({ distDir, basePath }) {
  if (args.has("--skip-console") && existsSync(join(WEB, distDir, "standalone"))) return;
  process.stdout.write(`Building the console (Next.js standalone output${basePath ? ", sub-path build" : ""})...\n`);
  const result = spawnSync(process.execPath, [join(WEB, "node_modules", "next", "dist", "bin", "next"), "build"], {
    cwd: WEB,
    stdio: "inherit",
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: "1",
      PANTRY_NEXT_STANDALONE: "1",
      PANTRY_NEXT_DIST_DIR: distDir,
      PANTRY_BASE_PATH: basePath,
    },
  });
  if (result.status !== 0) throw new Error("the console build failed");
}

/**
 * Copies the standalone server (server.js + the traced .next) into pantry/console, without its
 * node_modules: npm never packs those; the server's packages (next, react, the engine's native
 * addons) are dependencies of `pantry` and resolve from the install's node_modules.
 */
function stageConsole(out, { distDir: CONSOLE_DIST, target: targetName }) {
  const standalone = join(WEB, CONSOLE_DIST, "standalone");
  const appDir = join(standalone, "apps", "web");
  const target = join(out, targetName);
  const runtimeOnly = (src) => {
    const parts = relative(appDir, src).split("/");
    return !parts.includes("node_modules") && !["src", "test", "README.md", "next.config.ts", "tsconfig.json", "package.json"].includes(parts[0]);
  };
  cpSync(appDir, target, { recursive: true, dereference: true, filter: runtimeOnly });
  writeFileSync(join(target, "package.json"), `${JSON.stringify({ private: true, type: "module" }, null, 2)}\n`);
  cpSync(join(WEB, CONSOLE_DIST, "static"), join(target, CONSOLE_DIST, "static"), { recursive: true });
  if (existsSync(join(WEB, "public"))) cpSync(join(WEB, "public"), join(target, "public"), { recursive: true });
  // Turbopack names the server's external packages `<name>-<hash>` and links them from
  // .next/node_modules; the installed package resolves them by their own names instead.
  const aliases = join(appDir, CONSOLE_DIST, "node_modules");
  const renames = [];
  for (const entry of existsSync(aliases) ? readdirSync(aliases) : []) {
    const names = entry.startsWith("@") ? readdirSync(join(aliases, entry)).map((n) => `${entry}/${n}`) : [entry];
    for (const alias of names) renames.push([alias, alias.replace(/-[0-9a-f]{16}$/, "")]);
  }
  const rewrite = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = join(dir, entry.name);
      if (entry.isDirectory()) rewrite(file);
      else if (entry.name.endsWith(".js")) {
        const text = readFileSync(file, "utf8");
        let next = text;
        for (const [alias, name] of renames) next = next.replaceAll(alias, name);
        if (next !== text) writeFileSync(file, next);
      }
    }
  };
  rewrite(join(target, CONSOLE_DIST, "server"));
  const webPkg = readJson(join(WEB, "package.json"));
  const pick = ["next", "react", "react-dom"];
  return Object.fromEntries(pick.map((name) => [name, webPkg.dependencies[name]]));
}

// ---------------------------------------------------------------- pantry
async function buildPantry() {
  const out = join(STAGE, "pantry");
  rmSync(out, { recursive: true, force: true });
  const metafile = await bundle(join(out, "dist"), {
    cli: join(ROOT, "apps", "cli", "src", "main.ts"),
    index: join(ROOT, "packages", "sdk", "src", "index.ts"),
    definitions: join(ROOT, "packages", "core", "src", "definitions", "index.ts"),
  });
  copyPythonGrammar(join(out, "dist"));
  const cli = join(out, "dist", "cli.js");
  writeFileSync(cli, `#!/usr/bin/env node\n${readFileSync(cli, "utf8")}`);
  chmodSync(cli, 0o755);
  cpSync(join(STAGE, "sdk", "dist", "index.d.ts"), join(out, "dist", "index.d.ts"));
  let consoleDeps = {};
  if (!args.has("--js-only")) {
    for (const consoleBuild of CONSOLES) {
      buildConsole(consoleBuild);
      consoleDeps = stageConsole(out, consoleBuild);
    }
  }
  // The console's server loads the lazy ones at run time too (serverExternalPackages).
  const deps = withLazyDependencies({ ...externalDependencies(metafile), ...consoleDeps });
  const pkg = {
    name: "pantry",
    ...common,
    description: "Pantry feature store: the pantry CLI, the engine, the feature server and the web console",
    bin: { pantry: "./dist/cli.js" },
    exports: {
      ".": { types: "./dist/index.d.ts", import: "./dist/index.js" },
      "./package.json": "./package.json",
    },
    types: "./dist/index.d.ts",
    files: ["dist", "console", "console-subpath"],
    dependencies: Object.fromEntries(Object.entries(deps).sort(([a], [b]) => a.localeCompare(b))),
  };
  writeFileSync(join(out, "package.json"), `${JSON.stringify(pkg, null, 2)}\n`);
  cpSync(join(ROOT, "README.md"), join(out, "README.md"));
  return pkg;
}

mkdirSync(STAGE, { recursive: true });
const sdk = await buildSdk();
const pantry = await buildPantry();
process.stdout.write(`Built ${pantry.name}@${pantry.version} and ${sdk.name}@${sdk.version} in ${relative(ROOT, STAGE)}\n`);
void readdirSync;
