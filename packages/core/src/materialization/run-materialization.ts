/**
 * materialize / materializeIncremental (docs/DOMAIN.md): for each online view, the latest row per
 * entity in the window goes to the online store, then (start, end) joins the view's intervals.
 * An interval is recorded only for a view that finished, so after a failure or a cancel the next
 * incremental run redoes exactly the views that did not.
 */
import type { BatchEngineConfig } from "../config/repo-config";
import type { RepoContents } from "../definitions/types";
import { isPantryError, PantryError } from "../errors";
import type { MaterializationBatch, OfflineStore } from "../offline/types";
import type { OnlineStore } from "../online/types";
import { JobTracker, type MaterializationProgress } from "./job-tracker";
import type { MaterializationMode, MaterializationRegistry, ViewMaterializationStatus } from "./registry";
import { planMaterializationWindows } from "./plan";
import { runOnQueue } from "./queue/coordinator";
import type { MaterializationTarget } from "./targets";
import { checkExpectations, hasExpectations } from "./expectations";
import { schemaProblems } from "./validate-schema";
import type { ViewWindow } from "./windows";

export interface MaterializationContext {
  project: string;
  /** The project's registry contents (specs). */
  contents: RepoContents;
  offlineStore: Pick<OfflineStore, "pullLatest" | "countLatest" | "describeSource" | "querySource">;
  onlineStore: OnlineStore;
  registry: MaterializationRegistry;
  /** Where the writing runs (feature_store.yaml's batch_engine); absent = local, in this process. */
  batchEngine?: BatchEngineConfig;
  /**
   * Called once a run succeeded, with the views it wrote and their windows (feature statistics
   * over them). Its failure never fails the run; it is reported through `onAfterRunError`.
   */
  afterRun?: (run: { jobId: string; views: { name: string; start: Date | null; end: Date }[] }) => Promise<void>;
  onAfterRunError?: (error: unknown) => void;
}

export interface MaterializationRunOptions {
  /** Only these views (default: every online view). */
  views?: string[];
  /** Who started the run: cli, sdk, http, schedule. Stored on the job. */
  trigger?: string;
  signal?: AbortSignal;
  onProgress?: (progress: MaterializationProgress) => void;
  /** Called once the job record exists (to print its id, or to cancel it later). */
  onJobCreated?: (jobId: string) => void;
  /** Clock for the first incremental window (tests). */
  now?: Date;
  /** Rows per batch read from the offline store (default 10,000). */
  batchSize?: number;
  /** How often the job's cancel flag is read from the registry (default 500 ms). */
  cancelPollMs?: number;
}

export interface ViewMaterializationResult {
  name: string;
  start: Date | null;
  end: Date;
  status: ViewMaterializationStatus;
  rowsRead: number;
  rowsWritten: number;
}

export interface MaterializationResult {
  jobId: string;
  mode: MaterializationMode;
  status: "succeeded";
  /** Failed expectations of views that say onValidationFailure: "warn" (the run went on). */
  warnings: string[];
  views: ViewMaterializationResult[];
  rowsRead: number;
  rowsWritten: number;
  durationMs: number;
}

export async function materialize(
  context: MaterializationContext,
  options: MaterializationRunOptions & { start: Date; end: Date },
): Promise<MaterializationResult> {
  const { targets, windows } = await planMaterializationWindows(context, { mode: "full", ...options });
  return run(context, options, { mode: "full", targets, windows, start: options.start, end: options.end });
}

export async function materializeIncremental(
  context: MaterializationContext,
  options: MaterializationRunOptions & { end: Date },
): Promise<MaterializationResult> {
  const { targets, windows } = await planMaterializationWindows(context, {
    mode: "incremental",
    ...options,
    now: options.now ?? new Date(),
  });
  return run(context, options, { mode: "incremental", targets, windows, start: null, end: options.end });
}

interface RunPlan {
  mode: MaterializationMode;
  targets: MaterializationTarget[];
  windows: Map<string, ViewWindow>;
  /** The job's window as asked (incremental runs have one start per view). */
  start: Date | null;
  end: Date;
}

async function run(
  context: MaterializationContext,
  options: MaterializationRunOptions,
  plan: RunPlan,
): Promise<MaterializationResult> {
  const { mode, targets, windows } = plan;
  const started = Date.now();
  const names = targets.map((t) => t.view.name);
  const job = await context.registry.createJob({
    projectName: context.project,
    mode,
    views: names,
    startTs: plan.start,
    endTs: plan.end,
    trigger: options.trigger ?? "sdk",
  });
  options.onJobCreated?.(job.id);
  const tracker = new JobTracker(job.id, context.registry, names, windows, options);
  let counting: Promise<void> = Promise.resolve();
  try {
    await tracker.start();
    const pending = targets.filter((t) => !windows.get(t.view.name)?.upToDate);
    await validateAll(context, pending);
    await checkAllExpectations(context, pending, windows, tracker);
    // Counts (for the progress total) run beside the writes: the offline engine counts on its own
    // threads while this one converts and writes, instead of one full extra pass up front.
    counting = countInBackground(context, pending, windows, options, tracker);
    tracker.setPhase("writing");
    if (context.batchEngine?.type === "queue") {
      await runOnQueue(context, context.batchEngine, pending, windows, tracker, options);
    } else {
      for (const target of pending) {
        await materializeView(context, target, windows.get(target.view.name) as ViewWindow, tracker, options);
      }
    }
    await counting;
    await tracker.finish("succeeded", null);
  } catch (caught) {
    const error = isAbort(caught) ? cancelled(job.id) : caught;
    const isCancel = isPantryError(error) && error.code === "CANCELLED";
    const message = error instanceof Error ? error.message : String(error);
    await counting;
    await tracker.finish(isCancel ? "cancelled" : "failed", message).catch(() => undefined);
    if (isPantryError(error)) throw new PantryError(error.code, error.message, { ...error.details, jobId: job.id });
    throw new PantryError("INTERNAL", `materialization job ${job.id} failed: ${message}`, { jobId: job.id });
  }
  const written = names
    .map((name) => tracker.view(name))
    .map((view, i) => ({ name: names[i] as string, view }))
    .filter(({ view }) => view.status === "succeeded");
  if (context.afterRun && written.length > 0) {
    await context
      .afterRun({
        jobId: job.id,
        views: written.map(({ name, view }) => ({
          name,
          start: view.startTs ? new Date(view.startTs) : null,
          end: new Date(view.endTs),
        })),
      })
      .catch((error) => context.onAfterRunError?.(error));
  }
  return {
    jobId: job.id,
    mode,
    status: "succeeded",
    warnings: names.flatMap((name) => tracker.view(name).warnings ?? []),
    views: names.map((name) => {
      const view = tracker.view(name);
      return {
        name,
        start: view.startTs ? new Date(view.startTs) : null,
        end: new Date(view.endTs),
        status: view.status,
        rowsRead: view.rowsRead,
        rowsWritten: view.rowsWritten,
      };
    }),
    rowsRead: tracker.rowsRead,
    rowsWritten: tracker.rowsWritten,
    durationMs: Date.now() - started,
  };
}

/** Never rejects: a failed count only leaves the progress total unknown. */
async function countInBackground(
  context: MaterializationContext,
  targets: MaterializationTarget[],
  windows: Map<string, ViewWindow>,
  options: MaterializationRunOptions,
  tracker: JobTracker,
): Promise<void> {
  for (const target of targets) {
    if (options.signal?.aborted) return;
    try {
      tracker.setCount(target.view.name, await context.offlineStore.countLatest(pullOptions(target, windows, options)));
    } catch {
      return;
    }
  }
}

async function validateAll(context: MaterializationContext, targets: MaterializationTarget[]): Promise<void> {
  const problems: string[] = [];
  for (const target of targets) {
    const columns = await context.offlineStore.describeSource(target.source);
    problems.push(...schemaProblems(target, columns));
  }
  if (problems.length > 0) {
    throw new PantryError(
      "INVALID_ARGUMENT",
      `the sources do not match the feature views; nothing was written:\n${problems.map((p) => `  - ${p}`).join("\n")}`,
      { problems },
    );
  }
}

/**
 * Expectations of every pending view over the window it is about to read. A failure fails the
 * run before anything is written, naming the feature, the rule and sample rows; a view with
 * onValidationFailure "warn" keeps going, the failures kept as warnings on the job.
 */
async function checkAllExpectations(
  context: MaterializationContext,
  targets: MaterializationTarget[],
  windows: Map<string, ViewWindow>,
  tracker: JobTracker,
): Promise<void> {
  const errors: string[] = [];
  for (const target of targets) {
    if (!hasExpectations(target)) continue;
    const window = windows.get(target.view.name) as ViewWindow;
    const failures = await checkExpectations(context.offlineStore, target, window);
    if (failures.length === 0) continue;
    const messages = failures.map((f) => f.message);
    if (target.view.onValidationFailure === "warn") tracker.addWarnings(target.view.name, messages);
    else errors.push(...messages);
  }
  if (errors.length > 0) {
    throw new PantryError(
      "FAILED_PRECONDITION",
      `expectations failed; nothing was written:\n${errors.map((e) => `  - ${e}`).join("\n")}`,
      { expectations: errors },
    );
  }
}

function pullOptions(
  target: MaterializationTarget,
  windows: Map<string, ViewWindow>,
  options: MaterializationRunOptions,
) {
  const window = windows.get(target.view.name) as ViewWindow;
  return {
    view: target.view,
    source: target.source,
    entities: target.entities,
    start: window.start,
    end: window.end,
    batchSize: options.batchSize ?? 10_000,
    signal: options.signal,
  };
}

/** Writes outstanding per view; measured on Redis 1M x 10: 1 -> 2 keeps Redis busy between batches. */
const WRITES_IN_FLIGHT = 2;

async function materializeView(
  context: MaterializationContext,
  target: MaterializationTarget,
  window: ViewWindow,
  tracker: JobTracker,
  options: MaterializationRunOptions,
): Promise<void> {
  const name = target.view.name;
  await tracker.viewStarted(name);
  const joinKeys = target.joinKeys.map((k) => k.name);
  const write = async (batch: MaterializationBatch) => {
    const written = await context.onlineStore.write({
      project: context.project,
      view: target.view,
      joinKeys,
      ...batch,
    });
    await tracker.rowsWrittenTo(name, written, newestOf(batch.eventTimestamps));
  };
  // Read ahead: the next batch is requested before this one is written, so the offline engine's
  // native work overlaps the write (even a synchronous SQLite one). Up to WRITES_IN_FLIGHT writes
  // are outstanding, so a store in another process (Redis) has the next batch queued while this
  // process encodes the one after it, instead of idling between batches.
  const batches = context.offlineStore
    .pullLatest({
      ...pullOptions(target, new Map([[name, window]]), options),
      encodeValues: context.onlineStore.acceptsEncodedValues === true,
    })
    [Symbol.asyncIterator]();
  const inFlight: Promise<void>[] = [];
  const settleAll = () => Promise.all(inFlight.splice(0));
  try {
    let step = await batches.next();
    while (!step.done) {
      const batch = step.value;
      tracker.rowsReadFrom(name, batch.entityKeys.length);
      if (inFlight.length >= WRITES_IN_FLIGHT) await inFlight.shift();
      if (await tracker.cancelRequested()) throw cancelled(tracker.jobId);
      const upcoming = batches.next();
      upcoming.catch(() => undefined); // awaited below; this only stops an unhandled-rejection report
      const writing = write(batch);
      writing.catch(() => undefined);
      inFlight.push(writing);
      step = await upcoming;
    }
    await settleAll();
    // A reader may stop early on abort instead of throwing: never record an interval for a partial view.
    if (options.signal?.aborted) throw cancelled(tracker.jobId);
  } catch (error) {
    await Promise.allSettled(inFlight.splice(0));
    await batches.return?.(undefined).catch(() => undefined);
    const isCancel = isPantryError(error) && error.code === "CANCELLED";
    await tracker.viewFinished(
      name,
      isCancel ? "cancelled" : "failed",
      error instanceof Error ? error.message : String(error),
    );
    throw isAbort(error) ? cancelled(tracker.jobId) : error;
  }
  await context.registry.addInterval(context.project, name, window.start ?? new Date(0), window.end, tracker.jobId);
  await tracker.viewFinished(name, "succeeded");
}

function newestOf(timestamps: Date[]): Date | null {
  let newest = Number.NEGATIVE_INFINITY;
  for (const ts of timestamps) {
    const ms = ts.getTime();
    if (ms > newest) newest = ms;
  }
  return Number.isFinite(newest) ? new Date(newest) : null;
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === "AbortError";
}

function cancelled(jobId: string): PantryError {
  return new PantryError(
    "CANCELLED",
    `materialization job ${jobId} was cancelled; views not finished keep no interval`,
    { jobId },
  );
}
