/**
 * What the Redis online stores (one Redis or Sentinel, and Redis Cluster) share: the key layout,
 * the write arguments, decoding HMGET replies, and sorting failures into UNAVAILABLE (503, retry)
 * versus INTERNAL.
 *
 * Key layout. One hash per (project, entity key), fields `<view>` (values as JSON text) and
 * `_ts:<view>` (event time, ms), plus one `meta` hash per project (newest event time per view):
 *   one Redis / Sentinel:  <prefix><project>:e:<entity key>       <prefix><project>:meta
 *   Redis Cluster:         <prefix><project>:e:{<entity key>}     <prefix><project>:meta
 * On a cluster the entity key is the hash tag, so the views of one entity share a slot (one HMGET
 * reads them all) while entities spread over every master. A project-wide tag would put a whole
 * project on one master. The single-node layout is unchanged from before clusters existed.
 */
import { PantryError } from "../errors";
import { codecFor } from "./codec-cache";
import { serializeEntityKey } from "./entity-key";
import type { OnlineReadRequest, OnlineValue, OnlineWriteBatch } from "./types";

/** Rows per Lua call; measured: 500 keeps each call well under 1 ms of Redis time. */
export const WRITE_CHUNK = 500;
export const SCAN_COUNT = 1000;

export interface RedisKeyLayout {
  entityHash(project: string, entityKey: string): string;
  metaKey(project: string): string;
  /** SCAN pattern over a project's entity hashes. */
  entityPattern(project: string): string;
  /** SCAN pattern over every key of a project. */
  projectPattern(project: string): string;
}

export function redisKeyLayout(prefix: string, cluster: boolean): RedisKeyLayout {
  const base = (project: string) => `${prefix}${project}:`;
  return {
    entityHash: cluster
      ? (project, entityKey) => `${prefix}${project}:e:{${entityKey}}`
      : (project, entityKey) => `${prefix}${project}:e:${entityKey}`,
    metaKey: (project) => `${prefix}${project}:meta`,
    entityPattern: (project) => `${globEscape(base(project))}e:*`,
    projectPattern: (project) => `${globEscape(base(project))}*`,
  };
}

function globEscape(text: string): string {
  return text.replace(/[*?[\]\\]/g, "\\$&");
}

/** One row of a write batch, ready for WRITE_ROWS_LUA: its hash key, event time and values text. */
export interface WriteRow {
  key: string;
  ts: number;
  text: string;
}

/** The batch's rows as (key, ts, values) plus the newest event time; checks every row has a time. */
export function writeRows(batch: OnlineWriteBatch, layout: RedisKeyLayout): { rows: WriteRow[]; newest: number } {
  const { project, view, joinKeys, entityKeys, values, eventTimestamps, encodedValues } = batch;
  const codec = codecFor(view);
  const rows: WriteRow[] = new Array(entityKeys.length);
  let newest = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < entityKeys.length; i++) {
    const ts = eventTimestamps[i]?.getTime() ?? Number.NaN;
    if (Number.isNaN(ts)) {
      throw new PantryError("INVALID_ARGUMENT", `feature view '${view.name}': row ${i} has no event timestamp`);
    }
    if (ts > newest) newest = ts;
    rows[i] = {
      key: layout.entityHash(project, serializeEntityKey(joinKeys, entityKeys[i] ?? [])),
      ts,
      text: encodedValues?.[i] ?? codec.encodeRow(values, i),
    };
  }
  return { rows, newest };
}

/** The arguments of one WRITE_ROWS_LUA call over `rows`: numKeys, keys..., tsField, view, (ts, text)... */
export function writeRowsArgs(viewName: string, rows: readonly WriteRow[]): (string | number)[] {
  const args: (string | number)[] = [rows.length];
  for (const row of rows) args.push(row.key);
  args.push(`_ts:${viewName}`, viewName);
  for (const row of rows) args.push(row.ts, row.text);
  return args;
}

/** One HMGET per distinct entity hash, asking for the fields of every view that needs it. */
export interface HashRead {
  fields: string[];
  owners: [number, number][];
}

export function groupReads(requests: OnlineReadRequest[], layout: RedisKeyLayout): Map<string, HashRead> {
  const hashes = new Map<string, HashRead>();
  for (let r = 0; r < requests.length; r++) {
    const request = requests[r] as OnlineReadRequest;
    const viewField = request.view.name;
    const tsField = `_ts:${viewField}`;
    for (let row = 0; row < request.entityKeys.length; row++) {
      const key = layout.entityHash(
        request.project,
        serializeEntityKey(request.joinKeys, request.entityKeys[row] ?? []),
      );
      let entry = hashes.get(key);
      if (!entry) {
        entry = { fields: [], owners: [] };
        hashes.set(key, entry);
      }
      entry.fields.push(viewField, tsField);
      entry.owners.push([r, row]);
    }
  }
  return hashes;
}

export function emptyResults(requests: OnlineReadRequest[]): (OnlineValue | null)[][] {
  return requests.map((r) => new Array<OnlineValue | null>(r.entityKeys.length).fill(null));
}

/** Puts one HMGET reply (values, ts pairs in the order of entry.fields) into the results. */
export function decodeHashRead(
  requests: OnlineReadRequest[],
  results: (OnlineValue | null)[][],
  entry: HashRead,
  fields: (string | null)[],
): void {
  for (let k = 0; k < entry.owners.length; k++) {
    const text = fields[2 * k];
    const ts = fields[2 * k + 1];
    if (text === null || text === undefined || ts === null || ts === undefined) continue;
    const [r, row] = entry.owners[k] as [number, number];
    const request = requests[r] as OnlineReadRequest;
    (results[r] as (OnlineValue | null)[])[row] = {
      values: codecFor(request.view).decode(text, request.features),
      eventTimestamp: new Date(Number(ts)),
    };
  }
}

/**
 * Failures that go away by themselves (a node down or restarting, a failover, a cluster that lost
 * a master and has not promoted its replica yet, a slot being moved): the caller should retry.
 */
const TRANSIENT =
  /\b(MOVED|ASK) \d+ |writeable|Connection is closed|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|MaxRetriesPerRequest|LOADING|EPIPE|CLUSTERDOWN|TRYAGAIN|MASTERDOWN|READONLY|Command timed out|Too many Cluster redirections|Failed to refresh slots cache|None of startup nodes|Cluster isn't ready|same slots allocation group|connect ETIMEDOUT|All sentinels are unreachable|NOREPLICAS/i;

export function isTransientRedisError(message: string): boolean {
  return TRANSIENT.test(message);
}

/** "the Redis <what> at <where> is unavailable: <reason>; retry shortly" (HTTP 503 with Retry-After). */
export function redisUnavailable(what: string, reason: string): PantryError {
  return new PantryError(
    "UNAVAILABLE",
    `the ${what} is unavailable: ${reason}; the online store cannot be read or written now, retry shortly`,
    { store: "redis" },
  );
}

export function classifyRedisError(what: string, error: unknown): PantryError {
  if (error instanceof PantryError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (isTransientRedisError(message)) return redisUnavailable(what, message);
  return new PantryError("INTERNAL", `the ${what} failed: ${message}`, { store: "redis" });
}
