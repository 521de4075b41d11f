/**
 * PostgreSQL restarted under the console's API (the tRPC endpoint over real HTTP, the same
 * handler as apps/web's route), on a server of the test's own, never the shared one. While it is
 * down every call that reads the registry answers at once with 503 (tRPC SERVICE_UNAVAILABLE,
 * pantryCode UNAVAILABLE, naming the registry without its password); none hangs. When it is back
 * the same workspace answers again without a restart.
 */
import { type PostgresServerHandle, postgresBinariesPresent, startPostgresServer } from "@pantry/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveTrpc, type TrpcHttp } from "./support/http";
import { type SeededWorkspace, seedWorkspace } from "./support/seed-workspace";

describe.runIf(postgresBinariesPresent())("the console API while its PostgreSQL registry restarts", () => {
  let postgres: PostgresServerHandle;
  let seeded: SeededWorkspace;
  let http: TrpcHttp;

  beforeAll(async () => {
    postgres = await startPostgresServer();
    seeded = await seedWorkspace({ postgresUrl: postgres.url("pantry_console") });
    http = await serveTrpc(seeded.workspace);
  }, 180_000);

  afterAll(async () => {
    await http?.close();
    await seeded?.cleanup().catch(() => undefined);
    postgres?.destroy();
  }, 60_000);

  const list = async () => {
    const started = Date.now();
    const answer = await http.query("catalog.list", { project: "rides", kind: "featureView", limit: 10 });
    return { ...answer, ms: Date.now() - started };
  };

  it("answers 503 UNAVAILABLE at once during the outage and recovers by itself", async () => {
    const before = await list();
    expect(before.status, JSON.stringify(before.body)).toBe(200);

    postgres.stop();
    const outage = [await list(), await list(), await list()];
    for (const answer of outage) {
      expect(answer.status, JSON.stringify(answer.body)).toBe(503);
      expect(answer.body.error?.json.data.code).toBe("SERVICE_UNAVAILABLE");
      expect(answer.body.error?.json.data.pantryCode).toBe("UNAVAILABLE");
      expect(answer.body.error?.json.message).toMatch(
        /^the registry at postgresql:\/\/postgres@127.0.0.1:\d+\/pantry_console failed: Can.t reach database server at 127.0.0.1:\d+; check that the database is running and reachable \(Pantry reconnects by itself once it is back\)$/,
      );
      expect(answer.ms).toBeLessThan(10_000);
    }
    // The solo repo has a SQLite registry of its own: it keeps answering.
    const solo = await http.query("catalog.list", { project: "solo", kind: "featureView", limit: 10 });
    expect(solo.status, JSON.stringify(solo.body)).toBe(200);

    postgres.start();
    const backAt = Date.now();
    let after = await list();
    while (after.status !== 200 && Date.now() - backAt < 20_000) {
      await new Promise((r) => setTimeout(r, 200));
      after = await list();
    }
    expect(after.status, JSON.stringify(after.body)).toBe(200);
    expect(after.body).toEqual(before.body);
    console.log(
      `outage answers: ${outage.map((a) => `${a.status} in ${a.ms} ms`).join(", ")}; 200 again ${Date.now() - backAt} ms after PostgreSQL was back; message: ${outage[0]?.body.error?.json.message}`,
    );
  }, 240_000);
});
