/**
 * The console's sign-in sessions: the cookie holds a random session id, never the bearer token.
 * The server keeps id -> token, so signing out revokes the session at once, and every request
 * still checks the token against the tokens file (a removed user is out on their next click).
 * Kept in the console's process (a restart signs everyone out); bounded in number and age.
 */
import { createHash, randomBytes } from "node:crypto";

export const SESSION_MAX_AGE_SECONDS = 7 * 86_400;
const MAX_SESSIONS = 10_000;

interface Session {
  token: string;
  expiresAt: number;
}

// One map per process, whatever bundle (each Next route has its own copy of this module) asks.
const KEY = Symbol.for("pantry.console.sessions");
function sessions(): Map<string, Session> {
  const holder = globalThis as { [KEY]?: Map<string, Session> };
  holder[KEY] ??= new Map();
  return holder[KEY];
}

/** Keys are the sha256 of the id: the map holds nothing a memory dump could replay as a cookie. */
function keyOf(id: string): string {
  return createHash("sha256").update(id, "utf8").digest("hex");
}

/** A new session for a token already checked by the caller; returns the cookie value. */
export function createSession(token: string, now = Date.now()): string {
  const map = sessions();
  for (const [key, session] of map) if (session.expiresAt <= now) map.delete(key);
  while (map.size >= MAX_SESSIONS) {
    const oldest = map.keys().next().value;
    if (oldest === undefined) break;
    map.delete(oldest);
  }
  const id = `ps_${randomBytes(32).toString("base64url")}`;
  map.set(keyOf(id), { token, expiresAt: now + SESSION_MAX_AGE_SECONDS * 1000 });
  return id;
}

/** The token of a live session, else null (unknown, signed out or expired). */
export function sessionToken(id: string, now = Date.now()): string | null {
  const map = sessions();
  const key = keyOf(id);
  const session = map.get(key);
  if (!session) return null;
  if (session.expiresAt <= now) {
    map.delete(key);
    return null;
  }
  return session.token;
}

/** Signs a session out; true when it existed. */
export function revokeSession(id: string): boolean {
  return sessions().delete(keyOf(id));
}
