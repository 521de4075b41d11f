/**
 * Materialization launched from the console: what a run would read (preview), starting it in the
 * background of the server process (the caller gets the job id at once, the job record carries
 * progress and the outcome), one job's detail, and cancelling it.
 */
import { registerShutdownHook } from "../deploy/shutdown-hooks";
import { isPantryError, PantryError } from "../errors";
import type { FeatureStore } from "../feature-store";
import { parseJobProgress, type ViewJobProgress } from "../materialization/registry";
import { parseTimestampArgument, type ViewWindow } from "../materialization/windows";
import type { ProjectHandle } from "../workspace/workspace";
import { type MaterializationJobSummary, toJobSummary } from "./operations";

export interface ConsoleMaterializationRequest {
  project: string;
  /** incremental: each view from its last interval up to `end`; window: every view over start..end. */
  mode: "incremental" | "window";
  /** ISO 8601, naive = UTC. Window mode only. */
  start?: string | null;
  /** ISO 8601, naive = UTC; empty = now. */
  end?: string | null;
  /** Empty = every online view of the project. */
  views?: string[];
}

export interface ViewRunPreview {
  name: string;
  start: Date | null;
  end: Date;
  upToDate: boolean;
  basis: ViewWindow["basis"];
}

export interface MaterializationPreview {
  mode: ConsoleMaterializationRequest["mode"];
  end: Date;
  views: ViewRunPreview[];
}

export interface MaterializationJobDetail extends MaterializationJobSummary {
  progress: (ViewJobProgress & { name: string })[];
}

/** The windows the run would read now, computed by the same code the run uses. */
export async function previewMaterialization(
  { store }: Pick<ProjectHandle, "store">,
  request: ConsoleMaterializationRequest,
  now = new Date(),
): Promise<MaterializationPreview> {
  const window = parseWindow(request, now);
  const { targets, windows } = await store.planMaterialization(
    window.mode === "window"
      ? { mode: "full", start: window.start, end: window.end, views: request.views }
      : { mode: "incremental", end: window.end, now, views: request.views },
  );
  const views = targets.map(({ view }) => {
    const planned = windows.get(view.name) as ViewWindow;
    return {
      name: view.name,
      start: planned.start,
      end: planned.end,
      upToDate: planned.upToDate,
      basis: planned.basis,
    };
  });
  return { mode: request.mode, end: window.end, views };
}

/** Runs started from the console that have not ended: a server stopping on SIGTERM waits for them. */
const backgroundRuns = new Set<Promise<unknown>>();
let waitsOnShutdown = false;

function trackBackgroundRun(run: Promise<unknown>): void {
  const tracked = run.catch(() => undefined).finally(() => backgroundRuns.delete(tracked));
  backgroundRuns.add(tracked);
  if (waitsOnShutdown) return;
  waitsOnShutdown = true;
  registerShutdownHook("stop", async () => {
    waitsOnShutdown = false;
    await Promise.all([...backgroundRuns]);
  });
}

/** Starts the run and resolves with its job id as soon as the job record exists. */
export async function startMaterialization(
  { store }: Pick<ProjectHandle, "store">,
  request: ConsoleMaterializationRequest,
  now = new Date(),
): Promise<{ jobId: string }> {
  const window = parseWindow(request, now);
  const jobId = await new Promise<string>((resolve, reject) => {
    let created = false;
    const options = {
      views: request.views?.length ? request.views : undefined,
      trigger: "console",
      onJobCreated: (id: string) => {
        created = true;
        resolve(id);
      },
    };
    // Not awaited: the run outlives the request. Once the job exists its record holds the outcome.
    const run = runOn(store, window, options);
    trackBackgroundRun(run);
    run.catch((error: unknown) => {
      if (!created) reject(error);
    });
  });
  return { jobId };
}

export async function getMaterializationJob(
  { registry }: Pick<ProjectHandle, "registry">,
  options: { project: string; id: string },
): Promise<MaterializationJobDetail> {
  const job = await registry.readJobs(options.project, (jobs) => jobs.getJob(options.id));
  if (!job || job.projectName !== options.project) {
    throw new PantryError(
      "NOT_FOUND",
      `materialization job ${options.id} is not in project '${options.project}'; pick one from the jobs list`,
      { job: options.id },
    );
  }
  const progress = Object.entries(parseJobProgress(job.progress)).map(([name, view]) => ({ name, ...view }));
  return { ...toJobSummary(job), progress };
}

/** Flags the job; it stops at its next batch and records no interval for unfinished views. */
export async function cancelMaterializationJob(
  { registry }: Pick<ProjectHandle, "registry">,
  options: { project: string; id: string },
): Promise<{ cancelRequested: boolean; status: string }> {
  const job = await getMaterializationJob({ registry }, options);
  const cancelRequested = await registry.jobs.requestCancel(job.id);
  return { cancelRequested, status: job.status };
}

type ParsedWindow = { mode: "window"; start: Date; end: Date } | { mode: "incremental"; end: Date };

function parseWindow(request: ConsoleMaterializationRequest, now: Date): ParsedWindow {
  const end = request.end?.trim() ? parseField(request.end, "end") : now;
  if (request.mode === "incremental") return { mode: "incremental", end };
  if (!request.start?.trim()) {
    throw new PantryError("INVALID_ARGUMENT", "a window needs a start; write 2024-01-31 or 2024-01-31T10:00:00 (UTC)", {
      field: "start",
    });
  }
  const start = parseField(request.start, "start");
  if (start.getTime() > end.getTime()) {
    throw new PantryError(
      "INVALID_ARGUMENT",
      `the end ${end.toISOString()} is before the start ${start.toISOString()}; pick an end after the start`,
      { field: "end" },
    );
  }
  return { mode: "window", start, end };
}

function parseField(text: string, field: "start" | "end"): Date {
  try {
    return parseTimestampArgument(text, field);
  } catch (error) {
    throw isPantryError(error) ? new PantryError(error.code, error.message, { ...error.details, field }) : error;
  }
}

function runOn(
  store: FeatureStore,
  window: ParsedWindow,
  options: { views?: string[]; trigger: string; onJobCreated: (id: string) => void },
) {
  return window.mode === "window"
    ? store.materialize(window.start, window.end, options)
    : store.materializeIncremental(window.end, options);
}
