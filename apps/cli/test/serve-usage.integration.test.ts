/** Usage recorded by the feature server lands in the registry, per consumer and feature. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FeatureStore, initRepo } from "@pantry/core";
import { runServeCommand } from "../src/commands/serve";

describe("feature server usage", () => {
  let workdir: string;
  let repoPath: string;

  beforeAll(async () => {
    workdir = mkdtempSync(join(tmpdir(), "pantry-usage-"));
    repoPath = await initRepo({ name: "usage_demo", parentPath: workdir, now: new Date("2026-11-01T00:00:00Z") });
    const store = new FeatureStore({ repoPath });
    await store.apply({ actor: "test" });
    await store.materialize(new Date("2020-01-01T00:00:00Z"), new Date("2026-11-01T00:00:00Z"));
    await store.close();
  });
  afterAll(() => rmSync(workdir, { recursive: true, force: true }));

  it("rolls up requests per consumer and feature into the registry", async () => {
    const server = await runServeCommand([new FeatureStore({ repoPath })], { port: 0, host: "127.0.0.1" });
    const url = `${server.url}/get-online-features`;
    for (const consumer of ["eta_model", "eta_model", "churn_model"]) {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", "x-pantry-consumer": consumer },
        body: JSON.stringify({ features: ["driver_profile:vehicle_type"], entities: { driver_id: [1001, 1002] } }),
      });
      expect(response.status).toBe(200);
    }
    await server.stop();

    const store = new FeatureStore({ repoPath });
    const registry = await store.registry();
    const usage = await registry.usage.listUsage({ projectName: "usage_demo", since: new Date(0) });
    const byConsumer = Object.fromEntries(usage.map((u) => [u.consumer, u.requests]));
    expect(byConsumer).toEqual({ eta_model: 2, churn_model: 1 });
    expect(usage.every((u) => u.featureRef === "driver_profile:vehicle_type")).toBe(true);
    await registry.close();
  });
});
