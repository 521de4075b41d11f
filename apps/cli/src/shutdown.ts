/**
 * SIGTERM / SIGINT for the long-running verbs (`serve`): stop gracefully within a bound. A second
 * signal, or PANTRY_SHUTDOWN_TIMEOUT_SECONDS (default 10) passing, exits 1 at once.
 */
export function shutdownTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const seconds = Number(env.PANTRY_SHUTDOWN_TIMEOUT_SECONDS);
  return (Number.isFinite(seconds) && seconds > 0 ? seconds : 10) * 1000;
}

/** Resolves once `stop` finished after the first SIGTERM or SIGINT; the caller then exits 0. */
export function untilStopped(name: string, stop: () => Promise<void>): Promise<void> {
  const timeoutMs = shutdownTimeoutMs();
  return new Promise<void>((resolveStopped) => {
    let stoppingSince = 0;
    const shutdown = (signal: NodeJS.Signals) => {
      // Ctrl+C reaches the whole process group and `pnpm start` passes it on: a repeat within a second is the same one.
      if (stoppingSince && Date.now() - stoppingSince < 1000) return;
      if (stoppingSince) {
        process.stderr.write(`${signal} again: stopping the ${name} now\n`);
        process.exit(1);
      }
      stoppingSince = Date.now();
      process.stdout.write(
        `${signal}: stopping the ${name} (in-flight requests and materializations finish, at most ${timeoutMs / 1000} s)...\n`,
      );
      const force = setTimeout(() => {
        process.stderr.write(`the ${name} did not stop within ${timeoutMs / 1000} s; exiting\n`);
        process.exit(1);
      }, timeoutMs);
      force.unref();
      stop().then(
        () => {
          clearTimeout(force);
          resolveStopped();
        },
        (error: unknown) => {
          process.stderr.write(
            `stopping the ${name} failed: ${error instanceof Error ? error.message : String(error)}\n`,
          );
          process.exit(1);
        },
      );
    };
    process.on("SIGINT", shutdown);
    process.on("SIGTERM", shutdown);
  });
}
