/** Polls DuckDB's query progress while a statement runs (the statement runs off the JS thread). */
import type { DuckDBConnection } from "@duckdb/node-api";
import type { RetrievalProgress } from "../types";

export async function withQueryProgress<T>(
  connection: DuckDBConnection,
  phase: RetrievalProgress["phase"],
  onProgress: ((progress: RetrievalProgress) => void) | undefined,
  run: () => Promise<T>,
): Promise<T> {
  if (!onProgress) return run();
  await connection.run("SET enable_progress_bar = true; SET enable_progress_bar_print = false");
  onProgress({ phase, fraction: 0 });
  const timer = setInterval(() => {
    const { percentage } = connection.progress;
    // -1 until DuckDB has an estimate.
    if (percentage >= 0) onProgress({ phase, fraction: Math.min(1, percentage / 100) });
  }, 250);
  try {
    return await run();
  } finally {
    clearInterval(timer);
  }
}
