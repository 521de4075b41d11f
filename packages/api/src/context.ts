/** What every procedure gets: the workspace (open registries, caches) and who is acting. */
import type { Workspace } from "@pantry/core/workspace/index";

export interface CreateContextOptions {
  workspace: Workspace;
  /** Request headers; `x-pantry-user` names the actor for the audit log. */
  headers?: Headers | Record<string, string | string[] | undefined>;
}

export interface Context {
  workspace: Workspace;
  /** Written to versions and the audit log by edits and imports. */
  actor: string;
}

export function createContext({ workspace, headers }: CreateContextOptions): Context {
  return { workspace, actor: actorFrom(headers) };
}

function actorFrom(headers: CreateContextOptions["headers"]): string {
  const raw = headers instanceof Headers ? headers.get("x-pantry-user") : headers?.["x-pantry-user"];
  const value = (Array.isArray(raw) ? raw[0] : raw)?.trim();
  // Bounded and printable: it ends up in the audit log and in the UI.
  return value ? value.replace(/[^\x20-\x7E]/g, "").slice(0, 200) || "console" : "console";
}
