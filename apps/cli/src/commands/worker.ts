/**
 * `pantry worker [--concurrency n]`: takes this repo's materialization partitions from the queue
 * of batch_engine {type: queue} (docs/PRODUCTION.md, "Workers") until SIGTERM/SIGINT. Prints one
 * line per partition; the work itself is core's (startMaterializationWorker).
 */
import type { Command } from "commander";
import type { MaterializationWorkerEvent } from "@pantry/core";
import { PantryError } from "@pantry/core/shared";
import { openStore } from "../context";
import { color } from "../output";
import { untilStopped } from "../shutdown";

export function register(program: Command): void {
  program
    .command("worker")
    .description("take materialization partitions from the job queue (batch_engine: {type: queue}) and write them")
    .option("--concurrency <n>", "partitions this process works on at once", "1")
    .action(async (raw: { concurrency: string }, command: Command) => {
      const concurrency = Number(raw.concurrency);
      if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) {
        throw new PantryError(
          "INVALID_ARGUMENT",
          `--concurrency must be a whole number from 1 to 64 (got '${raw.concurrency}')`,
        );
      }
      const store = await openStore(command);
      let worker: Awaited<ReturnType<typeof store.startMaterializationWorker>>;
      try {
        worker = await store.startMaterializationWorker({ concurrency, onEvent: print });
      } catch (error) {
        await store.close();
        throw error;
      }
      // SIGTERM/SIGINT: take no new partition, finish the running ones (or exit after the timeout:
      // a partition left behind goes back on the queue after the visibility timeout).
      await untilStopped("worker", async () => {
        await worker.close();
        await store.close();
      });
      process.stdout.write("Worker stopped.\n");
      process.exit(0);
    });
}

function print(event: MaterializationWorkerEvent): void {
  const at = new Date().toISOString();
  switch (event.type) {
    case "ready":
      process.stdout.write(
        `Pantry worker ${event.worker} on queue '${event.queue}', ${event.concurrency} partition(s) at a time\n`,
      );
      return;
    case "started":
      process.stdout.write(
        `${at} started  ${event.task.view} partition ${event.task.partition + 1}/${event.task.partitions} of job ${event.task.jobId}${event.attempt > 1 ? ` (attempt ${event.attempt})` : ""}\n`,
      );
      return;
    case "finished":
      process.stdout.write(
        `${at} finished ${event.task.view} partition ${event.task.partition + 1}/${event.task.partitions} of job ${event.task.jobId}: ${event.rows.rowsWritten.toLocaleString("en-US")} rows in ${(event.ms / 1000).toFixed(1)} s\n`,
      );
      return;
    case "failed": {
      const stopped = event.error.startsWith("[CANCELLED] ");
      process.stderr.write(
        `${at} ${stopped ? color.yellow("stopped") : color.red("failed")}  ${event.task.view} partition ${event.task.partition + 1}/${event.task.partitions} of job ${event.task.jobId}: ${event.error.replace(/^\[[A-Z_]+\] /, "")}\n`,
      );
      return;
    }
    case "error":
      process.stderr.write(`${at} ${color.yellow("queue error")}: ${event.error}\n`);
      return;
  }
}
