/**
 * POST /materialize and /materialize-incremental (Feast's bodies). The run is synchronous, as in
 * Feast: the answer is the finished job. Specs come from a fresh registry read, not the cached one.
 */
import type { ServerResponse } from "node:http";
import {
  type MaterializationContext,
  type MaterializationResult,
  materialize,
  materializeIncremental,
  PantryError,
  parseTimestampArgument,
} from "@pantry/core";
import { sendJson } from "../http-io";
import { asObject, optionalStringList, requiredString } from "./body-fields";

/** Builds the context for one run (fresh specs from the registry, the offline store). */
export type MaterializationContextSource = () => Promise<MaterializationContext>;

export async function materializeRoute(
  source: MaterializationContextSource | undefined,
  response: ServerResponse,
  body: unknown,
  incremental: boolean,
): Promise<void> {
  if (!source)
    throw new PantryError(
      "FAILED_PRECONDITION",
      "this feature server was started without an offline store; materialize with the CLI",
    );
  const fields = asObject(body, incremental ? "POST /materialize-incremental" : "POST /materialize");
  const end = parseTimestampArgument(requiredString(fields, "end_ts"), "end_ts");
  const views = optionalStringList(fields, "feature_views");
  const context = await source();
  const result = incremental
    ? await materializeIncremental(context, { end, views, trigger: "http" })
    : await materialize(context, {
        start: parseTimestampArgument(requiredString(fields, "start_ts"), "start_ts"),
        end,
        views,
        trigger: "http",
      });
  sendJson(response, 200, toJson(result));
}

function toJson(result: MaterializationResult) {
  return {
    job_id: result.jobId,
    status: result.status,
    mode: result.mode,
    rows_read: result.rowsRead,
    rows_written: result.rowsWritten,
    duration_ms: result.durationMs,
    views: result.views.map((v) => ({
      feature_view: v.name,
      status: v.status,
      start_ts: v.start?.toISOString() ?? null,
      end_ts: v.end.toISOString(),
      rows_read: v.rowsRead,
      rows_written: v.rowsWritten,
    })),
  };
}
