/**
 * Console search on a large catalog (default 5,000 views and 50,000 features in a fresh SQLite
 * registry), through the real tRPC procedure (`search.query`, staleness check included), against
 * a raw SQL LIKE over the Feature table as the baseline.
 * `npx tsx bench/search.bench.ts [--scale 0.1] [--registry path/to/registry.db]`. Without
 * --registry the seeded catalog is kept in the OS temp folder and reused by the next run (seeding
 * 5,000 views takes minutes; searching it is what is measured).
 * Target: p99 under 100 ms at scale 1.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { appRouter } from "../packages/api/src/root";
import { createContext } from "../packages/api/src/context";
import { Registry } from "../packages/core/src/registry/registry";
import { Workspace } from "../packages/core/src/workspace/workspace";
import { seedLargeCatalog } from "../scripts/seed-large-catalog";

const TARGET_P99_MS = 100;
/** 16 queries x 10 rounds: 160 searches, so p99 is not simply the slowest one. */
const ROUNDS = 10;

function scaleArgument(): number {
  const at = process.argv.indexOf("--scale");
  const value = at === -1 ? 1 : Number(process.argv[at + 1]);
  if (!(value > 0)) throw new Error("--scale takes a positive number, e.g. --scale 0.1");
  return value;
}

function registryArgument(): string | null {
  const at = process.argv.indexOf("--registry");
  return at === -1 ? null : resolve(process.argv[at + 1] ?? "");
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** What people type: exact names, prefixes, fragments, tags, owners, words of descriptions, two words. */
const QUERIES: { q: string; tag?: string; kinds?: ("feature" | "featureView")[]; project?: string }[] = [
  { q: "driver" },
  { q: "driver_activity_0" },
  { q: "rate_24h" },
  { q: "card_fraud" },
  { q: "latency" },
  { q: "team:risk" },
  { q: "growth" },
  { q: "hourly" },
  { q: "avg amount" },
  { q: "merchant pricing" },
  { q: "sum_amount_7d", kinds: ["feature"] },
  { q: "zone", tag: "stage:prod" },
  { q: "score", project: "large_catalog_2" },
  { q: "model_3" },
  { q: "xyz_no_match" },
  { q: "session_engagement_4", kinds: ["featureView"] },
];

async function main() {
  const scale = scaleArgument();
  const loadStart = loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");
  const views = Math.round(5000 * scale);
  const root = mkdtempSync(join(tmpdir(), "pantry-search-bench-"));
  try {
    const given = registryArgument();
    const cached = join(tmpdir(), `pantry-search-bench-${views}x10.db`);
    const registryPath = given ?? cached;
    mkdirSync(join(root, "repos", "bench"), { recursive: true });
    writeFileSync(
      join(root, "repos", "bench", "feature_store.yaml"),
      `project: large_catalog_0\nregistry: ${registryPath}\n`,
    );

    if (given || existsSync(cached)) {
      console.log(`catalog: the registry at ${registryPath}, as it is (delete it to seed again)`);
    } else {
      // Seed under another name and rename when complete: an interrupted seed is never reused.
      const partial = join(root, "seeding.db");
      const seeded = await seedLargeCatalog({
        registry: { type: "sqlite", path: partial },
        views,
        featuresPerView: 10,
        projects: 5,
      });
      await (await Registry.open({ type: "sqlite", path: partial })).close();
      copyFileSync(partial, cached);
      console.log(
        `catalog: ${seeded.views} views, ${seeded.features} features in ${seeded.projects.length} projects (seeded in ${seeded.seconds.toFixed(1)} s)`,
      );
    }

    const workspace = new Workspace({ root: join(root, "repos") });
    const caller = appRouter.createCaller(createContext({ workspace }));
    const firstStarted = performance.now();
    await caller.search.query({ q: "warm-up", limit: 20 });
    const first = await caller.search.query({ q: "", kinds: ["feature"], limit: 1 });
    const objects = await caller.search.query({ q: "", kinds: ["featureView"], limit: 1 });
    console.log(
      `first search (loads the registry and builds the index): ${(performance.now() - firstStarted).toFixed(0)} ms; index holds ${objects.total} views, ${first.total} features`,
    );

    const ours: number[] = [];
    // CPU time of this process per search: on a shared machine wall time also counts waiting for a core.
    const oursCpu: number[] = [];
    let hits = 0;
    let slowest = { q: "", ms: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      for (const query of QUERIES) {
        const cpu = process.cpuUsage();
        const started = performance.now();
        const result = await caller.search.query({ ...query, limit: 20 });
        const ms = performance.now() - started;
        ours.push(ms);
        if (ms > slowest.ms) slowest = { q: JSON.stringify(query), ms };
        const used = process.cpuUsage(cpu);
        oursCpu.push((used.user + used.system) / 1000);
        hits += result.hits.length;
      }
    }

    const registry = await Registry.open({ type: "sqlite", path: registryPath });
    const like: number[] = [];
    const likeCount: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      for (const { q } of QUERIES) {
        let started = performance.now();
        await registry.catalog.searchFeaturesByLike(q, 20);
        like.push(performance.now() - started);
        started = performance.now();
        await registry.catalog.countFeaturesByLike(q);
        likeCount.push(performance.now() - started);
      }
    }

    // After a change the next search rebuilds the index: the worst case a user meets.
    await registry.history.recordAudit({
      projectName: "large_catalog_0",
      actor: "bench",
      action: "touch",
      summary: "bench: invalidate the index",
    });
    const rebuildStarted = performance.now();
    await caller.search.query({ q: "driver", limit: 20 });
    const rebuild = performance.now() - rebuildStarted;

    for (const list of [ours, oursCpu, like, likeCount]) list.sort((a, b) => a - b);
    const row = (label: string, list: number[]) =>
      console.log(
        `${label.padEnd(44)} p50 ${percentile(list, 50).toFixed(2).padStart(8)} ms   p99 ${percentile(list, 99).toFixed(2).padStart(8)} ms`,
      );
    console.log(`${ours.length} searches (${QUERIES.length} queries x ${ROUNDS}), ${hits} hits returned`);
    row("search.query (in-memory index, ranked)", ours);
    row("search.query, CPU time", oursCpu);
    console.log(`slowest search: ${slowest.q} ${slowest.ms.toFixed(1)} ms`);
    row("baseline: LIKE on Feature, LIMIT 20", like);
    row("baseline: LIKE on Feature, all matches", likeCount);
    const ratio = (p: number, base: number[]) => (percentile(ours, p) / percentile(base, p)).toFixed(2);
    console.log(
      `ratio ours/LIKE LIMIT 20: p50 ${ratio(50, like)}, p99 ${ratio(99, like)}; ours/LIKE all matches: p50 ${ratio(50, likeCount)}, p99 ${ratio(99, likeCount)}`,
    );
    console.log(`first search after a change (index rebuild): ${rebuild.toFixed(0)} ms`);
    console.log(
      `load average during the run: ${loadStart} -> ${loadavg()
        .map((l) => l.toFixed(1))
        .join(" ")} (on ${cpus().length} cores)`,
    );
    const p99 = percentile(ours, 99);
    const cpuP99 = percentile(oursCpu, 99);
    console.log(
      `target: p99 < ${TARGET_P99_MS} ms${scale === 1 ? "" : " (at scale 1)"}: ${p99 < TARGET_P99_MS ? "met" : "MISSED"}${
        p99 >= TARGET_P99_MS && cpuP99 < TARGET_P99_MS
          ? ` (CPU time p99 ${cpuP99.toFixed(1)} ms: the rest of the wall time is waiting for a core)`
          : ""
      }`,
    );
    if (scale === 1 && p99 >= TARGET_P99_MS) process.exitCode = 1;
    await workspace.close();
    await registry.close();
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

await main();
