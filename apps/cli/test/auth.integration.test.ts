/** `pantry auth add-user` as a user runs it: a token printed once, only its hash in the tokens file. */
import { execFileSync } from "node:child_process";
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashToken, readTokensFile } from "@pantry/core";
import { BIN, pantry } from "./run-cli";

describe("pantry auth add-user", () => {
  let workdir: string;
  let repo: string;

  beforeAll(() => {
    workdir = mkdtempSync(join(tmpdir(), "pantry-cli-auth-"));
    execFileSync("node", [BIN, "init", "cli_auth", "--end", "2026-11-01T00:00:00"], { cwd: workdir });
    repo = join(workdir, "cli_auth");
  });
  afterAll(() => rmSync(workdir, { recursive: true, force: true }));

  it("prints a new token once and stores its sha256 in the repo's tokens file", () => {
    const off = pantry(["auth", "add-user", "ana", "--role", "viewer"], repo);
    expect(off.code).toBe(0);
    expect(off.stderr).toContain("this repo has no token auth yet; add to feature_store.yaml");

    appendFileSync(join(repo, "feature_store.yaml"), "auth:\n  type: token\n  tokens_file: secrets/users.yaml\n");
    const run = pantry(["auth", "add-user", "eve", "--role", "editor"], repo);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    expect(run.stdout).toContain(`Added editor 'eve' in ${join(repo, "secrets", "users.yaml")}`);
    const token = /Token \(shown once, keep it secret\): (\S+)/.exec(run.stdout)?.[1] ?? "";
    expect(token).toMatch(/^pantry_/);
    const file = join(repo, "secrets", "users.yaml");
    expect(readFileSync(file, "utf8")).not.toContain(token);
    expect(readTokensFile(file)).toEqual([{ name: "eve", role: "editor", tokenSha256: hashToken(token) }]);

    const again = pantry(["auth", "add-user", "eve", "--role", "admin"], repo);
    expect(again.stdout).toContain("Replaced the token of admin 'eve'");
    expect(readTokensFile(file).map((u) => u.role)).toEqual(["admin"]);
  });

  it("refuses an unknown role", () => {
    const run = pantry(["auth", "add-user", "bob", "--role", "owner"], repo);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--role 'owner' must be one of viewer, editor, admin");
  });
});
