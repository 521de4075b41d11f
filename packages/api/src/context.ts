/** What every procedure gets: the workspace (open registries, caches), the caller's token and name. */
import type { Workspace } from "@pantry/core";
import { bearerToken, sessionToken } from "@pantry/core";

/**
 * The console's sign-in route sets this httpOnly cookie to a session id (core's auth/sessions);
 * the token itself stays on the server, and signing out revokes the session.
 */
export const SESSION_COOKIE = "pantry_session";

export interface CreateContextOptions {
  workspace: Workspace;
  /** Request headers: `authorization: Bearer <token>` or the `pantry_session` cookie; `x-pantry-user` names the actor under no_auth. */
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
  const id = sessionIdFrom(header(headers, "cookie"));
  return id ? sessionToken(id) : null;
}

/** The session id of a Cookie header, else null (a malformed value is no session, not an error). */
export function sessionIdFrom(cookieHeader: string | null | undefined): string | null {
  const match = new RegExp(`(?:^|;\\s*)${SESSION_COOKIE}=([^;]+)`).exec(cookieHeader ?? "");
  if (!match?.[1]) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return null;
  }
}

function actorFrom(headers: CreateContextOptions["headers"]): string {
  const value = header(headers, "x-pantry-user")?.trim();
  // Bounded and printable: it ends up in the audit log and in the UI.
  return value ? value.replace(/[^\x20-\x7E]/g, "").slice(0, 200) || "console" : "console";
}
