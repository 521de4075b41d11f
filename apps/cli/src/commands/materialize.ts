/**
 * `pantry materialize <start> <end>`, `pantry materialize-incremental <end>` (Feast's verbs),
 * `pantry materialize-cancel <job>`: parse, run the engine, draw progress, print a summary.
 * Ctrl-C cancels the running job (recorded as cancelled; unfinished views keep no interval).
 */
import type { Command } from "commander";
import type { FeatureStore, MaterializationProgress, MaterializationResult } from "@pantry/core";
import { PantryError, parseTimestampArgument } from "@pantry/core/shared";
import { withStore } from "../context";
import { color, printJson, printTable } from "../output";

export interface MaterializeCommandOptions {
  /** ISO timestamps as typed; naive = UTC. */
  start?: string;
  end: string;
  views?: string[];
  incremental: boolean;
  json?: boolean;
  signal?: AbortSignal;
}

export async function runMaterializeCommand(
  store: FeatureStore,
  options: MaterializeCommandOptions,
): Promise<MaterializationResult> {
  const end = parseTimestampArgument(options.end, "end");
  const start = options.incremental ? null : parseTimestampArgument(options.start ?? "", "start");
  const bar = options.json ? null : new ProgressBar(process.stderr);
  try {
    const run = {
      views: options.views,
      trigger: "cli",
      signal: options.signal,
      onProgress: bar ? (p: MaterializationProgress) => bar.update(p) : undefined,
      onJobCreated: bar ? (id: string) => bar.note(`Materialization job ${id} (Ctrl-C cancels it)`) : undefined,
    };
    const result = start ? await store.materialize(start, end, run) : await store.materializeIncremental(end, run);
    bar?.done();
    if (options.json) printJson(result);
    else printSummary(store.project, result);
    return result;
  } catch (error) {
    bar?.done();
    throw error;
  }
}

function printSummary(project: string, result: MaterializationResult): void {
  const seconds = result.durationMs / 1000;
  printTable(
    ["VIEW", "WINDOW", "READ", "WRITTEN", "STATUS"],
    result.views.map((v) => [
      v.name,
      `${v.start ? v.start.toISOString() : "(all)"} .. ${v.end.toISOString()}`,
      v.rowsRead.toLocaleString("en-US"),
      v.rowsWritten.toLocaleString("en-US"),
      v.status === "skipped" ? color.dim("up to date") : color.green(v.status),
    ]),
  );
  for (const warning of result.warnings) process.stdout.write(`${color.yellow("Warning")}: ${warning}\n`);
  const rate = seconds > 0 ? ` (${Math.round(result.rowsRead / seconds).toLocaleString("en-US")} rows/s)` : "";
  process.stdout.write(
    `${color.green("Materialized")} project '${project}': ${result.rowsWritten.toLocaleString("en-US")} rows written of ${result.rowsRead.toLocaleString("en-US")} read in ${seconds.toFixed(1)} s${rate}; job ${result.jobId}\n`,
  );
}

/** One redrawn line on a TTY (bar, %, rows, rate, view); on a pipe, one line per view started. */
export class ProgressBar {
  private lastDraw = 0;
  private lastView: string | null = null;
  private lastNote: string | null = null;
  private drawn = false;

  constructor(private readonly stream: NodeJS.WriteStream) {}

  note(text: string): void {
    this.clear();
    this.stream.write(`${text}\n`);
  }

  update(progress: MaterializationProgress): void {
    if (progress.note && progress.note !== this.lastNote) this.note(progress.note);
    this.lastNote = progress.note ?? null;
    if (!this.stream.isTTY) {
      if (progress.view && progress.view !== this.lastView)
        this.stream.write(`materializing ${progress.view} (${progress.viewIndex + 1}/${progress.viewCount})\n`);
      this.lastView = progress.view;
      return;
    }
    const now = Date.now();
    if (now - this.lastDraw < 100 && progress.phase === "writing") return;
    this.lastDraw = now;
    this.stream.write(`\r${renderProgressLine(progress, this.stream.columns || 100)}\u001b[K`);
    this.drawn = true;
  }

  done(): void {
    this.clear();
  }

  private clear(): void {
    if (this.drawn) this.stream.write("\r\u001b[K");
    this.drawn = false;
  }
}

export function renderProgressLine(progress: MaterializationProgress, columns: number): string {
  if (progress.phase === "validating") return "checking the sources against the views...";
  const total = progress.totalRows ?? 0;
  const fraction = total > 0 ? Math.min(1, progress.rowsRead / total) : progress.phase === "done" ? 1 : 0;
  const seconds = progress.elapsedMs / 1000;
  const rate = seconds > 0 ? Math.round(progress.rowsRead / seconds) : 0;
  const view = progress.view ? ` ${progress.view} (${progress.viewIndex + 1}/${progress.viewCount})` : "";
  const text = ` ${(fraction * 100).toFixed(0).padStart(3)}% ${progress.rowsRead.toLocaleString("en-US")}/${total.toLocaleString("en-US")} rows ${rate.toLocaleString("en-US")} rows/s${view}`;
  const width = Math.max(10, Math.min(40, columns - text.length - 3));
  const filled = Math.round(fraction * width);
  return `[${"=".repeat(filled)}${" ".repeat(width - filled)}]${text}`.slice(0, Math.max(20, columns - 1));
}

function viewList(value: string, previous: string[] = []): string[] {
  return [
    ...previous,
    ...value
      .split(",")
      .map((v) => v.trim())
      .filter(Boolean),
  ];
}

/** Ctrl-C once: cancel the job cleanly; twice: leave now. */
function cancelOnInterrupt(): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const onInterrupt = () => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write("\nCancelling the materialization job (Ctrl-C again to quit at once)...\n");
    controller.abort();
  };
  process.on("SIGINT", onInterrupt);
  return { signal: controller.signal, dispose: () => process.off("SIGINT", onInterrupt) };
}

export function register(program: Command): void {
  program
    .command("materialize")
    .description("load the latest feature values with START <= event time <= END into the online store")
    .argument("<start>", "ISO 8601 start (naive = UTC), e.g. 2024-01-01T00:00:00")
    .argument("<end>", "ISO 8601 end, e.g. 2024-01-31T00:00:00")
    .option("-v, --views <names>", "only these feature views (comma-separated, repeatable)", viewList)
    .option("--json", "print the result as JSON")
    .action(async (start: string, end: string, options: { views?: string[]; json?: boolean }, command: Command) => {
      const interrupt = cancelOnInterrupt();
      try {
        await withStore(command, (store) =>
          runMaterializeCommand(store, { start, end, incremental: false, ...options, signal: interrupt.signal }),
        );
      } finally {
        interrupt.dispose();
      }
    });

  program
    .command("materialize-incremental")
    .description("materialize each online view from the end of its last run (first run: now - ttl) up to END")
    .argument("<end>", "ISO 8601 end, e.g. $(date -u +%Y-%m-%dT%H:%M:%S)")
    .option("-v, --views <names>", "only these feature views (comma-separated, repeatable)", viewList)
    .option("--json", "print the result as JSON")
    .action(async (end: string, options: { views?: string[]; json?: boolean }, command: Command) => {
      const interrupt = cancelOnInterrupt();
      try {
        await withStore(command, (store) =>
          runMaterializeCommand(store, { end, incremental: true, ...options, signal: interrupt.signal }),
        );
      } finally {
        interrupt.dispose();
      }
    });

  program
    .command("materialize-cancel")
    .description("ask a running materialization job to stop (it records no interval for unfinished views)")
    .argument("<job_id>", "the job id printed when the job started")
    .action(async (jobId: string, _options: unknown, command: Command) => {
      await withStore(command, async (store) => {
        const { cancelRequested: flagged, job } = await store.cancelJob(jobId);
        if (!job)
          throw new PantryError(
            "NOT_FOUND",
            `no materialization job ${jobId} in the registry at ${(await store.registry()).describeLocation()}`,
          );
        if (flagged) process.stdout.write(`Cancel requested for job ${jobId}; it stops at its next batch.\n`);
        else process.stdout.write(`Job ${jobId} is ${job.status}; nothing to cancel.\n`);
      });
    });
}
