/**
 * The tokens file of `auth: {type: token}`: YAML `users: [{name, role, token_sha256}]`. Only
 * hashes are stored; a token is shown once, by `pantry auth add-user`.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parse as parseYaml, stringify as stringifyYaml } from "yaml";
import type { RepoConfig } from "../config/repo-config";
import { PantryError } from "../errors";
import { isRole, ROLES, type Role } from "./roles";

export interface TokenUser {
  name: string;
  role: Role;
  tokenSha256: string;
}

const NAME = /^[A-Za-z0-9_.@-]{1,100}$/;

export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** 32 random bytes, URL-safe, prefixed so a leaked token is recognisable. */
export function generateToken(): string {
  return `pantry_${randomBytes(32).toString("base64url")}`;
}

const parsed = new Map<string, { stamp: string; users: TokenUser[] }>();

/**
 * readTokensFile, parsed again only when the file changes on disk. Pantry writes the file by
 * renaming a new one over it, so every change moves the inode too: a replaced or removed token
 * stops working on the next request even when the size and the (coarse) mtime stay the same.
 */
export function readTokensFileCached(path: string): TokenUser[] {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) {
    parsed.delete(path);
    return [];
  }
  const stamp = `${stat.ino}:${stat.mtimeMs}:${stat.ctimeMs}:${stat.size}`;
  const known = parsed.get(path);
  if (known?.stamp === stamp) return known.users;
  const users = readTokensFile(path);
  parsed.set(path, { stamp, users });
  return users;
}

export function readTokensFile(path: string): TokenUser[] {
  if (!existsSync(path)) return [];
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(path, "utf8"));
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new PantryError("INVALID_ARGUMENT", `tokens file ${path} is not valid YAML: ${reason}`);
  }
  const users = (raw as { users?: unknown } | null)?.users ?? [];
  if (!Array.isArray(users)) {
    throw new PantryError(
      "INVALID_ARGUMENT",
      `tokens file ${path}: 'users' must be a list of {name, role, token_sha256}`,
    );
  }
  return users.map((entry, i) => {
    const u = (entry ?? {}) as Record<string, unknown>;
    const where = `tokens file ${path}, user ${i + 1}`;
    if (typeof u.name !== "string" || !NAME.test(u.name))
      throw new PantryError("INVALID_ARGUMENT", `${where}: 'name' must be letters, digits, '_', '.', '@' or '-'`);
    if (!isRole(u.role))
      throw new PantryError("INVALID_ARGUMENT", `${where} (${u.name}): 'role' must be one of ${ROLES.join(", ")}`);
    if (typeof u.token_sha256 !== "string" || !/^[0-9a-f]{64}$/.test(u.token_sha256))
      throw new PantryError("INVALID_ARGUMENT", `${where} (${u.name}): 'token_sha256' must be 64 hex digits`);
    return { name: u.name, role: u.role, tokenSha256: u.token_sha256 };
  });
}

/** The user whose hash matches, comparing every entry in constant time (no early exit). */
export function findUserByToken(users: readonly TokenUser[], token: string): TokenUser | null {
  const hash = Buffer.from(hashToken(token), "hex");
  let found: TokenUser | null = null;
  for (const user of users) {
    if (timingSafeEqual(hash, Buffer.from(user.tokenSha256, "hex")) && found === null) found = user;
  }
  return found;
}

/** Adds (or replaces the token of) a user; returns the new token, which is stored only as its hash. */
export function addTokenUser(path: string, name: string, role: Role): { token: string; replaced: boolean } {
  if (!NAME.test(name))
    throw new PantryError("INVALID_ARGUMENT", `user name '${name}' must be letters, digits, '_', '.', '@' or '-'`);
  if (!isRole(role)) throw new PantryError("INVALID_ARGUMENT", `role '${role}' must be one of ${ROLES.join(", ")}`);
  const users = readTokensFile(path);
  const token = generateToken();
  const entry: TokenUser = { name, role, tokenSha256: hashToken(token) };
  const replaced = users.some((u) => u.name === name);
  const next = replaced ? users.map((u) => (u.name === name ? entry : u)) : [...users, entry];
  writeTokensFile(path, next);
  return { token, replaced };
}

/** Removes a user: their token stops working on the next request (console and feature server). */
export function removeTokenUser(path: string, name: string): void {
  const users = readTokensFile(path);
  if (!users.some((u) => u.name === name)) {
    const names = users.map((u) => u.name);
    throw new PantryError(
      "NOT_FOUND",
      `no user '${name}' in ${path}${names.length ? ` (users: ${names.join(", ")})` : " (it has no users)"}`,
      { user: name },
    );
  }
  writeTokensFile(
    path,
    users.filter((u) => u.name !== name),
  );
}

/** Written to a temp file, then renamed over the old one (readers never see half a file). */
function writeTokensFile(path: string, users: readonly TokenUser[]): void {
  mkdirSync(dirname(path), { recursive: true });
  const body = stringifyYaml({
    users: users.map((u) => ({ name: u.name, role: u.role, token_sha256: u.tokenSha256 })),
  });
  const temp = `${path}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  writeFileSync(
    temp,
    `# Pantry users: sha256 hashes of bearer tokens (pantry auth add-user). No secrets here.\n${body}`,
    { mode: 0o600 },
  );
  renameSync(temp, path);
}

/**
 * `pantry auth add-user` for a repo: the tokens file its `auth:` names, else users.yaml beside it
 * (`active: false`: the token works once feature_store.yaml says `auth: {type: token}`).
 */
export function addRepoUser(
  config: Pick<RepoConfig, "auth" | "repoPath">,
  name: string,
  role: Role,
): { token: string; replaced: boolean; file: string; active: boolean } {
  const active = config.auth.type === "token";
  const file = config.auth.type === "token" ? config.auth.tokensFile : join(config.repoPath, "users.yaml");
  return { ...addTokenUser(file, name, role), file, active };
}

/** `pantry auth remove-user` for a repo: the tokens file its `auth:` names, else users.yaml beside it. */
export function removeRepoUser(config: Pick<RepoConfig, "auth" | "repoPath">, name: string): { file: string } {
  const file = config.auth.type === "token" ? config.auth.tokensFile : join(config.repoPath, "users.yaml");
  removeTokenUser(file, name);
  return { file };
}
