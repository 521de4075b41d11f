/** The feature server with token auth: 401 without a token, 403 below the endpoint's role, 200 with it. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { accessPolicyFor, addTokenUser, parseRepoConfig, servingRegistryFrom } from "@pantry/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOnlineTestRepo, type OnlineTestRepo, servableFromParts } from "@pantry/core/testing";
import { type RunningFeatureServer, startFeatureServer } from "../src/index";
import { get, post } from "./helpers";

describe("feature server access control", () => {
  let repo: OnlineTestRepo;
  let running: RunningFeatureServer;
  let viewer = "";
  let editor = "";

  beforeAll(async () => {
    repo = await createOnlineTestRepo({ online: "sqlite" });
    await repo.store.apply({ actor: "test" });
    const users = join(mkdtempSync(join(tmpdir(), "pantry-server-auth-")), "users.yaml");
    viewer = addTokenUser(users, "vic", "viewer").token;
    editor = addTokenUser(users, "eve", "editor").token;
    const config = parseRepoConfig(
      `project: online_test\nauth:\n  type: token\n  tokens_file: ${users}\n`,
      "/r/feature_store.yaml",
    );
    const registry = await repo.store.registry();
    running = await startFeatureServer({
      port: 0,
      access: accessPolicyFor([config]),
      projects: [
        servableFromParts({ project: repo.store.project, registry: servingRegistryFrom(registry), onlineStore: repo.onlineStore }),
      ],
    });
  });
  afterAll(async () => {
    await running?.close();
    await repo?.cleanup();
  });

  const push = (headers: Record<string, string>) =>
    post(
      running.url,
      "/push",
      {
        push_source_name: "driver_stats_push",
        df: {
          driver_id: [1003],
          event_timestamp: ["2024-02-01T00:00:00Z"],
          conv_rate: [0.42],
          acc_rate: [0.1],
          avg_daily_trips: [1],
          created: ["2024-02-01T00:00:00Z"],
        },
      },
      headers,
    );

  it("answers 401 without a token and 403 to a viewer pushing, in the server's error format", async () => {
    expect((await get(running.url, "/health")).status).toBe(200);
    const anonymous = await push({});
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toMatchObject({ error: { code: "UNAUTHENTICATED" } });
    expect(String(anonymous.body.detail)).toContain("send Authorization: Bearer <token>");
    expect((await push({ authorization: "Bearer not-a-token" })).status).toBe(401);

    const denied = await push({ authorization: `Bearer ${viewer}` });
    expect(denied.status).toBe(403);
    expect(denied.body).toMatchObject({
      error: { code: "PERMISSION_DENIED" },
      detail:
        "user 'vic' has the viewer role and may not push in project 'online_test'; that needs the editor role (ask an admin: pantry auth add-user vic --role editor)",
    });
  });

  it("lets a viewer read and an editor push", async () => {
    const read = await post(
      running.url,
      "/get-online-features",
      { features: ["driver_fresh:conv_rate"], entities: { driver_id: [1003] } },
      { authorization: `Bearer ${viewer}` },
    );
    expect(read.status).toBe(200);
    const pushed = await push({ authorization: `Bearer ${editor}` });
    expect(pushed.status).toBe(200);
    expect(pushed.body).toEqual({ views: [{ feature_view: "driver_fresh", rows_received: 1, rows_written: 1 }] });
  });
});
