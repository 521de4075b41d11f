import { resolve } from "node:path";
import type { Command } from "commander";
import type { FeatureStore } from "@pantry/core";

export interface GlobalOptions {
  chdir?: string;
  featureStoreYaml?: string;
}

/** The store for the repo named by -c/-f (or the working directory), with its yaml warnings printed. */
export async function openStore(command: Command): Promise<FeatureStore> {
  // The engine loads only when a verb needs a store (lazy: `pantry version` and `--help` stay fast).
  const { FeatureStore } = await import("@pantry/core");
  const globals = command.optsWithGlobals<GlobalOptions>();
  const store = new FeatureStore({
    repoPath: resolve(globals.chdir ?? process.cwd()),
    configPath: globals.featureStoreYaml ? resolve(globals.chdir ?? process.cwd(), globals.featureStoreYaml) : undefined,
  });
  for (const warning of store.config.warnings) process.stderr.write(`Warning: ${warning}\n`);
  return store;
}

/** Runs an action and always releases what the store opened (registry included), so the process can exit. */
export async function withStore<T>(command: Command, action: (store: FeatureStore) => Promise<T>): Promise<T> {
  const store = await openStore(command);
  try {
    return await action(store);
  } finally {
    await store.close();
  }
}
