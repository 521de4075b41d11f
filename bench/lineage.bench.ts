/**
 * The console's lineage layout (apps/web/src/features/lineage/layout.ts), which runs in the browser
 * on every change of the drawn node set: lineage-shaped graphs of 2,000 and 10,000 nodes, against
 * the same layout without crossing reduction (layers and coordinates only) as the baseline.
 * `npx tsx bench/lineage.bench.ts [--scale 0.1]`. Target: 2,000 nodes under 100 ms (median of 5).
 */
import { layoutLineage } from "../apps/web/src/features/lineage/layout";
import { syntheticLineage } from "../apps/web/src/testing/synthetic-lineage";

const TARGET_MS = 100;
const RUNS = 5;

function scaleArgument(): number {
  const at = process.argv.indexOf("--scale");
  const value = at === -1 ? 1 : Number(process.argv[at + 1]);
  if (!(value > 0)) throw new Error("--scale takes a positive number, e.g. --scale 0.1");
  return value;
}

function medianMs(run: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    run();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)] ?? 0;
}

const scale = scaleArgument();
let missed = false;
for (const sources of [750, 3750].map((n) => Math.max(10, Math.round(n * scale)))) {
  const graph = syntheticLineage(sources);
  const layout = layoutLineage(graph);
  const baseline = layoutLineage(graph, { iterations: 0 });
  const ours = medianMs(() => layoutLineage(graph));
  const raw = medianMs(() => layoutLineage(graph, { iterations: 0 }));
  console.log(
    `${graph.nodes.length} nodes, ${graph.edges.length} edges: ${ours.toFixed(1)} ms, ${layout.crossings} crossings` +
      ` (baseline without ordering: ${raw.toFixed(1)} ms, ${baseline.crossings} crossings)`,
  );
  if (sources === 750) {
    console.log(`target: 2,000 nodes < ${TARGET_MS} ms: ${ours < TARGET_MS ? "met" : "MISSED"}`);
    missed = ours >= TARGET_MS;
  }
}
if (scale === 1 && missed) process.exitCode = 1;
