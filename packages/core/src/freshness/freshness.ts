/**
 * Freshness of a project's online views (docs/DOMAIN.md): now - newest event time online, against the
 * view's expected freshness. An online store that does not answer makes the views "unknown" with
 * its error, never a failed page.
 */
import type { FeatureViewSpec } from "../definitions/types";
import type { MaterializationJobRecord } from "../materialization/registry";
import type { OnlineStore } from "../online/types";
import { type ExpectedFreshness, expectedFreshness, type FreshnessSchedule, scheduleIntervalFor } from "./expected";
import { isSuccessfulRun, type LagPoint, lagHistory, viewRuns } from "./history";

export type FreshnessState = "fresh" | "stale" | "never_materialized" | "no_expectation" | "unknown";

export interface LastViewJob {
  id: string;
  finishedAt: Date;
  status: string;
  rowsWritten: number;
}

export interface ViewFreshness {
  view: string;
  state: FreshnessState;
  /** Newest event time online; null when empty or unknown. */
  newestEventTs: Date | null;
  /** now - newestEventTs in ms; null when there is none. */
  lagMs: number | null;
  expected: ExpectedFreshness;
  /** Why the state is unknown (the online store's error, a bad tag). */
  error: string | null;
  lastJob: LastViewJob | null;
  /** Lag at the end of each successful run, oldest first. */
  history: LagPoint[];
}

export interface ProjectFreshness {
  project: string;
  checkedAt: Date;
  views: ViewFreshness[];
  staleCount: number;
  unknownCount: number;
  /** True when no view has ever been materialized (nothing online, no job). */
  nothingMaterialized: boolean;
}

export interface FreshnessInput {
  project: string;
  views: FeatureViewSpec[];
  onlineStore: Pick<OnlineStore, "newestEventTimestamp">;
  /** The project's materialization jobs, any order. */
  jobs: MaterializationJobRecord[];
  /** The project's materialization schedules: one covering a view sets its default expectation. */
  schedules?: FreshnessSchedule[];
  now?: Date;
}

export async function computeFreshness(input: FreshnessInput): Promise<ProjectFreshness> {
  const now = input.now ?? new Date();
  const online = input.views.filter((v) => v.online).sort((a, b) => a.name.localeCompare(b.name));
  const views = await Promise.all(online.map((view) => viewFreshness(input, view, now)));
  return {
    project: input.project,
    checkedAt: now,
    views,
    staleCount: views.filter((v) => v.state === "stale").length,
    unknownCount: views.filter((v) => v.state === "unknown").length,
    nothingMaterialized: views.every((v) => v.state === "never_materialized" && v.lastJob === null),
  };
}

async function viewFreshness(input: FreshnessInput, view: FeatureViewSpec, now: Date): Promise<ViewFreshness> {
  const runs = viewRuns(input.jobs, view.name);
  const last = runs.at(-1);
  const base = {
    view: view.name,
    lastJob: last
      ? { id: last.jobId, finishedAt: last.finishedAt, status: last.status, rowsWritten: last.rowsWritten }
      : null,
    history: lagHistory(runs),
  };
  let expected: ExpectedFreshness = { ms: null, basis: "none" };
  try {
    expected = expectedFreshness(
      view,
      runs.filter(isSuccessfulRun).map((r) => r.finishedAt),
      scheduleIntervalFor(view.name, input.schedules ?? []),
    );
  } catch (error) {
    return { ...base, state: "unknown", newestEventTs: null, lagMs: null, expected, error: messageOf(error) };
  }
  let newest: Date | null;
  try {
    newest = await input.onlineStore.newestEventTimestamp(input.project, view.name);
  } catch (error) {
    return {
      ...base,
      state: "unknown",
      newestEventTs: null,
      lagMs: null,
      expected,
      error: `online store: ${messageOf(error)}`,
    };
  }
  const lagMs = newest ? Math.max(0, now.getTime() - newest.getTime()) : null;
  return { ...base, state: stateOf(lagMs, expected), newestEventTs: newest, lagMs, expected, error: null };
}

function stateOf(lagMs: number | null, expected: ExpectedFreshness): FreshnessState {
  if (lagMs === null) return "never_materialized";
  if (expected.ms === null) return "no_expectation";
  return lagMs > expected.ms ? "stale" : "fresh";
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
