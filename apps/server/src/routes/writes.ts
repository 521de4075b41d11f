/** POST /push and POST /write-to-online-store (Feast's bodies; `allow_registry_cache` is accepted and ignored). */
import type { ServerResponse } from "node:http";
import {
  type OnlineServing,
  PantryError,
  pushRows,
  type PushTarget,
  type ViewWriteResult,
  writeRowsToOnlineStore,
} from "@pantry/core";
import { sendJson } from "../http-io";
import { asObject, optionalString, requiredString } from "./body-fields";

const PUSH_TARGETS = new Set(["online", "offline", "online_and_offline"]);

export async function pushRoute(serving: OnlineServing, response: ServerResponse, body: unknown): Promise<void> {
  const fields = asObject(body, "POST /push");
  const to = optionalString(fields, "to") ?? "online";
  if (!PUSH_TARGETS.has(to))
    throw new PantryError("INVALID_ARGUMENT", `'to' must be online, offline or online_and_offline (got '${to}')`);
  const results = await pushRows({
    index: serving.index,
    onlineStore: serving.onlineStore,
    pushSourceName: requiredString(fields, "push_source_name"),
    columns: fields.df,
    to: to as PushTarget,
    limits: serving.writeLimits,
  });
  sendJson(response, 200, { views: results.map(toJson) });
}

export async function writeToOnlineStoreRoute(
  serving: OnlineServing,
  response: ServerResponse,
  body: unknown,
): Promise<void> {
  const fields = asObject(body, "POST /write-to-online-store");
  const result = await writeRowsToOnlineStore({
    index: serving.index,
    onlineStore: serving.onlineStore,
    viewName: requiredString(fields, "feature_view_name"),
    columns: fields.df,
    limits: serving.writeLimits,
  });
  sendJson(response, 200, { views: [toJson(result)] });
}

function toJson(result: ViewWriteResult) {
  return { feature_view: result.view, rows_received: result.rowsReceived, rows_written: result.rowsWritten };
}
