/** The queue engine's naming and failure encoding (the parts that need no Redis). */
import { describe, expect, it } from "vitest";
import { parseRepoConfig, type QueueBatchEngineConfig } from "../src/config/repo-config";
import { PantryError } from "../src/errors";
import {
  decodeFailure,
  describeQueue,
  encodeFailure,
  partitionJobId,
  queueNameFor,
  stopKey,
} from "../src/materialization/queue/bullmq";

const engineOf = (online: string): QueueBatchEngineConfig => {
  const config = parseRepoConfig(`project: p\n${online}batch_engine:\n  type: queue\n`, "/r/feature_store.yaml");
  if (config.batchEngine.type !== "queue") throw new Error("not a queue engine");
  return config.batchEngine;
};

describe("queue engine naming", () => {
  it("names one queue per project, braced on a cluster so BullMQ's keys share a slot", () => {
    const single = engineOf('online_store:\n  type: redis\n  connection_string: "h:6379,password=s3cret"\n');
    expect(queueNameFor(single, "model_a")).toBe("materialize-model_a");
    expect(stopKey(single, "model_a", "job1")).toBe("pantry-queue:materialize-model_a:pantry-stop:job1");
    expect(describeQueue(single, "model_a")).toBe("queue 'materialize-model_a' on Redis h:6379");
    const cluster = engineOf(
      'online_store:\n  type: redis\n  redis_type: redis_cluster\n  connection_string: "a:7000,b:7001"\n',
    );
    expect(queueNameFor(cluster, "model_a")).toBe("{materialize-model_a}");
    expect(partitionJobId("cmx1", 2, 15)).toBe("cmx1-v2-p15");
    expect(partitionJobId("cmx1", 2, 15)).not.toContain(":");
  });

  it("keeps a worker's error code and message through the queue", () => {
    const reason = encodeFailure(new PantryError("NOT_FOUND", "no file at data/x.parquet"));
    expect(reason).toBe("[NOT_FOUND] no file at data/x.parquet");
    expect(decodeFailure(reason)).toEqual({ code: "NOT_FOUND", message: "no file at data/x.parquet" });
    expect(decodeFailure("job stalled more than allowable limit")).toEqual({
      code: null,
      message: "job stalled more than allowable limit",
    });
  });
});
