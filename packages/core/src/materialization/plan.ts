/**
 * Which views a run covers and the window each one reads, computed before anything runs: the
 * run uses it, and the console shows it ("what will run") from the same code.
 */
import type { RepoContents } from "../definitions/types";
import type { MaterializationRegistry } from "./registry";
import { type MaterializationTarget, resolveMaterializationTargets } from "./targets";
import { fullWindow, incrementalWindow, type ViewWindow } from "./windows";

export type MaterializationWindowRequest =
  | { mode: "full"; start: Date; end: Date; views?: string[] }
  /** `now` is the clock for a first run's now - ttl. */
  | { mode: "incremental"; end: Date; now: Date; views?: string[] };

export interface MaterializationWindowPlan {
  targets: MaterializationTarget[];
  windows: Map<string, ViewWindow>;
}

export async function planMaterializationWindows(
  context: { project: string; contents: RepoContents; registry: Pick<MaterializationRegistry, "listIntervals"> },
  request: MaterializationWindowRequest,
): Promise<MaterializationWindowPlan> {
  const targets = resolveMaterializationTargets(context.contents, request.views);
  const windows = new Map<string, ViewWindow>();
  if (request.mode === "full") {
    const window = fullWindow(request.start, request.end);
    for (const target of targets) windows.set(target.view.name, window);
    return { targets, windows };
  }
  for (const target of targets) {
    const intervals = await context.registry.listIntervals(context.project, target.view.name);
    windows.set(target.view.name, incrementalWindow(target.view, intervals, request.end, request.now));
  }
  return { targets, windows };
}
