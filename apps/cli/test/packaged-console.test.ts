import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { packagedConsoleDir, rewriteBasePath, SUBPATH_PLACEHOLDER } from "../src/packaged-console";

const ROOT = resolve(import.meta.dirname, "..", "..", "..");

describe("the packaged console's base path rewrite", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it("uses the placeholder the release build bakes in", () => {
    expect(readFileSync(join(ROOT, "scripts", "release", "build.mjs"), "utf8")).toContain(`basePath: "${SUBPATH_PLACEHOLDER}"`);
  });

  it("replaces plain and regex-escaped occurrences", () => {
    expect(rewriteBasePath(`{"basePath":"${SUBPATH_PLACEHOLDER}","x":"${SUBPATH_PLACEHOLDER}/_next/static/a.js"}`, "/ml/features")).toBe(
      '{"basePath":"/ml/features","x":"/ml/features/_next/static/a.js"}',
    );
    // As route manifests (JSON) and regex literals write them.
    expect(rewriteBasePath(String.raw`"^\\/__pantry_base_path__(?:\\/)?$"`, "/ml/features")).toBe(
      String.raw`"^\\/ml\/features(?:\\/)?$"`,
    );
    expect(new RegExp(JSON.parse(rewriteBasePath(String.raw`"^\\/__pantry_base_path__(?:\\/)?$"`, "/ml/features"))).test("/ml/features/")).toBe(true);
    expect(rewriteBasePath(String.raw`/^\/__pantry_base_path__\/x/`, "/a/b")).toBe(String.raw`/^\/a\/b\/x/`);
    expect(rewriteBasePath("nothing here", "/a")).toBe("nothing here");
  });

  it("makes the copy once per base path and build, beside console/", () => {
    const pkg = mkdtempSync(join(tmpdir(), "pantry-pkg-"));
    dirs.push(pkg);
    writeFileSync(join(pkg, "package.json"), '{"version":"9.9.9"}');
    const sub = join(pkg, "console-subpath");
    mkdirSync(join(sub, ".next-release-subpath", "static", "css"), { recursive: true });
    writeFileSync(join(sub, "server.js"), `const config = {"basePath":"${SUBPATH_PLACEHOLDER}"};`);
    writeFileSync(join(sub, ".next-release-subpath", "BUILD_ID"), "b1");
    writeFileSync(join(sub, ".next-release-subpath", "static", "css", "a.css"), `url(${SUBPATH_PLACEHOLDER}/_next/static/media/f.woff2)`);
    writeFileSync(join(sub, "logo.png"), "__pantry_base_path__ binary stays");

    expect(packagedConsoleDir(pkg, "")).toBe(join(pkg, "console"));
    const dir = packagedConsoleDir(pkg, "/features");
    expect(dir).toBe(join(pkg, "console-features"));
    expect(readFileSync(join(dir, "server.js"), "utf8")).toBe('const config = {"basePath":"/features"};');
    expect(readFileSync(join(dir, ".next-release-subpath", "static", "css", "a.css"), "utf8")).toBe(
      "url(/features/_next/static/media/f.woff2)",
    );
    expect(readFileSync(join(dir, "logo.png"), "utf8")).toBe("__pantry_base_path__ binary stays");
    // Reused while the build is the same; made again for a new build.
    writeFileSync(join(dir, "server.js"), "touched");
    expect(readFileSync(join(packagedConsoleDir(pkg, "/features"), "server.js"), "utf8")).toBe("touched");
    writeFileSync(join(sub, ".next-release-subpath", "BUILD_ID"), "b2");
    expect(readFileSync(join(packagedConsoleDir(pkg, "/features"), "server.js"), "utf8")).toContain("/features");
  });

  it("says what to do when the package has no sub-path build", () => {
    const pkg = mkdtempSync(join(tmpdir(), "pantry-pkg-"));
    dirs.push(pkg);
    expect(() => packagedConsoleDir(pkg, "/features")).toThrow(/no sub-path console.*reinstall the package/);
  });
});
