/** The audit log, newest first, with keyset cursors. */
import type { CatalogAuditRecord } from "@pantry/db";
import { OBJECT_KINDS } from "../definitions/types";
import { PantryError } from "../errors";
import { parseTimestampArgument } from "../materialization/windows";
import { asPantryError, type Registry } from "../registry/registry";
import type { Workspace } from "../workspace/workspace";
import type { Page } from "../catalog/types";

export interface AuditEntry {
  id: string;
  project: string | null;
  actor: string;
  action: string;
  kind: string | null;
  name: string | null;
  summary: string;
  /** created/changed/deleted refs for applies and edits; other facts for other actions. */
  details: Record<string, unknown>;
  createdAt: Date;
}

export function toAuditEntry(row: CatalogAuditRecord): AuditEntry {
  let details: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(row.details);
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) details = parsed as Record<string, unknown>;
  } catch {
    // An unreadable details column is shown as none; the summary line still says what happened.
  }
  return {
    id: row.id,
    project: row.projectName,
    actor: row.actor,
    action: row.action,
    kind: row.kind,
    name: row.name,
    summary: row.summary,
    details,
    createdAt: row.createdAt,
  };
}

/** What the audit list may be narrowed to: exact actor and action, an object, a time range. */
export interface AuditFilter {
  actor?: string;
  action?: string;
  /** The object's kind ("featureView", "feature", ...), when `object` was given as "kind:name". */
  kind?: string;
  /** The object's name ("driver_stats", or "driver_stats:conv_rate" for a feature). */
  name?: string;
  since?: Date;
  until?: Date;
}

/** The filter as text (URL query, CLI flags); `since`/`until` take an ISO time or a duration back from now ("24h", "7d"). */
export interface AuditFilterText {
  actor?: string | null;
  action?: string | null;
  object?: string | null;
  since?: string | null;
  until?: string | null;
}

const AUDIT_OBJECT_KINDS = new Set<string>([...OBJECT_KINDS, "feature", "schedule", "savedDataset"]);

export function parseAuditFilter(text: AuditFilterText, now = new Date()): AuditFilter {
  const filter: AuditFilter = {};
  const clean = (value: string | null | undefined) => value?.trim() || undefined;
  filter.actor = clean(text.actor);
  filter.action = clean(text.action);
  const object = clean(text.object);
  if (object) {
    const colon = object.indexOf(":");
    const head = colon > 0 ? object.slice(0, colon) : "";
    if (AUDIT_OBJECT_KINDS.has(head)) {
      filter.kind = head;
      filter.name = object.slice(colon + 1);
    } else filter.name = object;
  }
  filter.since = timeOf(clean(text.since), "since", now);
  filter.until = timeOf(clean(text.until), "until", now);
  if (filter.since && filter.until && filter.since >= filter.until) {
    throw new PantryError(
      "INVALID_ARGUMENT",
      `audit filter: since (${filter.since.toISOString()}) must be before until (${filter.until.toISOString()})`,
      { field: "since" },
    );
  }
  for (const key of Object.keys(filter) as (keyof AuditFilter)[]) if (filter[key] === undefined) delete filter[key];
  return filter;
}

function timeOf(value: string | undefined, role: "since" | "until", now: Date): Date | undefined {
  if (!value) return undefined;
  const duration = /^(\d+(?:\.\d+)?)\s*([smhdw])$/i.exec(value);
  if (duration) {
    const unit: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };
    return new Date(now.getTime() - Number(duration[1]) * (unit[(duration[2] ?? "s").toLowerCase()] ?? 1) * 1000);
  }
  try {
    return parseTimestampArgument(value, role);
  } catch {
    throw new PantryError(
      "INVALID_ARGUMENT",
      `audit filter ${role} '${value}' is neither a time (2026-11-01, 2026-11-01T10:00:00Z) nor a duration back from now (24h, 7d)`,
      { field: role },
    );
  }
}

export async function listAuditEvents(
  workspace: Workspace,
  options: { project?: string; cursor?: string | null; limit: number; filter?: AuditFilter },
): Promise<Omit<Page<AuditEntry>, "total">> {
  const registries = options.project
    ? [await workspace.registryFor(options.project)]
    : await workspace.openRegistries();
  return auditPage(registries, options);
}

/** One registry's audit log (the CLI's `pantry audit list`). */
export function listRegistryAudit(
  registry: Registry,
  options: { project?: string; cursor?: string | null; limit: number; filter?: AuditFilter },
): Promise<Omit<Page<AuditEntry>, "total">> {
  return auditPage([registry], options);
}

async function auditPage(
  registries: Registry[],
  options: { project?: string; cursor?: string | null; limit: number; filter?: AuditFilter },
): Promise<Omit<Page<AuditEntry>, "total">> {
  const after = options.cursor ? decodeAuditCursor(options.cursor) : undefined;
  const entries: AuditEntry[] = [];
  for (const registry of registries) {
    try {
      const rows = await registry.catalog.listAuditPage({
        projectName: options.project,
        after,
        take: options.limit + 1,
        ...options.filter,
      });
      entries.push(...rows.map(toAuditEntry));
    } catch (error) {
      throw asPantryError(error, registry.location);
    }
  }
  entries.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  const items = entries.slice(0, options.limit);
  const last = items[items.length - 1];
  return { items, nextCursor: entries.length > options.limit && last ? encodeAuditCursor(last) : null };
}

/** The most rows one export holds; the filter narrows a larger log. */
export const AUDIT_EXPORT_LIMIT = 50_000;

/** Every entry matching the filter (up to AUDIT_EXPORT_LIMIT), newest first, for an export. */
export async function listAuditForExport(
  workspace: Workspace,
  options: { project?: string; filter?: AuditFilter },
): Promise<{ entries: AuditEntry[]; truncated: boolean }> {
  const entries: AuditEntry[] = [];
  let cursor: string | null = null;
  do {
    const page = await listAuditEvents(workspace, { ...options, cursor, limit: 1000 });
    entries.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && entries.length < AUDIT_EXPORT_LIMIT);
  return {
    entries: entries.slice(0, AUDIT_EXPORT_LIMIT),
    truncated: cursor !== null || entries.length > AUDIT_EXPORT_LIMIT,
  };
}

const CSV_COLUMNS = ["time", "project", "actor", "action", "kind", "name", "summary", "details"] as const;

/**
 * RFC 4180 text (CRLF, quoted fields), safe to open in a spreadsheet: a cell that would start a
 * formula (=, +, -, @, tab, carriage return) gets a leading apostrophe (OWASP's CSV injection
 * advice), so "=HYPERLINK(...)" in an actor name or a reason stays text.
 */
export function auditCsv(entries: readonly AuditEntry[]): string {
  const lines = [CSV_COLUMNS.join(",")];
  for (const e of entries) {
    lines.push(
      [
        e.createdAt.toISOString(),
        e.project ?? "",
        e.actor,
        e.action,
        e.kind ?? "",
        e.name ?? "",
        e.summary,
        Object.keys(e.details).length ? JSON.stringify(e.details) : "",
      ]
        .map(csvCell)
        .join(","),
    );
  }
  return `${lines.join("\r\n")}\r\n`;
}

export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) || safe !== safe.trim() ? `"${safe.replaceAll('"', '""')}"` : safe;
}

function encodeAuditCursor(entry: AuditEntry): string {
  return Buffer.from(`${entry.createdAt.toISOString()}|${entry.id}`, "utf8").toString("base64url");
}

function decodeAuditCursor(cursor: string): { createdAt: Date; id: string } {
  const [iso = "", id = ""] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const createdAt = new Date(iso);
  if (!id || Number.isNaN(createdAt.getTime())) {
    throw new PantryError(
      "INVALID_ARGUMENT",
      "the audit page cursor is not one this server gave out; start again from the first page",
    );
  }
  return { createdAt, id };
}
