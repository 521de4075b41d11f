/**
 * Opens serving for one or more projects and listens: what `pantry serve` runs. The projects wire
 * themselves (FeatureStore: registry, online store, usage, materialization context); this file
 * only asks each for its serving and listens.
 */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type AccessPolicy, DEFAULT_HOST, type OnlineServing, type ServableProject } from "@pantry/core";
import { createFeatureServer } from "./feature-server";
import type { FeatureServerProject } from "./project-routing";

export interface StartFeatureServerOptions {
  projects: ServableProject[];
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
  project: ServableProject,
  refreshIntervalMs: number | undefined,
): Promise<FeatureServerProject> {
  const serving = await project.openServing({ refreshIntervalMs });
  const materialization = project.materializationContext?.bind(project);
  const feastProjectJson = project.feastProjectJson?.bind(project);
  return { serving, materialization, feastProjectJson };
}
