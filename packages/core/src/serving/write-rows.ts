/**
 * Rows written straight to the online store: Feast's /write-to-online-store (one view) and
 * /push (every online view fed by a push source). Columns arrive as JSON: each is checked
 * against the view's dtypes and converted (timestamps, bytes) before the newer-or-equal write.
 */
import { elementDtype, isArrayDtype } from "../definitions/dtype";
import type { Dtype, FeatureViewSpec } from "../definitions/types";
import { didYouMean, PantryError } from "../errors";
import type { OnlineStore } from "../online/types";
import type { IndexedFeatureView, ServingIndex } from "./serving-index";
import { describeValue, dtypeWord, fitsDtype } from "../transforms/value-checks";

/** Bounds on what one write request may carry (feature_store.yaml `feature_server:`). */
export interface WriteLimits {
  /** Rows per request (`max_push_rows`, default 10,000); more is PAYLOAD_TOO_LARGE (HTTP 413). */
  maxRows?: number;
  /** How far past now an event timestamp may be (`max_event_time_skew`, default 1 day). */
  maxFutureSkewMs?: number;
  /** The clock (tests). */
  now?: () => number;
}

export interface ViewWriteResult {
  view: string;
  rowsReceived: number;
  rowsWritten: number;
}

export async function writeRowsToOnlineStore(options: {
  index: ServingIndex;
  onlineStore: OnlineStore;
  viewName: string;
  /** Column-major rows (Feast's `df`): join keys, the event timestamp, features. */
  columns: unknown;
  limits?: WriteLimits;
}): Promise<ViewWriteResult> {
  const view = options.index.views.get(options.viewName);
  if (view?.kind !== "featureView") {
    const names = [...options.index.views.values()].filter((v) => v.kind === "featureView").map((v) => v.name);
    throw new PantryError(
      "NOT_FOUND",
      `feature view '${options.viewName}' is not in project '${options.index.project}'${didYouMean(options.viewName, names)}`,
      { view: options.viewName },
    );
  }
  return writeView(
    options.index,
    options.onlineStore,
    view,
    checkColumns(options.columns, options.limits),
    options.limits,
  );
}

export type PushTarget = "online" | "offline" | "online_and_offline";

export async function pushRows(options: {
  index: ServingIndex;
  onlineStore: OnlineStore;
  pushSourceName: string;
  columns: unknown;
  to?: PushTarget;
  limits?: WriteLimits;
}): Promise<ViewWriteResult[]> {
  const { index, pushSourceName } = options;
  const source = index.sources.get(pushSourceName);
  if (source?.type !== "push") {
    const names = [...index.sources.values()].filter((s) => s.type === "push").map((s) => s.name);
    throw new PantryError(
      "NOT_FOUND",
      `push source '${pushSourceName}' is not in project '${index.project}'${didYouMean(pushSourceName, names)}`,
      { pushSource: pushSourceName },
    );
  }
  const to = options.to ?? "online";
  if (to !== "online") {
    throw new PantryError(
      "FAILED_PRECONDITION",
      `pushing to the offline store is not supported yet (to: '${to}'); push with to: 'online' and append the rows to the batch source '${source.batchSource ?? "?"}' yourself`,
      { to },
    );
  }
  const columns = checkColumns(options.columns, options.limits);
  const views = [...index.views.values()].filter(
    (v): v is IndexedFeatureView => v.kind === "featureView" && v.spec.source === pushSourceName && v.spec.online,
  );
  const results: ViewWriteResult[] = [];
  for (const view of views) results.push(await writeView(index, options.onlineStore, view, columns, options.limits));
  return results;
}

export const DEFAULT_MAX_WRITE_ROWS = 10_000;
export const DEFAULT_MAX_FUTURE_SKEW_MS = 86_400_000;

function checkColumns(columns: unknown, limits: WriteLimits = {}): Map<string, unknown[]> {
  const maxRows = limits.maxRows ?? DEFAULT_MAX_WRITE_ROWS;
  if (columns === null || typeof columns !== "object" || Array.isArray(columns)) {
    throw new PantryError(
      "INVALID_ARGUMENT",
      `'df' must be an object of columns like {"driver_id": [1001], "event_timestamp": ["2024-01-01T00:00:00Z"], ...}`,
    );
  }
  const map = new Map<string, unknown[]>();
  let length: number | null = null;
  for (const [name, values] of Object.entries(columns as Record<string, unknown>)) {
    if (!Array.isArray(values))
      throw new PantryError("INVALID_ARGUMENT", `df.${name} must be an array (one value per row)`, { column: name });
    if (length !== null && values.length !== length) {
      throw new PantryError(
        "INVALID_ARGUMENT",
        `df columns differ in length: '${name}' has ${values.length} values, others ${length}`,
        { column: name },
      );
    }
    length = values.length;
    if (length > maxRows) {
      throw new PantryError(
        "PAYLOAD_TOO_LARGE",
        `the request has ${length} rows; at most ${maxRows} are written per request (feature_server.max_push_rows in feature_store.yaml); send them in smaller batches`,
        { rows: length, limit: maxRows },
      );
    }
    map.set(name, values);
  }
  return map;
}

async function writeView(
  index: ServingIndex,
  store: OnlineStore,
  view: IndexedFeatureView,
  columns: Map<string, unknown[]>,
  limits: WriteLimits = {},
): Promise<ViewWriteResult> {
  if (view.problem) throw new PantryError("FAILED_PRECONDITION", view.problem, { view: view.name });
  const rowCount = columns.values().next().value?.length ?? 0;
  const column = (name: string, role: string) => {
    const values = columns.get(name);
    if (!values) {
      throw new PantryError(
        "INVALID_ARGUMENT",
        `the rows for view '${view.name}' have no column '${name}' (${role}); columns given: ${[...columns.keys()].join(", ") || "none"}`,
        { view: view.name, column: name },
      );
    }
    return values;
  };
  const tsField = timestampFieldOf(index, view.spec);
  const window = eventTimeWindow(limits);
  const eventTimestamps = column(tsField, "event timestamp").map((value, row) =>
    parseEventTime(value, tsField, row, window),
  );
  const keyColumns = view.joinKeys.map((key) => {
    const values = column(key.name, "join key");
    values.forEach((value, row) => {
      if (value === null || value === undefined || !fitsDtype(key.dtype, value)) {
        throw new PantryError(
          "INVALID_ARGUMENT",
          `join key '${key.name}' must be ${dtypeWord(key.dtype)}, but row ${row} has ${describeValue(value)}`,
          {
            column: key.name,
            row,
          },
        );
      }
    });
    return values;
  });
  const values: Record<string, unknown[]> = {};
  for (const field of view.spec.schema)
    values[field.name] = column(field.name, "feature").map((v, row) =>
      convert(field.dtype, v, `${view.name}:${field.name}`, row),
    );
  const entityKeys = Array.from({ length: rowCount }, (_, row) => keyColumns.map((c) => c[row]));
  const rowsWritten = await store.write({
    project: index.project,
    view: view.spec,
    joinKeys: view.joinKeys.map((k) => k.name),
    entityKeys,
    values,
    eventTimestamps,
    createdTimestamps: eventTimestamps.map(() => null),
  });
  return { view: view.name, rowsReceived: rowCount, rowsWritten };
}

function timestampFieldOf(index: ServingIndex, view: FeatureViewSpec): string {
  const source = index.sources.get(view.source);
  return source?.timestampField || "event_timestamp";
}

/** The event times a write accepts: from 1970-01-01 to now + the skew. */
export interface EventTimeWindow {
  latestMs: number;
  skewMs: number;
}

export function eventTimeWindow(limits: WriteLimits = {}): EventTimeWindow {
  const skewMs = limits.maxFutureSkewMs ?? DEFAULT_MAX_FUTURE_SKEW_MS;
  return { latestMs: (limits.now?.() ?? Date.now()) + skewMs, skewMs };
}

/** Epoch milliseconds from here on (2001-09-09) are read as milliseconds. */
const FIRST_PLAUSIBLE_MS = 1e12;

/**
 * An event timestamp: ISO text (naive = UTC), a Date, or a number of epoch seconds or
 * milliseconds. A number is seconds when, read as seconds, it falls inside the window, and
 * milliseconds when it is at least 1e12 (2001 onwards in ms, year 33658 in seconds); anything in
 * between (microseconds, a mis-scaled value) is refused rather than guessed. With a window,
 * anything before 1970 or after now + skew is refused: a row stamped in the future would win
 * every later newer-or-equal write and could never be replaced.
 */
export function parseEventTime(value: unknown, column: string, row: number, window?: EventTimeWindow): Date {
  const where = `'${column}' of row ${row}`;
  let date: Date | null = null;
  if (value instanceof Date) date = value;
  else if (typeof value === "number" && Number.isFinite(value)) {
    const latestSeconds = (window?.latestMs ?? Number.POSITIVE_INFINITY) / 1000;
    if (!window) date = new Date(Math.abs(value) < 1e11 ? value * 1000 : value);
    else if (value >= 0 && value <= latestSeconds) date = new Date(value * 1000);
    else if (value >= FIRST_PLAUSIBLE_MS) date = new Date(value);
    else if (value >= 0) {
      throw new PantryError(
        "INVALID_ARGUMENT",
        `${where} is ${value}: as epoch seconds that is after now + ${formatSkew(window.skewMs)}, and it is too small for epoch milliseconds; send epoch seconds, epoch milliseconds or ISO 8601 like 2024-01-31T10:00:00Z`,
        { column, row },
      );
    } else date = new Date(value * 1000);
  } else if (typeof value === "string") {
    const naive = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$/.test(value.trim());
    date = new Date(
      naive ? `${value.trim().replace(" ", "T")}${value.trim().length === 10 ? "T00:00:00" : ""}Z` : value,
    );
  }
  if (!date || Number.isNaN(date.getTime())) {
    throw new PantryError(
      "INVALID_ARGUMENT",
      `${where} is ${describeValue(value)}, not a timestamp; use ISO 8601 like 2024-01-31T10:00:00Z, or epoch seconds or milliseconds`,
      {
        column,
        row,
      },
    );
  }
  if (window && (date.getTime() < 0 || date.getTime() > window.latestMs)) {
    const shown = Number.isNaN(date.getTime()) ? String(value) : date.toISOString();
    throw new PantryError(
      "INVALID_ARGUMENT",
      date.getTime() < 0
        ? `${where} is ${shown}, before 1970-01-01; event timestamps must fall between 1970 and now + ${formatSkew(window.skewMs)}`
        : `${where} is ${shown}, later than now + ${formatSkew(window.skewMs)} (feature_server.max_event_time_skew); a row stamped in the future could never be replaced. Check the unit (seconds, milliseconds) or the clock`,
      { column, row },
    );
  }
  return date;
}

function formatSkew(ms: number): string {
  const seconds = Math.round(ms / 1000);
  for (const [size, word] of [
    [86400, "day"],
    [3600, "hour"],
    [60, "minute"],
  ] as const) {
    if (seconds >= size && seconds % size === 0) {
      const n = seconds / size;
      return `${n} ${word}${n === 1 ? "" : "s"}`;
    }
  }
  return `${seconds} s`;
}

function convert(dtype: Dtype, value: unknown, ref: string, row: number): unknown {
  if (value === null || value === undefined) return null;
  if (!fitsDtype(dtype, value)) {
    throw new PantryError(
      "INVALID_ARGUMENT",
      `feature '${ref}' is ${dtype}, but row ${row} has ${describeValue(value)}; send ${dtypeWord(dtype)}`,
      {
        feature: ref,
        row,
      },
    );
  }
  const scalar = elementDtype(dtype);
  const one = (v: unknown): unknown => {
    if (v === null) return null;
    if (scalar === "UnixTimestamp") return parseEventTime(v, ref, row);
    if (scalar === "Bytes" && typeof v === "string") return Buffer.from(v, "base64");
    if ((scalar === "Float32" || scalar === "Float64") && typeof v === "string") return Number(v);
    return v;
  };
  return isArrayDtype(dtype) ? (value as unknown[]).map(one) : one(value);
}
