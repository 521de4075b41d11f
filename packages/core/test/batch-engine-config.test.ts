/** feature_store.yaml's batch_engine: local by default, queue on BullMQ with clear errors. */
import { describe, expect, it } from "vitest";
import { parseRepoConfig } from "../src/config/repo-config";

const at = "/repos/model_a/feature_store.yaml";
const redis = 'online_store:\n  type: redis\n  connection_string: "10.0.0.5:6380,password=secret"\n';

describe("batch_engine", () => {
  it("is local, in-process, when absent or type local", () => {
    expect(parseRepoConfig("project: p\n", at).batchEngine).toEqual({ type: "local" });
    expect(parseRepoConfig("project: p\nbatch_engine:\n  type: local\n", at).batchEngine).toEqual({ type: "local" });
  });

  it("queue on BullMQ takes the online store's Redis and Feast-style defaults", () => {
    const config = parseRepoConfig(`project: p\n${redis}batch_engine:\n  type: queue\n  backend: bullmq\n`, at);
    expect(config.batchEngine).toMatchObject({
      type: "queue",
      backend: "bullmq",
      partitions: 16,
      keyPrefix: "pantry-queue",
      queueName: "materialize",
      visibilityTimeoutMs: 30_000,
      maxAttempts: 3,
      redis: { host: "10.0.0.5", port: 6380, password: "secret", redisType: "redis" },
    });
    expect(config.warnings).toEqual([]);
  });

  it("takes partitions, its own Redis, names and the visibility timeout", () => {
    const config = parseRepoConfig(
      "project: p\nbatch_engine:\n  type: queue\n  partitions: 4\n  connection_string: 127.0.0.1:6390\n  key_prefix: q1\n  queue_name: mat\n  visibility_timeout: 2m\n  max_attempts: 5\n  colour: red\n",
      at,
    );
    expect(config.onlineStore.type).toBe("sqlite");
    expect(config.batchEngine).toMatchObject({
      partitions: 4,
      keyPrefix: "q1",
      queueName: "mat",
      visibilityTimeoutMs: 120_000,
      maxAttempts: 5,
      redis: { host: "127.0.0.1", port: 6390 },
    });
    expect(config.warnings).toEqual([`${at}: unknown key 'batch_engine.colour' is ignored`]);
  });

  it("refuses a queue without a Redis, naming what to set", () => {
    expect(() => parseRepoConfig("project: p\nbatch_engine:\n  type: queue\n", at)).toThrow(
      /batch_engine type 'queue' \(backend bullmq\) needs a Redis for its queue, and the online store is sqlite; set online_store to type redis, or give batch_engine.connection_string/,
    );
  });

  it("refuses unknown types and backends, bad partitions, names and timeouts", () => {
    const bad = (block: string) => () => parseRepoConfig(`project: p\n${redis}batch_engine:\n${block}`, at);
    expect(bad("  type: spark\n")).toThrow(/batch_engine type "spark" is not supported; use 'local'.*or 'queue'/);
    expect(bad("  type: queue\n  backend: pg-boss\n")).toThrow(
      /batch_engine.backend "pg-boss" is not supported; use 'bullmq'/,
    );
    expect(bad("  type: queue\n  partitions: 0\n")).toThrow(/batch_engine.partitions must be a whole number above 0/);
    expect(bad("  type: queue\n  partitions: 5000\n")).toThrow(/batch_engine.partitions must be at most 1024/);
    expect(bad("  type: queue\n  queue_name: 'a:b'\n")).toThrow(/batch_engine.queue_name "a:b" must be letters/);
    expect(bad("  type: queue\n  visibility_timeout: soon\n")).toThrow(
      /batch_engine.visibility_timeout must be a duration of at least 1s/,
    );
    expect(() => parseRepoConfig("project: p\nbatch_engine: [queue]\n", at)).toThrow(/batch_engine must be a mapping/);
  });
});
