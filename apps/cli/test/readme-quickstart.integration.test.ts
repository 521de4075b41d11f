/**
 * The README's quick start, word for word: its bash block is read from README.md and run line by
 * line in a copy of the example repo (`pnpm pantry` becomes this CLI's bin; `serve` is left out,
 * it never returns). A README that drifts from the CLI fails here, not in a user's terminal.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN } from "./run-cli";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

/** The commands of the first bash block after "## Quick start", continuation lines joined. */
function quickStartCommands(): string[] {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("## Quick start"));
  const block = /```bash\n([\s\S]*?)```/.exec(section)?.[1] ?? "";
  return block
    .replace(/\\\n\s*/g, "")
    .split("\n")
    .map((line) => line.replace(/\s+#.*$/, "").trim())
    .filter((line) => line !== "");
}

describe("README quick start", () => {
  let workdir: string;
  const commands = quickStartCommands();

  beforeAll(() => {
    workdir = mkdtempSync(join(tmpdir(), "pantry-readme-"));
    // A copy without the registry and online store a previous run may have left in the example.
    cpSync(join(ROOT, "feature_store"), join(workdir, "feature_store"), {
      recursive: true,
      filter: (source) => !/\.db(-journal|-wal|-shm)?$/.test(basename(source)),
    });
  });
  afterAll(() => rmSync(workdir, { recursive: true, force: true }));

  it("has the seed's verbs", () => {
    expect(commands[0]).toMatch(/^cd feature_store\//);
    const verbs = commands.map((c) => c.split(" ")[2]);
    expect(verbs).toEqual(expect.arrayContaining(["apply", "materialize-incremental", "get-historical-features"]));
  });

  it("runs every line as written", () => {
    let cwd = workdir;
    for (const command of commands) {
      if (command.startsWith("cd ")) {
        cwd = join(cwd, command.slice(3));
        continue;
      }
      if (/^pnpm pantry serve\b/.test(command)) continue;
      const run = spawnSync("bash", ["-c", command.replace(/^pnpm pantry /, `node ${BIN} `)], {
        cwd,
        encoding: "utf8",
        env: { ...process.env, NO_COLOR: "1" },
      });
      // stderr carries progress lines (materialize); an error would be there too, and exit non-zero.
      expect({ command, code: run.status, error: /error/i.test(run.stderr) ? run.stderr : "" }).toEqual({
        command,
        code: 0,
        error: "",
      });
    }
  }, 120_000);
});
