import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  ACTION_ROLES,
  accessPolicyFor,
  addTokenUser,
  authorize,
  bearerToken,
  findUserByToken,
  hashToken,
  readTokensFile,
  roleAllows,
} from "../src/auth/index";
import { parseRepoConfig } from "../src/config/repo-config";
import { isPantryError } from "../src/errors";

const at = "/repos/a/feature_store.yaml";

function caught(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (error) {
    if (isPantryError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error("expected a PantryError");
}

describe("auth config", () => {
  it("defaults to no_auth and reads token auth with a tokens file relative to the repo", () => {
    expect(parseRepoConfig("project: p\n", at).auth).toEqual({ type: "no_auth" });
    expect(parseRepoConfig("project: p\nauth:\n  type: no_auth\n", at).auth).toEqual({ type: "no_auth" });
    const config = parseRepoConfig(
      "project: p\nauth:\n  type: token\n  tokens_file: secrets/users.yaml\n  extra: 1\n",
      at,
    );
    expect(config.auth).toEqual({ type: "token", tokensFile: "/repos/a/secrets/users.yaml" });
    expect(config.warnings).toEqual([`${at}: unknown key 'auth.extra' is ignored`]);
  });

  it("refuses an auth type it cannot enforce instead of leaving the repo open", () => {
    const error = caught(() => parseRepoConfig("project: p\nauth:\n  type: oidc\n", at));
    expect(error.code).toBe("INVALID_ARGUMENT");
    expect(error.message).toContain("auth type \"oidc\" is not supported; use 'no_auth' or 'token'");
  });
});

describe("tokens", () => {
  it("adds users with only the hash stored and finds them by token", () => {
    const file = join(mkdtempSync(join(tmpdir(), "pantry-auth-")), "users.yaml");
    const { token } = addTokenUser(file, "ada", "editor");
    expect(token).toMatch(/^pantry_[A-Za-z0-9_-]{40,}$/);
    const text = readFileSync(file, "utf8");
    expect(text).not.toContain(token);
    expect(text).toContain(hashToken(token));
    const users = readTokensFile(file);
    expect(findUserByToken(users, token)).toEqual({ name: "ada", role: "editor", tokenSha256: hashToken(token) });
    expect(findUserByToken(users, `${token}x`)).toBeNull();
    const again = addTokenUser(file, "ada", "admin");
    expect(again.replaced).toBe(true);
    expect(findUserByToken(readTokensFile(file), token)).toBeNull();
    expect(findUserByToken(readTokensFile(file), again.token)?.role).toBe("admin");
  });

  it("names the bad entry of a tokens file", () => {
    const file = join(mkdtempSync(join(tmpdir(), "pantry-auth-")), "users.yaml");
    writeFileSync(file, "users:\n  - name: bob\n    role: owner\n    token_sha256: abc\n");
    expect(caught(() => readTokensFile(file)).message).toContain(
      "user 1 (bob): 'role' must be one of viewer, editor, admin",
    );
  });

  it("reads bearer headers", () => {
    expect(bearerToken("Bearer abc")).toBe("abc");
    expect(bearerToken("bearer  abc ")).toBe("abc");
    expect(bearerToken("Basic abc")).toBeNull();
    expect(bearerToken(undefined)).toBeNull();
  });
});

describe("roles", () => {
  it("orders viewer < editor < admin over the action table", () => {
    expect(roleAllows("viewer", "read")).toBe(true);
    expect(roleAllows("viewer", "push")).toBe(false);
    expect(roleAllows("editor", "materialize")).toBe(true);
    expect(roleAllows("editor", "retire")).toBe(false);
    expect(roleAllows("admin", "manage_users")).toBe(true);
    expect(ACTION_ROLES).toMatchObject({
      read: "viewer",
      edit: "editor",
      push: "editor",
      retire: "admin",
      delete: "admin",
    });
  });

  it("says who, which role, what and the role needed", () => {
    const error = caught(() => authorize({ name: "vic", role: "viewer", auth: "token" }, "materialize", "driver"));
    expect(error.code).toBe("PERMISSION_DENIED");
    expect(error.message).toBe(
      "user 'vic' has the viewer role and may not materialize in project 'driver'; that needs the editor role (ask an admin: pantry auth add-user vic --role editor)",
    );
  });

  it("authenticates: no_auth is an admin, token auth needs a known token", () => {
    const dir = mkdtempSync(join(tmpdir(), "pantry-auth-"));
    expect(accessPolicyFor([parseRepoConfig("project: p\n", at)]).authenticate(null, "console")).toEqual({
      name: "console",
      role: "admin",
      auth: "no_auth",
    });
    const config = parseRepoConfig(`project: p\nauth:\n  type: token\n  tokens_file: ${join(dir, "u.yaml")}\n`, at);
    const policy = accessPolicyFor([parseRepoConfig("project: q\n", at), config]);
    expect(policy.type).toBe("token");
    const missing = caught(() => policy.authenticate(null, "console"));
    expect(missing.code).toBe("UNAUTHENTICATED");
    expect(missing.message).toContain("send Authorization: Bearer <token>; create one with 'pantry auth add-user");
    expect(caught(() => policy.authenticate("nope", "console")).code).toBe("UNAUTHENTICATED");
    const { token } = addTokenUser(join(dir, "u.yaml"), "vic", "viewer");
    expect(policy.authenticate(token, "console")).toEqual({ name: "vic", role: "viewer", auth: "token" });
  });
});
