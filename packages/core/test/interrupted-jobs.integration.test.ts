/**
 * Interrupted jobs over a real SQLite registry: a run whose process stops (here: a run stuck in a
 * read that never returns, so its heartbeat ages) is marked failed once its heartbeat is older than
 * INTERRUPTED_AFTER_MS, a live one is left alone, a cancelled one ends cancelled, and the next
 * incremental run redoes exactly the views it did not finish (they have no interval).
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { INTERRUPTED_AFTER_MS, sweepInterruptedJobs } from "../src/materialization/interrupted";
import { parseJobProgress } from "../src/materialization/registry";
import { type MaterializationContext, materializeIncremental } from "../src/materialization/run-materialization";
import type { Registry } from "../src/registry/registry";
import { appliedMaterializationContext, createOnlineTestRepo, type OnlineTestRepo } from "../testing/online-test-repo";

const HOUR = 3_600_000;
const STUCK_VIEW = "driver_lifetime";

describe("interrupted materialization jobs", () => {
  let repo: OnlineTestRepo;
  let registry: Registry;
  let context: MaterializationContext;

  beforeEach(async () => {
    repo = await createOnlineTestRepo({ online: "sqlite" });
    context = await appliedMaterializationContext(repo);
    registry = await repo.store.registry();
  });
  afterEach(async () => {
    await repo.cleanup();
  });

  /** Starts a run that stops in STUCK_VIEW's read until aborted, as a frozen or dead process would. */
  async function startStuckRun(end: Date) {
    const controller = new AbortController();
    let reached: () => void = () => undefined;
    const stuck = new Promise<void>((resolve) => {
      reached = resolve;
    });
    const offline = context.offlineStore;
    const stuckContext: MaterializationContext = {
      ...context,
      offlineStore: {
        countLatest: (o) => offline.countLatest(o),
        describeSource: (s) => offline.describeSource(s),
        pullLatest: (o) =>
          o.view.name === STUCK_VIEW
            ? (async function* () {
                reached();
                await new Promise((_, reject) =>
                  o.signal?.addEventListener("abort", () =>
                    reject(Object.assign(new Error("aborted"), { name: "AbortError" })),
                  ),
                );
                yield* [];
              })()
            : offline.pullLatest(o),
      },
    };
    let jobId = "";
    const running = materializeIncremental(stuckContext, {
      end,
      now: end,
      signal: controller.signal,
      onJobCreated: (id) => {
        jobId = id;
      },
    });
    running.catch(() => undefined);
    await stuck;
    return { jobId, stop: () => controller.abort(), running };
  }

  it("marks a job with a stale heartbeat failed (a live one not) and the next run redoes its unfinished views", async () => {
    const e1 = new Date(repo.lastEventTs.getTime() + HOUR);
    await materializeIncremental(context, { end: e1, now: e1 });
    const e2 = new Date(e1.getTime() + HOUR);
    const run = await startStuckRun(e2);
    const db = registry.jobs;

    // Live: its heartbeat is fresh, so nothing is swept.
    expect(await sweepInterruptedJobs(db, { project: "online_test" })).toEqual([]);
    expect((await db.getJob(run.jobId))?.status).toBe("running");
    const heartbeatAt = (await db.getJob(run.jobId))?.heartbeatAt;
    expect(heartbeatAt).toBeInstanceOf(Date);

    // Later than the threshold, with no heartbeat since: interrupted.
    const later = new Date(Date.now() + INTERRUPTED_AFTER_MS + 1000);
    const swept = await sweepInterruptedJobs(db, { project: "online_test", now: later });
    const error = `interrupted: the process running it stopped (last heartbeat ${heartbeatAt?.toISOString()})`;
    expect(swept).toEqual([{ id: run.jobId, project: "online_test", status: "failed", error }]);
    const job = await db.getJob(run.jobId);
    expect(job).toMatchObject({ status: "failed", error, finishedAt: later });
    const progress = parseJobProgress(job?.progress ?? "{}");
    expect(progress[STUCK_VIEW]).toMatchObject({ status: "failed", error });
    const finished = Object.keys(progress).filter((v) => progress[v]?.status === "succeeded");
    expect(finished).not.toContain(STUCK_VIEW);
    // Swept once only.
    expect(await sweepInterruptedJobs(db, { project: "online_test", now: later })).toEqual([]);

    // The next incremental run picks the stuck view up from the last run that finished it (e1),
    // and the views the interrupted run finished from that run's end (e2).
    const e3 = new Date(e2.getTime() + HOUR);
    const next = await materializeIncremental(context, { end: e3, now: e3 });
    for (const view of next.views) {
      const expected = view.name === STUCK_VIEW || !finished.includes(view.name) ? e1 : e2;
      expect([view.name, view.start?.toISOString()]).toEqual([view.name, expected.toISOString()]);
    }
    expect(next.views.find((v) => v.name === STUCK_VIEW)?.status).toBe("succeeded");

    run.stop();
    await expect(run.running).rejects.toThrow(/cancelled/);
  });

  it("ends an interrupted job whose cancel had been asked for as cancelled", async () => {
    const e1 = new Date(repo.lastEventTs.getTime() + HOUR);
    const run = await startStuckRun(e1);
    const db = registry.jobs;
    expect(await db.requestCancel(run.jobId)).toBe(true);
    const later = new Date(Date.now() + INTERRUPTED_AFTER_MS + 1000);
    expect(await sweepInterruptedJobs(db, { project: "online_test", now: later })).toMatchObject([
      { id: run.jobId, status: "cancelled" },
    ]);
    expect((await db.getJob(run.jobId))?.status).toBe("cancelled");
    run.stop();
    await expect(run.running).rejects.toThrow(/cancelled/);
  });
});
