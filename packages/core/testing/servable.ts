/**
 * A project for the feature server assembled from parts, for tests that serve a fake registry or
 * an online store of their own. Production code serves FeatureStores, which wire themselves.
 */
import type { OpenServingOptions, ServableProject } from "../src/feature-store";
import type { MaterializationRegistry } from "../src/materialization/registry";
import type { OfflineStore } from "../src/offline/types";
import type { OnlineStore } from "../src/online/types";
import { OnlineServing } from "../src/serving/online-serving";
import type { ServingRegistry, UsageSink } from "../src/serving/registry";
import type { WriteLimits } from "../src/serving/write-rows";

export interface ServableParts {
  project: string;
  registry: ServingRegistry;
  onlineStore: OnlineStore;
  /** With both, /materialize and /materialize-incremental work for this project. */
  offlineStore?: Pick<OfflineStore, "pullLatest" | "countLatest" | "describeSource">;
  materializationRegistry?: MaterializationRegistry;
  usageSink?: UsageSink | null;
  maxEntities?: number;
  /** feature_server.max_push_rows and max_event_time_skew. */
  writeLimits?: WriteLimits;
  /** The repo folder: error messages may show paths inside it (others are redacted). */
  repoPath?: string;
}

export function servableFromParts(parts: ServableParts): ServableProject {
  const { offlineStore, materializationRegistry } = parts;
  return {
    project: parts.project,
    repoPath: parts.repoPath,
    openServing: (options: OpenServingOptions = {}) =>
      OnlineServing.open({
        project: parts.project,
        registry: parts.registry,
        onlineStore: parts.onlineStore,
        maxEntities: parts.maxEntities,
        usageSink: parts.usageSink ?? null,
        writeLimits: parts.writeLimits,
        ...options,
      }),
    materializationContext:
      offlineStore && materializationRegistry
        ? async () => ({
            project: parts.project,
            contents: await parts.registry.getContents(parts.project),
            offlineStore,
            onlineStore: parts.onlineStore,
            registry: materializationRegistry,
          })
        : undefined,
  };
}
