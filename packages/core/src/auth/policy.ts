/**
 * Authentication (a bearer token -> a user and role) and authorization (may this principal do
 * this action?). One policy per workspace or served set of repos, built from their configs.
 */
import type { RepoConfig } from "../config/repo-config";
import { PantryError } from "../errors";
import { type Action, type Principal, roleAllows, roleNeeded } from "./roles";
import { findUserByToken, readTokensFileCached, type TokenUser } from "./tokens";

export interface AccessPolicy {
  readonly type: "no_auth" | "token";
  /** no_auth: an admin named `fallbackName`; token: the token's user, or UNAUTHENTICATED. */
  authenticate(token: string | null, fallbackName: string): Principal;
}

/**
 * Token auth is on when any of the repos turns it on (fail closed: a workspace mixing no_auth and
 * token repos is protected as a whole). Users come from every tokens file those repos name; a file
 * is parsed again only when it changes on disk, so `pantry auth add-user` takes effect without a
 * restart and a request costs a stat, not a YAML parse.
 */
export function accessPolicyFor(configs: readonly RepoConfig[]): AccessPolicy {
  const files = [...new Set(configs.flatMap((c) => (c.auth.type === "token" ? [c.auth.tokensFile] : [])))];
  if (files.length === 0)
    return { type: "no_auth", authenticate: (_token, name) => ({ name, role: "admin", auth: "no_auth" }) };
  return {
    type: "token",
    authenticate(token) {
      if (!token) throw unauthenticated("this Pantry requires a token");
      const user = findInFiles(files, token);
      if (!user) throw unauthenticated("the token is not valid (unknown or replaced)");
      return { name: user.name, role: user.role, auth: "token" };
    },
  };
}

function findInFiles(files: readonly string[], token: string): TokenUser | null {
  for (const file of files) {
    const user = findUserByToken(readTokensFileCached(file), token);
    if (user) return user;
  }
  return null;
}

function unauthenticated(why: string): PantryError {
  return new PantryError(
    "UNAUTHENTICATED",
    `${why}; send Authorization: Bearer <token>; create one with 'pantry auth add-user <name> --role viewer|editor|admin'`,
  );
}

/** Throws PERMISSION_DENIED naming the user, their role, the action and the role it needs. */
export function authorize(principal: Principal, action: Action, project?: string | null): void {
  if (roleAllows(principal.role, action)) return;
  const needed = roleNeeded(action);
  const where = project ? ` in project '${project}'` : "";
  throw new PantryError(
    "PERMISSION_DENIED",
    `user '${principal.name}' has the ${principal.role} role and may not ${action.replace("_", " ")}${where}; that needs the ${needed} role (ask an admin: pantry auth add-user ${principal.name} --role ${needed})`,
    { user: principal.name, role: principal.role, action, needed },
  );
}

/** The token of an `Authorization: Bearer <token>` header value, else null. */
export function bearerToken(header: string | null | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  return match?.[1] ?? null;
}
