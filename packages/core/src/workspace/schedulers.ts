/**
 * Where schedules run: one Scheduler per registry in each long-running process (`pantry serve`,
 * the console's server), started once. Several processes may run them: the lease picks one per
 * due schedule. PANTRY_SCHEDULER=off turns them off (the CLI's `schedules run-due` still works);
 * PANTRY_SCHEDULER_INTERVAL_SECONDS changes the tick (default 30).
 */
import { isPantryError } from "../errors";
import type { FeatureStore } from "../feature-store";
import { DEFAULT_SCHEDULER_INTERVAL_MS, Scheduler } from "../materialization/schedules/scheduler";
import { registerShutdownHook } from "../deploy/shutdown-hooks";
import type { Registry } from "../registry/registry";
import type { Workspace, WorkspaceRegistry } from "./workspace";

export function schedulerIntervalMs(env: NodeJS.ProcessEnv = process.env): number | null {
  if (env.PANTRY_SCHEDULER?.trim().toLowerCase() === "off") return null;
  const seconds = Number(env.PANTRY_SCHEDULER_INTERVAL_SECONDS);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : DEFAULT_SCHEDULER_INTERVAL_MS;
}

function report(error: unknown): void {
  console.error(`pantry scheduler: ${error instanceof Error ? error.message : String(error)}`);
}

/** `pantry serve`: the served stores' projects, one scheduler per registry. Empty when turned off. */
export async function startStoreSchedulers(stores: FeatureStore[], env = process.env): Promise<Scheduler[]> {
  const intervalMs = schedulerIntervalMs(env);
  if (intervalMs === null) return [];
  const byRegistry = new Map<Registry, FeatureStore[]>();
  for (const store of stores) {
    const registry = await store.registry();
    byRegistry.set(registry, [...(byRegistry.get(registry) ?? []), store]);
  }
  return [...byRegistry].map(([registry, served]) =>
    new Scheduler({
      registry,
      intervalMs,
      projects: served.map((s) => s.project),
      runnerFor: async (project) => served.find((s) => s.project === project) ?? null,
      onError: report,
    }).start(),
  );
}

const workspaceSchedulers = new Map<string, Promise<Scheduler | null>>();

/**
 * The console: a scheduler for each registry of the workspace that exists, each started once per
 * process (later calls only pick up registries created since). Never throws.
 */
export async function ensureWorkspaceSchedulers(workspace: Workspace, env = process.env): Promise<void> {
  const intervalMs = schedulerIntervalMs(env);
  if (intervalMs === null) return;
  try {
    for (const home of await workspace.registries()) {
      if (workspaceSchedulers.has(home.key) || !home.exists()) continue;
      // Set before any await: concurrent first requests start one scheduler, not two.
      const starting = startWorkspaceScheduler(workspace, home, intervalMs).catch((error: unknown) => {
        workspaceSchedulers.delete(home.key);
        report(error);
        return null;
      });
      workspaceSchedulers.set(home.key, starting);
      await starting;
    }
  } catch (error) {
    report(error);
  }
}

async function startWorkspaceScheduler(
  workspace: Workspace,
  home: WorkspaceRegistry,
  intervalMs: number,
): Promise<Scheduler> {
  const registry = await home.open();
  const scheduler = new Scheduler({
    registry,
    intervalMs,
    runnerFor: async (project) => {
      try {
        // A project name held by two registries belongs to the first; never run it on the other's stores.
        if ((await workspace.registryFor(project)) !== registry) return null;
        return await workspace.storeFor(project);
      } catch (error) {
        if (isPantryError(error) && error.code === "NOT_FOUND") return null;
        throw error;
      }
    },
    onError: report,
  }).start();
  // A console stopping on SIGTERM lets the materialization in progress finish, then starts no other.
  registerShutdownHook("stop", () => scheduler.stop());
  return scheduler;
}
