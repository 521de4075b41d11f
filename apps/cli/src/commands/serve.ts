/**
 * `pantry serve [--port 6566] [--host 127.0.0.1]`: the feature server for this repo, or for every
 * repo of a folder with --workspace (one server, the project picked per request).
 */
import { existsSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Command } from "commander";
import type { FeatureStore } from "@pantry/core";
import { PantryError } from "@pantry/core/shared";
import type { RunningFeatureServer, ServedProject } from "@pantry/server";
import { openStore } from "../context";

export interface ServeCommandOptions {
  port: number;
  host: string;
  /** Serve every sub-folder holding a feature_store.yaml. */
  workspace?: string;
}

/** Starts the server and returns it; `stop` closes the server and every store it opened. */
export async function runServeCommand(
  stores: FeatureStore[],
  options: ServeCommandOptions,
): Promise<RunningFeatureServer & { stop: () => Promise<void> }> {
  const stop = async () => {
    for (const store of stores) {
      await store.close().catch(() => undefined);
      await (await store.registry().catch(() => null))?.close().catch(() => undefined);
    }
  };
  try {
    const { accessPolicyFor, servingRegistryFrom, startStoreSchedulers, sweepInterruptedJobs } = await import("@pantry/core");
    const { startFeatureServer } = await import("@pantry/server");
    const projects: ServedProject[] = [];
    for (const store of stores) {
      const registry = await store.registry();
      await registry.getProjectOrThrow(store.project);
      // Jobs a previous server left running when it stopped show as failed from the start.
      await sweepInterruptedJobs(registry.db.materialization, { project: store.project });
      projects.push({
        project: store.project,
        registry: servingRegistryFrom(registry),
        onlineStore: store.onlineStore(),
        offlineStore: store.offlineStore(),
        materializationRegistry: registry.db.materialization,
        maxEntities: store.config.featureServer.maxEntities,
        usageSink: registry.db.usage,
      });
    }
    const running = await startFeatureServer({
      projects,
      port: options.port,
      host: options.host,
      access: accessPolicyFor(stores.map((store) => store.config)),
    });
    // Due materialization schedules of the served projects run here too (PANTRY_SCHEDULER=off: not).
    const schedulers = await startStoreSchedulers(stores);
    return {
      ...running,
      stop: async () => {
        await Promise.all(schedulers.map((s) => s.stop()));
        await running.close();
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

async function workspaceStores(folder: string): Promise<FeatureStore[]> {
  const { FeatureStore } = await import("@pantry/core");
  const root = resolve(folder);
  if (!existsSync(root)) throw new PantryError("NOT_FOUND", `workspace folder ${root} does not exist`);
  const repos = readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(root, entry.name, "feature_store.yaml")))
    .map((entry) => join(root, entry.name));
  if (repos.length === 0)
    throw new PantryError("NOT_FOUND", `no feature repos (folders with a feature_store.yaml) in ${root}`);
  return repos.map((repoPath) => new FeatureStore({ repoPath }));
}

export function register(program: Command): void {
  program
    .command("serve")
    .description("start the online feature server (Feast's HTTP API: /get-online-features, /push, ...)")
    .option("-p, --port <port>", "port to listen on", "6566")
    .option("-h, --host <host>", "address to listen on", "127.0.0.1")
    .option("--workspace <folder>", "serve every feature repo of this folder from one server")
    .action(async (raw: { port: string; host: string; workspace?: string }, command: Command) => {
      const port = Number(raw.port);
      if (!Number.isInteger(port) || port < 0 || port > 65_535)
        throw new PantryError("INVALID_ARGUMENT", `--port must be a port number (got '${raw.port}')`);
      const stores = raw.workspace ? await workspaceStores(raw.workspace) : [await openStore(command)];
      const running = await runServeCommand(stores, { port, host: raw.host, workspace: raw.workspace });
      const names = running.servings.map((s) => s.project).join(", ");
      process.stdout.write(
        `Pantry feature server for ${names} on ${running.url} (POST /get-online-features, GET /health)\n`,
      );
      await new Promise<void>((resolveStop) => {
        const shutdown = () => {
          process.stdout.write("Stopping the feature server...\n");
          running.stop().finally(resolveStop);
        };
        process.once("SIGINT", shutdown);
        process.once("SIGTERM", shutdown);
      });
    });
}
