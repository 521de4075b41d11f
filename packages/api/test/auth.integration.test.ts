/**
 * Access control over the console API: a workspace whose rides repo turns on token auth (which
 * protects the whole workspace), users of each role, and the no_auth default next to it.
 */
import { appendFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { addTokenUser, createSession, revokeSession } from "@pantry/core";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createContext } from "../src/context";
import { appRouter } from "../src/root";
import { type SeededWorkspace, seedWorkspace } from "./support/seed-workspace";

let seeded: SeededWorkspace;
const tokens: Record<"viewer" | "editor" | "admin", string> = { viewer: "", editor: "", admin: "" };

const as = (headers: Record<string, string>) =>
  appRouter.createCaller(createContext({ workspace: seeded.workspace, headers }));
const bearer = (role: keyof typeof tokens) => as({ authorization: `Bearer ${tokens[role]}` });

async function rejection(call: Promise<unknown>): Promise<TRPCError> {
  try {
    await call;
  } catch (error) {
    if (error instanceof TRPCError) return error;
    throw error;
  }
  throw new Error("expected the call to fail");
}

const view = { project: "rides", kind: "featureView" as const, view: "driver_stats" };

beforeAll(async () => {
  seeded = await seedWorkspace();
}, 120_000);

afterAll(async () => {
  await seeded?.cleanup();
});

describe("console API access control", () => {
  it("no_auth (the default): everyone is an admin named by x-pantry-user", async () => {
    expect(await seeded.caller("ana").auth.me()).toEqual({ name: "ana", role: "admin", auth: "no_auth" });
    expect((await seeded.caller().projects.list()).projects.length).toBeGreaterThan(0);
  });

  it("token auth: no token is UNAUTHORIZED, a viewer reads but may not mutate, an editor may", async () => {
    appendFileSync(
      join(seeded.root, "rides", "feature_store.yaml"),
      "auth:\n  type: token\n  tokens_file: users.yaml\n",
    );
    for (const role of ["viewer", "editor", "admin"] as const) {
      tokens[role] = addTokenUser(join(seeded.root, "rides", "users.yaml"), `${role}-user`, role).token;
    }
    await seeded.workspace.refresh();

    const anonymous = await rejection(as({ "x-pantry-user": "ana" }).projects.list());
    expect(anonymous.code).toBe("UNAUTHORIZED");
    expect(anonymous.message).toContain("send Authorization: Bearer <token>; create one with 'pantry auth add-user");
    expect((await rejection(as({ authorization: "Bearer wrong" }).auth.me())).code).toBe("UNAUTHORIZED");

    expect(await bearer("viewer").auth.me()).toEqual({ name: "viewer-user", role: "viewer", auth: "token" });
    expect(
      (await bearer("viewer").catalog.list({ project: "fraud", kind: "featureView" })).items.length,
    ).toBeGreaterThan(0);
    const denied = await rejection(bearer("viewer").lifecycle.change({ ...view, values: { action: "reactivate" } }));
    expect(denied.code).toBe("FORBIDDEN");
    expect(denied.message).toBe(
      "user 'viewer-user' has the viewer role and may not deprecate in project 'rides'; that needs the editor role (ask an admin: pantry auth add-user viewer-user --role editor)",
    );

    const sunset = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const deprecated = await bearer("editor").lifecycle.change({
      ...view,
      values: { action: "deprecate", reason: "testing access", replacement: "", sunsetAt: sunset },
    });
    expect(deprecated.status).toMatchObject({ state: "deprecated" });
    const audit = await bearer("viewer").catalog.audit({ project: "rides" });
    expect(audit.items[0]).toMatchObject({ actor: "editor-user" });

    const retire = await rejection(
      bearer("editor").lifecycle.change({ ...view, values: { action: "retire", force: false, replacement: "" } }),
    );
    expect(retire.code).toBe("FORBIDDEN");
    expect(retire.message).toContain("may not retire in project 'rides'; that needs the admin role");
    // The console's cookie holds a session id (the sign-in route opens it); the token stays server-side.
    const session = createSession(tokens.admin);
    const cookie = as({ cookie: `theme=dark; pantry_session=${encodeURIComponent(session)}` });
    expect(await cookie.auth.me()).toEqual({ name: "admin-user", role: "admin", auth: "token" });
    await cookie.lifecycle.change({ ...view, values: { action: "reactivate" } });
    // The raw token is not a session; a signed-out session is no session; a malformed cookie is not a 500.
    expect((await rejection(as({ cookie: `pantry_session=${tokens.admin}` }).auth.me())).code).toBe("UNAUTHORIZED");
    revokeSession(session);
    const signedOut = as({ cookie: `pantry_session=${encodeURIComponent(session)}` });
    expect((await rejection(signedOut.auth.me())).code).toBe("UNAUTHORIZED");
    expect((await rejection(as({ cookie: "pantry_session=%E0%A4%A" }).auth.me())).code).toBe("UNAUTHORIZED");
  });

  it("projects.refresh closes every open store, so it needs the editor role (M8)", async () => {
    const denied = await rejection(bearer("viewer").projects.refresh());
    expect(denied.code).toBe("FORBIDDEN");
    expect(denied.message).toContain("may not edit; that needs the editor role");
    expect((await bearer("editor").projects.refresh()).projects).toContain("rides");
  });

  it("a repo whose auth config cannot be read makes the workspace refuse every call, never no_auth (M2)", async () => {
    const config = join(seeded.root, "rides", "feature_store.yaml");
    const before = readFileSync(config, "utf8");
    writeFileSync(config, before.replace("type: token", "type: oidc"));
    try {
      // No refresh: a changed feature_store.yaml is read again on the next request.
      const refused = await rejection(as({ "x-pantry-user": "ana" }).projects.list());
      expect(refused.code).toBe("PRECONDITION_FAILED");
      expect(refused.message).toContain("never falls back to no_auth");
      expect(refused.message).toContain('auth type "oidc" is not supported');
      expect((await rejection(bearer("admin").auth.me())).code).toBe("PRECONDITION_FAILED");
    } finally {
      writeFileSync(config, before);
      await seeded.workspace.refresh();
    }
    expect(await bearer("viewer").auth.me()).toMatchObject({ name: "viewer-user" });
  });

  it("error messages never show secrets or paths outside the workspace", async () => {
    const config = join(seeded.root, "rides", "feature_store.yaml");
    const before = readFileSync(config, "utf8");
    // A broken online store config with a password, in a repo that still has token auth.
    writeFileSync(
      config,
      `${before}\nonline_store:\n  type: redis\n  connection_string: "redis.internal:notaport,password=hunter2"\n`,
    );
    try {
      await seeded.workspace.refresh();
      const refused = await rejection(as({}).projects.list());
      expect(refused.message).toContain("online_store.connection_string");
      expect(refused.message).not.toContain("hunter2");
    } finally {
      writeFileSync(config, before);
      await seeded.workspace.refresh();
    }
  });
});
