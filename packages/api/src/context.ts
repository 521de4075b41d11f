/** What every procedure gets: the workspace (open registries, caches), the caller's token and name. */
import type { Workspace } from "@pantry/core";
import { bearerToken } from "@pantry/core";

/** The console's sign-in route stores the token in this httpOnly cookie. */
export const TOKEN_COOKIE = "pantry_token";

export interface CreateContextOptions {
  workspace: Workspace;
  /** Request headers: `authorization: Bearer <token>` or the `pantry_token` cookie; `x-pantry-user` names the actor under no_auth. */
  headers?: Headers | Record<string, string | string[] | undefined>;
}

export interface Context {
  workspace: Workspace;
  /**
   * Written to versions and the audit log by edits and imports: the signed-in user's name when
   * auth is on (set by the access middleware), else the `x-pantry-user` header or "console".
   */
  actor: string;
  /** The bearer token sent, if any; checked by the access middleware against the workspace's policy. */
  token: string | null;
}

export function createContext({ workspace, headers }: CreateContextOptions): Context {
  return { workspace, actor: actorFrom(headers), token: tokenFrom(headers) };
}

function header(headers: CreateContextOptions["headers"], name: string): string | undefined {
  const raw = headers instanceof Headers ? headers.get(name) : headers?.[name];
  return (Array.isArray(raw) ? raw[0] : raw) ?? undefined;
}

function tokenFrom(headers: CreateContextOptions["headers"]): string | null {
  const fromHeader = bearerToken(header(headers, "authorization"));
  if (fromHeader) return fromHeader;
  const cookies = header(headers, "cookie") ?? "";
  const match = new RegExp(`(?:^|;\\s*)${TOKEN_COOKIE}=([^;]+)`).exec(cookies);
  return match?.[1] ? decodeURIComponent(match[1]) : null;
}

function actorFrom(headers: CreateContextOptions["headers"]): string {
  const value = header(headers, "x-pantry-user")?.trim();
  // Bounded and printable: it ends up in the audit log and in the UI.
  return value ? value.replace(/[^\x20-\x7E]/g, "").slice(0, 200) || "console" : "console";
}
