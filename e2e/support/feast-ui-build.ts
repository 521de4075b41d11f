/**
 * Builds the page that runs Feast's web UI (@feast-dev/feast-ui, from npm) with esbuild, once:
 * the bundle is cached under e2e/.cache/feast-ui, keyed by the package's version and the entry
 * file, so later runs reuse it (a build takes some seconds; the package needs no network).
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { Plugin } from "esbuild";
import { e2eDir } from "./paths";

const require = createRequire(import.meta.url);

/**
 * EUI loads each icon with `import('./assets/' + name)`, a pattern webpack resolves and esbuild
 * only resolves with the file extension in it: add it, so esbuild bundles the icon files.
 */
const euiIcons: Plugin = {
  name: "eui-icons",
  setup(build) {
    build.onLoad({ filter: /[\\/]@elastic[\\/]eui[\\/]es[\\/]components[\\/]icon[\\/]icon\.js$/ }, (args) => ({
      contents: readFileSync(args.path, "utf8").replace(
        "'./assets/' + typeToPathMap[iconType])",
        "'./assets/' + typeToPathMap[iconType] + '.js')",
      ),
      loader: "js",
    }));
  },
};

export async function buildFeastUi(): Promise<string> {
  const entry = join(e2eDir, "feast-ui", "main.jsx");
  const version = (require("@feast-dev/feast-ui/package.json") as { version: string }).version;
  const key = createHash("sha256")
    .update(version)
    .update(readFileSync(entry))
    .update(readFileSync(new URL(import.meta.url)))
    .digest("hex")
    .slice(0, 16);
  const out = join(e2eDir, ".cache", "feast-ui");
  const stamp = join(out, "build-key");
  if (existsSync(stamp) && readFileSync(stamp, "utf8") === key) return out;
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const { build } = await import("esbuild");
  await build({
    entryPoints: [entry],
    bundle: true,
    outdir: out,
    entryNames: "app",
    format: "esm",
    minify: true,
    sourcemap: false,
    logLevel: "warning",
    define: { "process.env.NODE_ENV": '"production"', global: "globalThis" },
    // Some of the UI's dependencies read `process.env.X` in the browser (a CRA build provides it).
    banner: { js: 'globalThis.process ??= { env: { NODE_ENV: "production" } };' },
    plugins: [euiIcons],
    loader: {
      ".js": "jsx",
      ".svg": "file",
      ".png": "file",
      ".woff": "file",
      ".woff2": "file",
      ".ttf": "file",
      ".eot": "file",
    },
  });
  writeFileSync(
    join(out, "index.html"),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Feast</title><link rel="stylesheet" href="/app.css"></head><body><div id="root"></div><script type="module" src="/app.js"></script></body></html>`,
  );
  writeFileSync(stamp, key);
  return out;
}
