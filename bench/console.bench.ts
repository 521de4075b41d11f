/**
 * The console's speed in a real browser (Debian's Chromium through Playwright), on the example
 * repos, beside a static page served by node:http in the same browser and run (the floor: what
 * the browser itself needs to paint anything):
 *   - first contentful paint of a catalog page (the feature views list), cold: a new browser
 *     context per load (no cache, no cookies)              goal <= 0.5 s
 *   - in-app navigation: from the list to a feature view and back, click to the page's heading
 *     visible (client-side routing, data fetched over tRPC)  goal <= 100 ms
 * It needs a production build of the console: the npm-installed package's prebuilt one
 * (`PANTRY_BENCH_INSTALL=<folder with the tarballs installed>`, as `pnpm bench startup`), or the
 * monorepo's (`pnpm --filter @pantry/web build`, then `pantry ui` serves apps/web/.next).
 * `npx tsx bench/console.bench.ts [--runs 7]`.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { createRequire } from "node:module";
import { cpus, loadavg, tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "..");
const at = process.argv.indexOf("--runs");
const RUNS = at === -1 ? 7 : Number(process.argv[at + 1]);
const FCP_GOAL_S = 0.5;
const NAV_GOAL_MS = 100;
const REPO = "model_a_features";
const LIST = `/projects/${REPO}/feature-views`;
const VIEW = "driver_hourly_stats";

type Browser = import("@playwright/test").Browser;
type Page = import("@playwright/test").Page;

const requireFromE2e = createRequire(join(ROOT, "e2e", "package.json"));
const { chromium } = requireFromE2e("@playwright/test") as typeof import("@playwright/test");

function cli(): string[] {
  const installed = process.env.PANTRY_BENCH_INSTALL;
  if (installed) return [join(resolve(installed), "node_modules", ".bin", "pantry")];
  if (!existsSync(join(ROOT, "apps", "web", ".next", "BUILD_ID"))) {
    throw new Error(
      "no production build of the console: run `pnpm --filter @pantry/web build`, or set PANTRY_BENCH_INSTALL to a folder where the pantry tarballs are npm-installed",
    );
  }
  return ["node", join(ROOT, "apps", "cli", "bin", "pantry.mjs")];
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => done(typeof address === "object" && address ? address.port : 0));
    });
  });
}

async function waitForHttp(url: string, child: ChildProcess, seconds: number): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the console exited with ${child.exitCode}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the console did not answer ${url} within ${seconds} s`);
}

/** The floor: a static page of about the same text, from node:http. */
function staticServer(): Promise<{ server: Server; url: string }> {
  const rows = Array.from({ length: 20 }, (_, i) => `<tr><td>view_${i}</td><td>driver</td><td>10</td></tr>`).join("");
  const html = `<!doctype html><html><head><title>static</title></head><body><h1>Feature views</h1><table>${rows}</table></body></html>`;
  const server = createServer((_, res) => {
    res.writeHead(200, { "content-type": "text/html", "content-length": Buffer.byteLength(html) });
    res.end(html);
  });
  return new Promise((done) =>
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      done({ server, url: `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/` });
    }),
  );
}

/** Cold load in a fresh context: FCP and the time until the page's heading is visible (ms). */
async function coldLoad(browser: Browser, url: string, heading: string): Promise<{ fcp: number; ready: number }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await page.goto(url, { waitUntil: "commit" });
    await page.getByRole("heading", { level: 1, name: heading }).first().waitFor({ state: "visible" });
    const ready = await page.evaluate(() => performance.now());
    const fcp = await page.evaluate(
      () =>
        new Promise<number>((done) => {
          const entry = performance.getEntriesByName("first-contentful-paint")[0];
          if (entry) return done(entry.startTime);
          new PerformanceObserver((list) => done(list.getEntries()[0]?.startTime ?? -1)).observe({
            type: "paint",
            buffered: true,
          });
        }),
    );
    return { fcp, ready };
  } finally {
    await context.close();
  }
}

/** Client-side navigations list -> view -> list, click to heading visible (ms each). */
async function navigations(page: Page, count: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    let started = performance.now();
    await page.getByRole("link", { name: VIEW, exact: true }).first().click();
    await page.getByRole("heading", { level: 1, name: new RegExp(VIEW) }).waitFor({ state: "visible" });
    times.push(performance.now() - started);
    started = performance.now();
    await page
      .getByRole("navigation", { name: "Catalog" })
      .getByRole("link", { name: /Feature views/ })
      .click();
    await page.getByRole("heading", { level: 1, name: "Feature views" }).waitFor({ state: "visible" });
    times.push(performance.now() - started);
  }
  return times;
}

const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
const median = (values: number[]) => sorted(values)[Math.floor(values.length / 2)] ?? 0;
const p90 = (values: number[]) => sorted(values)[Math.min(values.length - 1, Math.floor(values.length * 0.9))] ?? 0;

const work = mkdtempSync(join(tmpdir(), "pantry-bench-console-"));
let consoleProcess: ChildProcess | null = null;
let browser: Browser | null = null;
let floor: { server: Server; url: string } | null = null;
try {
  for (const repo of ["model_a_features", "model_b_features", "credit_scoring"]) {
    cpSync(join(ROOT, "feature_store", repo), join(work, repo), {
      recursive: true,
      filter: (source) => !/\.db(-journal|-wal|-shm)?$/.test(basename(source)),
    });
  }
  const command = cli();
  for (const repo of ["model_a_features", "model_b_features", "credit_scoring"]) {
    const applied = spawnSync(command[0] as string, [...command.slice(1), "apply"], {
      cwd: join(work, repo),
      encoding: "utf8",
    });
    if (applied.status !== 0) throw new Error(`pantry apply in ${repo} failed: ${applied.stderr}`);
  }
  const port = await freePort();
  consoleProcess = spawn(
    command[0] as string,
    [...command.slice(1), "ui", "--workspace", work, "--port", String(port)],
    {
      cwd: work,
      stdio: ["ignore", "ignore", "inherit"],
      env: { ...process.env, PANTRY_SCHEDULER: "off" },
      detached: true,
    },
  );
  const base = `http://127.0.0.1:${port}`;
  await waitForHttp(`${base}/`, consoleProcess, 120);
  floor = await staticServer();
  browser = await chromium.launch({
    executablePath: process.env.PANTRY_CHROMIUM ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
  // Warm the server (Next compiles nothing in production, but the first request loads the registry).
  await coldLoad(browser, `${base}${LIST}`, "Feature views");
  const staticLoads: { fcp: number; ready: number }[] = [];
  const consoleLoads: { fcp: number; ready: number }[] = [];
  for (let i = 0; i < RUNS; i++) {
    staticLoads.push(await coldLoad(browser, floor.url, "Feature views"));
    consoleLoads.push(await coldLoad(browser, `${base}${LIST}`, "Feature views"));
  }
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${base}${LIST}`);
  await page.getByRole("heading", { level: 1, name: "Feature views" }).waitFor({ state: "visible" });
  await navigations(page, 1); // warm-up: each route's JS chunk is fetched once
  const nav = await navigations(page, RUNS);
  await context.close();

  const fcp = median(consoleLoads.map((l) => l.fcp));
  console.log(
    `load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(
        " ",
      )} on ${cpus().length} cores (other work on this machine slows every figure); ${RUNS} runs each, medians (p90)`,
  );
  console.log(
    `console: ${process.env.PANTRY_BENCH_INSTALL ? "installed package (prebuilt standalone)" : "apps/web/.next"}; page ${LIST}`,
  );
  console.log(`what                                   console ms       static page ms   ratio   goal`);
  const line = (what: string, ours: number[], theirs: number[] | null, goal: string, ok: boolean) =>
    console.log(
      `${what.padEnd(38)} ${`${median(ours).toFixed(0)} (${p90(ours).toFixed(0)})`.padStart(12)}  ${theirs ? `${median(theirs).toFixed(0)} (${p90(theirs).toFixed(0)})`.padStart(15) : "-".padStart(15)}  ${theirs ? (median(ours) / median(theirs)).toFixed(2).padStart(6) : "     -"}   ${goal} ${ok ? "ok" : "MISSED"}`,
    );
  line(
    "first contentful paint (cold)",
    consoleLoads.map((l) => l.fcp),
    staticLoads.map((l) => l.fcp),
    `<= ${FCP_GOAL_S * 1000}`,
    fcp <= FCP_GOAL_S * 1000,
  );
  line(
    "heading visible (cold)",
    consoleLoads.map((l) => l.ready),
    staticLoads.map((l) => l.ready),
    "(no goal)",
    true,
  );
  line("in-app navigation, click to heading", nav, null, `<= ${NAV_GOAL_MS}`, median(nav) <= NAV_GOAL_MS);
} finally {
  await browser?.close();
  floor?.server.close();
  if (consoleProcess?.pid && consoleProcess.exitCode === null) {
    try {
      process.kill(-consoleProcess.pid, "SIGTERM");
    } catch {
      consoleProcess.kill("SIGTERM");
    }
  }
  rmSync(work, { recursive: true, force: true });
}
