/**
 * What a long-running process (the console's server) runs when it stops on SIGTERM/SIGINT, after
 * it has stopped accepting and its in-flight requests have finished: first every "stop" hook
 * (schedulers: the materialization in progress finishes), then every "close" hook (registries and
 * stores). Kept on globalThis, so the console's preload (apps/web/graceful-shutdown.mjs) reaches the
 * hooks that the bundled engine registered.
 */
export type ShutdownPhase = "stop" | "close";

type Hooks = Record<ShutdownPhase, Set<() => Promise<void>>>;

const KEY = Symbol.for("pantry.shutdownHooks");

function hooks(): Hooks {
  const holder = globalThis as { [KEY]?: Hooks };
  holder[KEY] ??= { stop: new Set(), close: new Set() };
  return holder[KEY];
}

export function registerShutdownHook(phase: ShutdownPhase, hook: () => Promise<void>): () => void {
  hooks()[phase].add(hook);
  return () => hooks()[phase].delete(hook);
}

/** Runs the hooks, stop phase then close phase; a failing hook is reported and the rest still run. */
export async function runShutdownHooks(onError: (error: unknown) => void = () => {}): Promise<void> {
  for (const phase of ["stop", "close"] as const) {
    const running = [...hooks()[phase]];
    hooks()[phase].clear();
    await Promise.all(running.map((hook) => hook().catch(onError)));
  }
}
