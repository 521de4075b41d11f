/** The audit log, newest first, with keyset cursors. */
import type { CatalogAuditRecord } from "@pantry/db";
import { PantryError } from "../errors";
import { asPantryError } from "../registry/registry";
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

export async function listAuditEvents(
  workspace: Workspace,
  options: { project?: string; cursor?: string | null; limit: number },
): Promise<Omit<Page<AuditEntry>, "total">> {
  const after = options.cursor ? decodeAuditCursor(options.cursor) : undefined;
  const registries = options.project
    ? [await workspace.registryFor(options.project)]
    : await workspace.openRegistries();
  const entries: AuditEntry[] = [];
  for (const registry of registries) {
    try {
      const rows = await registry.catalog.listAuditPage({
        projectName: options.project,
        after,
        take: options.limit + 1,
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
