/** Opens serving for one or more projects and listens: what `pantry serve` runs. */
import type { Server } from "node:http";
import type { AccessPolicy } from "@pantry/core";
import type { AddressInfo } from "node:net";
import {
  DEFAULT_HOST,
  type MaterializationRegistry,
  type OfflineStore,
  OnlineServing,
  type OnlineStore,
  type ServingRegistry,
  type UsageSink,
  type WriteLimits,
} from "@pantry/core";
import { createFeatureServer } from "./feature-server";
import type { FeatureServerProject } from "./project-routing";

export interface ServedProject {
  project: string;
  registry: ServingRegistry;
  onlineStore: OnlineStore;
  /** With both, /materialize and /materialize-incremental work for this project. */
  offlineStore?: Pick<OfflineStore, "pullLatest" | "countLatest" | "describeSource">;
  materializationRegistry?: MaterializationRegistry;
  usageSink?: UsageSink | null;
  /** feature_server.max_entities of the project's feature_store.yaml. */
  maxEntities?: number;
  /** feature_server.max_push_rows and max_event_time_skew of the project's feature_store.yaml. */
  writeLimits?: WriteLimits;
  /** The repo folder: error messages may show paths inside it (others are redacted). */
  repoPath?: string;
}

export interface StartFeatureServerOptions {
  projects: ServedProject[];
  host?: string;
  port?: number;
  refreshIntervalMs?: number;
  onInternalError?: (error: unknown) => void;
  /** The served repos' access policy (accessPolicyFor their configs); default no_auth. */
  access?: AccessPolicy;
  /** Extra Host names accepted under no_auth (default PANTRY_ALLOWED_HOSTS). */
  allowedHosts?: readonly string[];
}

export interface RunningFeatureServer {
  server: Server;
  servings: OnlineServing[];
  url: string;
  /** Stops listening, waits for the in-flight requests, flushes usage; the caller closes its stores. */
  close(): Promise<void>;
}

export async function startFeatureServer(options: StartFeatureServerOptions): Promise<RunningFeatureServer> {
  const projects = await Promise.all(options.projects.map((p) => openProject(p, options.refreshIntervalMs)));
  const server = createFeatureServer({
    projects,
    onInternalError: options.onInternalError,
    access: options.access,
    boundHost: options.host ?? DEFAULT_HOST,
    allowedHosts: options.allowedHosts,
    repoPaths: options.projects.flatMap((p) => (p.repoPath ? [p.repoPath] : [])),
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 6566, options.host ?? DEFAULT_HOST, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  const servings = projects.map((p) => p.serving);
  return {
    server,
    servings,
    url: `http://${host}:${address.port}`,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive connections close as soon as their in-flight request is answered.
        server.closeIdleConnections();
        const sweep = setInterval(() => server.closeIdleConnections(), 100);
        server.once("close", () => clearInterval(sweep));
      });
      await Promise.all(servings.map((s) => s.close()));
    },
  };
}

async function openProject(
  project: ServedProject,
  refreshIntervalMs: number | undefined,
): Promise<FeatureServerProject> {
  const serving = await OnlineServing.open({
    project: project.project,
    registry: project.registry,
    onlineStore: project.onlineStore,
    maxEntities: project.maxEntities,
    usageSink: project.usageSink ?? null,
    writeLimits: project.writeLimits,
    refreshIntervalMs,
  });
  const { offlineStore, materializationRegistry } = project;
  return {
    serving,
    materialization:
      offlineStore && materializationRegistry
        ? async () => ({
            project: project.project,
            contents: await project.registry.getContents(project.project),
            offlineStore,
            onlineStore: project.onlineStore,
            registry: materializationRegistry,
          })
        : undefined,
  };
}
