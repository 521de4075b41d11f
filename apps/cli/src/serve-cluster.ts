/**
 * `pantry serve --workers <n>`: n feature server processes behind one port (node:cluster). The
 * primary opens nothing (no registry, no store): it forks the workers, each of which runs the
 * ordinary `serve` (its own registry connection, online store client and usage buffer; the
 * registry and the online store are all they share), and it watches them:
 * - worker 1 starts first and the others once it listens, so a bad config or a busy port is one
 *   error, not n, and registry migrations run once before the rest start;
 * - a worker that fails before listening stops the whole server (exit 1); one that dies later is
 *   replaced (the port keeps answering through the others meanwhile);
 * - SIGTERM/SIGINT reach every worker, which drain as a single server does (shutdown.ts); the
 *   primary exits 0 when all of them exited 0, else 1.
 * Schedules run in worker 1 only (PANTRY_SCHEDULER=off in the others).
 */
import cluster, { type Worker } from "node:cluster";
import { availableParallelism } from "node:os";
import { PantryError } from "@pantry/core/shared";
import { color } from "./output";
import { shutdownTimeoutMs } from "./shutdown";

export const MAX_WORKERS = 64;

/** `--workers`: a whole number from 1 to 64, or `auto` (one per core the process may use). */
export function parseWorkers(raw: string | undefined): number {
  const text = (raw ?? "1").trim().toLowerCase();
  if (text === "auto") return Math.max(1, Math.min(MAX_WORKERS, availableParallelism()));
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isInteger(n) || n < 1 || n > MAX_WORKERS)
    throw new PantryError(
      "INVALID_ARGUMENT",
      `--workers must be a whole number from 1 to ${MAX_WORKERS}, or 'auto' (one per core) (got '${raw}')`,
    );
  return n;
}

/** What a worker tells the primary once it listens. */
export interface ServingMessage {
  type: "pantry-serving";
  url: string;
  projects: string;
  warning: string | null;
}

export function isClusterWorker(): boolean {
  return cluster.isWorker;
}

/** In a worker: tell the primary this worker listens (it prints the one start-up line). */
export function reportServing(message: Omit<ServingMessage, "type">): void {
  process.send?.({ type: "pantry-serving", ...message } satisfies ServingMessage);
}

/** Runs the primary until the workers stopped; resolves with the exit code. */
export function runServeCluster(workers: number): Promise<number> {
  return new Promise<number>((resolveExit) => {
    const live = new Map<Worker, number>();
    let stopping = false;
    let stoppingSince = 0;
    let failed = false;
    let announced = false;
    let ready = 0;

    const fork = (index: number): Worker => {
      // Schedules tick in one process only; the others serve.
      const env = index === 0 ? {} : { PANTRY_SCHEDULER: "off" };
      const worker = cluster.fork({ ...env, PANTRY_SERVE_WORKER: String(index + 1) });
      live.set(worker, index);
      let listening = false;
      worker.on("message", (message: ServingMessage) => {
        if (message?.type !== "pantry-serving") return;
        listening = true;
        ready += 1;
        if (announced || stopping) return;
        if (ready === 1) for (let i = 1; i < workers; i++) fork(i);
        if (ready < workers) return;
        // Once every worker listens (the port answers from the first one on).
        announced = true;
        if (message.warning) process.stderr.write(`${color.yellow(message.warning)}\n`);
        process.stdout.write(
          `Pantry feature server for ${message.projects} on ${message.url} with ${workers} workers (POST /get-online-features, GET /health)\n`,
        );
      });
      worker.on("exit", (code, signal) => {
        live.delete(worker);
        if (stopping) {
          if (code !== 0) failed = true;
        } else if (!listening) {
          // It printed its error; a server that cannot start is not retried in a loop.
          failed = true;
          stopAll("SIGTERM");
        } else {
          process.stderr.write(
            `feature server worker ${index + 1} (pid ${worker.process.pid}) exited (${signal ?? `code ${code}`}); starting another\n`,
          );
          fork(index);
        }
        if (live.size === 0) resolveExit(failed ? 1 : 0);
      });
      return worker;
    };

    const stopAll = (signal: NodeJS.Signals) => {
      stopping = true;
      for (const worker of live.keys()) worker.process.kill(signal);
    };

    const onSignal = (signal: NodeJS.Signals) => {
      // Ctrl+C reaches every process of the group at once: a repeat within a second is the same one.
      if (stoppingSince && Date.now() - stoppingSince < 1000) return;
      if (!stoppingSince) {
        stoppingSince = Date.now();
        process.stdout.write(`${signal}: stopping the feature server's ${live.size} workers...\n`);
        // The workers bound their own drain; this only catches one that hangs past it.
        setTimeout(() => {
          process.stderr.write("a feature server worker did not stop in time; killing it\n");
          for (const worker of live.keys()) worker.process.kill("SIGKILL");
        }, shutdownTimeoutMs() + 5000).unref();
      }
      // A second signal is passed on too: the workers then stop at once (exit 1).
      stopAll("SIGTERM");
    };
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
    fork(0);
  });
}
