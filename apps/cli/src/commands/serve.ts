/**
 * `pantry serve [--port 6566] [--host 127.0.0.1] [--workers n|auto]`: the feature server for this
 * repo, or for every repo of a folder with --workspace (one server, the project picked per
 * request); with --workers, n processes on one port (serve-cluster.ts).
 */
import type { Command } from "commander";
import type { FeatureStore } from "@pantry/core";
import { checkNetworkExposure, DEFAULT_HOST } from "@pantry/core/network";
import { PantryError } from "@pantry/core/shared";
import type { RunningFeatureServer } from "@pantry/server";
import { openStore } from "../context";
import { color } from "../output";
import { isClusterWorker, parseWorkers, reportServing, runServeCluster } from "../serve-cluster";
import { untilStopped } from "../shutdown";

export interface ServeCommandOptions {
  port: number;
  host: string;
  /** Serve every sub-folder holding a feature_store.yaml. */
  workspace?: string;
  /** --allow-unauthenticated: listen on a non-loopback address under no_auth (with a warning). */
  allowUnauthenticated?: boolean;
}

/** Starts the server and returns it; `stop` closes the server and every store it opened. */
export async function runServeCommand(
  stores: FeatureStore[],
  options: ServeCommandOptions,
): Promise<RunningFeatureServer & { stop: () => Promise<void>; warning: string | null }> {
  const stop = async () => {
    for (const store of stores) await store.close().catch(() => undefined);
  };
  try {
    const { accessPolicyFor, startStoreSchedulers } = await import("@pantry/core");
    const { startFeatureServer } = await import("@pantry/server");
    const access = accessPolicyFor(stores.map((store) => store.config));
    // Before anything opens: a no_auth server on a network address is refused (or warned about).
    const warning = checkNetworkExposure({
      host: options.host,
      auth: access.type,
      allowUnauthenticated: options.allowUnauthenticated ?? false,
      what: "the feature server",
    });
    for (const store of stores) {
      await (await store.registry()).getProjectOrThrow(store.project);
      // Jobs a previous server left running when it stopped show as failed from the start.
      await store.sweepInterruptedJobs();
    }
    const running = await startFeatureServer({
      projects: stores,
      port: options.port,
      host: options.host,
      access,
    });
    // Due materialization schedules of the served projects run here too (PANTRY_SCHEDULER=off: not).
    const schedulers = await startStoreSchedulers(stores);
    return {
      ...running,
      warning,
      stop: async () => {
        // Stop accepting at once; in-flight requests and the schedules' running materializations finish.
        await Promise.all([running.close(), ...schedulers.map((s) => s.stop())]);
        await stop();
      },
    };
  } catch (error) {
    await stop();
    if ((error as { code?: string }).code === "EADDRINUSE") {
      throw new PantryError(
        "UNAVAILABLE",
        `port ${options.port} on ${options.host} is already in use; pass --port <another>`,
      );
    }
    throw error;
  }
}

export function register(program: Command): void {
  program
    .command("serve")
    .description("start the online feature server (Feast's HTTP API: /get-online-features, /push, ...)")
    .option("-p, --port <port>", "port to listen on", "6566")
    .option("-h, --host <host>", "address to listen on (env PANTRY_HOST)", process.env.PANTRY_HOST || DEFAULT_HOST)
    .option("--workspace <folder>", "serve every feature repo of this folder from one server")
    .option("--workers <n>", "server processes sharing the port (node:cluster); 'auto' = one per core", "1")
    .option(
      "--allow-unauthenticated",
      "listen on a non-loopback address although the repos run with auth: no_auth (everyone who can reach it is an admin)",
    )
    .action(
      async (
        raw: { port: string; host: string; workspace?: string; allowUnauthenticated?: boolean; workers?: string },
        command: Command,
      ) => {
        const port = Number(raw.port);
        if (!Number.isInteger(port) || port < 0 || port > 65_535)
          throw new PantryError("INVALID_ARGUMENT", `--port must be a port number (got '${raw.port}')`);
        const workers = parseWorkers(raw.workers);
        if (workers > 1 && !isClusterWorker()) {
          // The primary opens nothing; each worker runs this same verb and opens its own stores.
          const code = await runServeCluster(workers);
          process.stdout.write(code === 0 ? "Feature server stopped.\n" : "");
          process.exit(code);
        }
        const { Workspace } = await import("@pantry/core");
        const stores = raw.workspace
          ? await new Workspace({ root: raw.workspace }).repoStores()
          : [await openStore(command)];
        const running = await runServeCommand(stores, {
          port,
          host: raw.host,
          workspace: raw.workspace,
          allowUnauthenticated: raw.allowUnauthenticated,
        });
        const names = running.servings.map((s) => s.project).join(", ");
        if (isClusterWorker()) {
          // The primary prints the one start-up line (and the warning) for all workers.
          reportServing({ url: running.url, projects: names, warning: running.warning });
        } else {
          if (running.warning) process.stderr.write(`${color.yellow(running.warning)}\n`);
          process.stdout.write(
            `Pantry feature server for ${names} on ${running.url} (POST /get-online-features, GET /health)\n`,
          );
        }
        // SIGTERM/SIGINT: stop accepting, let in-flight requests and running schedules finish, close the stores.
        const name = isClusterWorker() ? `feature server worker ${process.env.PANTRY_SERVE_WORKER}` : "feature server";
        await untilStopped(name, () => running.stop());
        process.stdout.write(isClusterWorker() ? `${name} stopped.\n` : "Feature server stopped.\n");
        process.exit(0);
      },
    );
}
