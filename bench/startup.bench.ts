/**
 * Start-up speed of the `pantry` CLI (`pnpm bench startup`), beside `node -e 0` in the same run:
 *   - `pantry version` and `pantry --help`            goal <= 0.25 s wall
 *   - a 10-row get-historical-features, end to end   goal <= 0.6 s (process start to file written)
 *   - `pantry serve` ready to answer (GET /health)   goal <= 1 s, for each example repo
 * Measured on the BUILT package (dist/pantry-<v>.tgz installed with npm into a temp folder, kept
 * between runs; `pnpm release:pack` first) and on the dev sources (bin/pantry.mjs through tsx).
 * `--skip-dev` leaves the dev sources out; `--runs N` (default 5) runs per figure, the median shown.
 */
import { type ChildProcess, execFileSync, spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";

const ROOT = resolve(import.meta.dirname, "..");
const VERSION = JSON.parse(readFileSync(join(ROOT, "apps/cli/package.json"), "utf8")).version as string;
const TARBALLS = [join(ROOT, "dist", `pantry-${VERSION}.tgz`), join(ROOT, "dist", `pantry-sdk-${VERSION}.tgz`)];
const at = process.argv.indexOf("--runs");
const RUNS = at === -1 ? 5 : Number(process.argv[at + 1]);
const SKIP_DEV = process.argv.includes("--skip-dev");
const REPOS = ["model_a_features", "model_b_features", "credit_scoring"];

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

function timeRun(command: string[], cwd: string): number {
  const started = performance.now();
  const result = spawnSync(command[0] as string, command.slice(1), { cwd, stdio: "ignore", env: { ...process.env, PANTRY_SCHEDULER: "off" } });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`${command.join(" ")} exited ${result.status}`);
  return seconds;
}

function measure(command: string[], cwd: string, before?: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    before?.();
    times.push(timeRun(command, cwd));
  }
  return median(times);
}

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => done(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** Seconds from spawning `pantry serve` to its first 200 on /health. */
async function serveReady(command: string[], cwd: string): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const port = await freePort();
    const started = performance.now();
    const child: ChildProcess = spawn(command[0] as string, [...command.slice(1), "serve", "--port", String(port)], {
      cwd,
      stdio: "ignore",
      env: { ...process.env, PANTRY_SCHEDULER: "off" },
    });
    try {
      while (true) {
        if (child.exitCode !== null) throw new Error(`pantry serve exited ${child.exitCode} in ${cwd}`);
        const ok = await fetch(`http://127.0.0.1:${port}/health`).then((r) => r.ok, () => false);
        if (ok) break;
        if (performance.now() - started > 30_000) throw new Error("pantry serve did not answer in 30 s");
        await new Promise((r) => setTimeout(r, 5));
      }
      times.push((performance.now() - started) / 1000);
    } finally {
      await new Promise<void>((done) => {
        child.once("exit", () => done());
        child.kill("SIGTERM");
      });
    }
  }
  return median(times);
}

/** The built package, installed once per tarball build into the OS temp folder. */
function installedPackage(): string {
  // PANTRY_BENCH_INSTALL=<folder>: a folder where the tarballs are already npm-installed.
  const given = process.env.PANTRY_BENCH_INSTALL;
  if (given) return join(resolve(given), "node_modules", ".bin", "pantry");
  if (!TARBALLS.every(existsSync)) throw new Error("no dist/pantry-*.tgz: run `pnpm release:pack` first");
  const stamp = Math.max(...TARBALLS.map((t) => statSync(t).mtimeMs)).toFixed(0);
  const dir = join(tmpdir(), `pantry-bench-install-${VERSION}-${stamp}`);
  if (!existsSync(join(dir, "node_modules", ".bin", "pantry"))) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "package.json"), '{"name":"bench-install","private":true}\n');
    process.stdout.write("installing the tarballs with npm (once per build)...\n");
    execFileSync("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error", ...TARBALLS], { cwd: dir, stdio: "inherit" });
  }
  return join(dir, "node_modules", ".bin", "pantry");
}

async function tenRowEntityDf(repo: string, out: string): Promise<void> {
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  await connection.run(
    `COPY (SELECT * FROM read_parquet('${join(repo, "data/labels/trip_eta_labels.parquet")}') LIMIT 10) TO '${out}' (FORMAT parquet)`,
  );
  connection.closeSync();
  instance.closeSync();
}

const work = mkdtempSync(join(tmpdir(), "pantry-bench-startup-"));
try {
  for (const repo of REPOS) {
    cpSync(join(ROOT, "feature_store", repo), join(work, repo), {
      recursive: true,
      filter: (source) => !/\.db(-journal|-wal|-shm)?$/.test(basename(source)),
    });
  }
  const entityDf = join(work, "entity10.parquet");
  await tenRowEntityDf(join(work, "model_a_features"), entityDf);

  const variants: { name: string; command: string[] }[] = [{ name: "built package", command: [installedPackage()] }];
  if (!SKIP_DEV) variants.push({ name: "dev sources (tsx)", command: ["node", join(ROOT, "apps/cli/bin/pantry.mjs")] });

  for (const repo of REPOS) timeRun([...(variants[0]?.command ?? []), "apply"], join(work, repo));

  const baseline = measure(["node", "-e", "0"], work);
  const rows: [string, string, number, number | null][] = [["node -e 0", "-", baseline, null]];
  for (const variant of variants) {
    const cmd = variant.command;
    rows.push([`pantry version`, variant.name, measure([...cmd, "version"], work), 0.25]);
    rows.push([`pantry --help`, variant.name, measure([...cmd, "--help"], work), 0.25]);
    const output = join(work, "out.parquet");
    rows.push([
      "get-historical-features (10 rows)",
      variant.name,
      measure(
        [...cmd, "get-historical-features", "--entity-df", entityDf, "--feature-service", "model_a_v1", "--full-feature-names", "--output", output],
        join(work, "model_a_features"),
        () => rmSync(output, { force: true }),
      ),
      0.6,
    ]);
    for (const repo of REPOS) rows.push([`serve ready (${repo})`, variant.name, await serveReady(cmd, join(work, repo)), 1]);
  }

  process.stdout.write(`\nmedian of ${RUNS} runs, wall seconds (node -e 0 = ${baseline.toFixed(3)} s)\n`);
  process.stdout.write(`${"what".padEnd(40)}${"variant".padEnd(20)}${"seconds".padStart(8)}  ${"minus node".padStart(10)}  goal\n`);
  let missed = 0;
  for (const [what, variant, seconds, goal] of rows) {
    const verdict = goal === null ? "" : seconds <= goal ? `<= ${goal} ok` : `<= ${goal} MISSED`;
    if (goal !== null && variant === "built package" && seconds > goal) missed++;
    process.stdout.write(
      `${what.padEnd(40)}${variant.padEnd(20)}${seconds.toFixed(3).padStart(8)}  ${(seconds - baseline).toFixed(3).padStart(10)}  ${verdict}\n`,
    );
  }
  process.stdout.write(missed ? `\n${missed} goal(s) of the built package missed\n` : "\nevery goal of the built package met\n");
} finally {
  rmSync(work, { recursive: true, force: true });
}
