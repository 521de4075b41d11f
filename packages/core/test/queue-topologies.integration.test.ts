/**
 * The queue engine on the online store's other Redis topologies: a 3-master Redis Cluster (the
 * queue's name braced so BullMQ's keys share a slot) and a Sentinel group. Two workers in this
 * process take the partitions; the job succeeds, the online values are the latest, one interval
 * per view.
 */
import { appendFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FeatureStore } from "../src/feature-store";
import { type OnlineBackend, type OnlineKind, startOnlineBackend } from "../testing/online-backends";
import { createOnlineTestRepo, type OnlineTestRepo } from "../testing/online-test-repo";

const KINDS: OnlineKind[] = ["redis_cluster", "redis_sentinel"];

describe.each(KINDS)("queue engine on %s", (kind) => {
  let backend: OnlineBackend;
  let repo: OnlineTestRepo;
  let store: FeatureStore;

  beforeAll(async () => {
    backend = await startOnlineBackend(kind);
    repo = await createOnlineTestRepo({ online: kind, backend, drivers: 300, hours: 4 });
    appendFileSync(
      join(repo.dir, "feature_store.yaml"),
      `batch_engine:\n  type: queue\n  backend: bullmq\n  partitions: 4\n  key_prefix: pantry-test-queue-${process.pid}\n  visibility_timeout: 5s\n`,
    );
    store = new FeatureStore({ repoPath: repo.dir });
    await store.apply({ actor: "test" });
  }, 120_000);

  afterAll(async () => {
    await store?.close();
    await repo?.cleanup();
    await backend?.stop();
  }, 60_000);

  it("runs the partitions on two workers and ends with the latest values online", async () => {
    expect(store.config.batchEngine.type).toBe("queue");
    const events: string[] = [];
    const workers = await Promise.all(
      [1, 2].map(() => store.startMaterializationWorker({ onEvent: (e) => events.push(e.type) })),
    );
    try {
      const result = await store.materialize(new Date("2024-01-01T00:00:00Z"), new Date("2024-01-02T00:00:00Z"), {
        views: ["driver_hourly_stats", "driver_lifetime"],
      });
      expect(result.status).toBe("succeeded");
      expect(result.rowsWritten).toBe(2 * 300);
      expect(events.filter((e) => e === "finished")).toHaveLength(2 * 4);
      const intervals = (await (await store.registry()).jobs.listIntervals("online_test")).filter(
        (i) => i.jobId === result.jobId,
      );
      expect(intervals).toHaveLength(2);
      const response = await store.getOnlineFeatures({
        features: ["driver_hourly_stats:avg_daily_trips"],
        entityRows: [{ driver_id: 1001 }, { driver_id: 1150 }, { driver_id: 1300 }],
      });
      // Driver 1001's last hour is restated with 1; the others: d * 10 + 3.
      expect(response.toDict().avg_daily_trips).toEqual([1, 11_503, 13_003]);
    } finally {
      for (const worker of workers) await worker.close();
    }
  }, 120_000);
});
