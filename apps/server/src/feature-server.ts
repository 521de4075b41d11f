/**
 * The online feature server: Feast's HTTP endpoints on node:http, no framework. Every request is
 * answered, errors included (JSON with a status from the error code); nothing a client sends or
 * a store does can crash the process.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { type AccessPolicy, accessPolicyFor, authorize, bearerToken, PantryError } from "@pantry/core";
import type { Action, OnlineServing } from "@pantry/core";
import { readJsonBody, sendError, sendJson } from "./http-io";
import { type FeatureServerProject, pickProject } from "./project-routing";
import { type MaterializationContextSource, materializeRoute } from "./routes/materialize";
import { getOnlineFeaturesRoute } from "./routes/online-features";
import { pushRoute, writeToOnlineStoreRoute } from "./routes/writes";

export interface FeatureServerOptions {
  /** One project... */
  serving?: OnlineServing;
  /** ...with /materialize enabled when given. */
  materialization?: MaterializationContextSource;
  /** Or several (a workspace); see project-routing for how a request finds its project. */
  projects?: FeatureServerProject[];
  /** Request bodies above this size get 413 (default 16 MiB). */
  maxBodyBytes?: number;
  /** Who may call what (the served repos' `auth:`); default no_auth, everyone may do everything. */
  access?: AccessPolicy;
  /** Unexpected errors (500s), default console.error. */
  onInternalError?: (error: unknown) => void;
}

/** The action (core's role table) each endpoint needs; /health needs none. */
const ACTIONS: Record<string, Action> = {
  "/get-online-features": "read",
  "/push": "push",
  "/write-to-online-store": "push",
  "/materialize": "materialize",
  "/materialize-incremental": "materialize",
};

type Handler = (
  project: FeatureServerProject,
  request: IncomingMessage,
  response: ServerResponse,
  body: unknown,
) => Promise<void>;

const POSTS: Record<string, Handler> = {
  "/get-online-features": (p, req, res, body) => getOnlineFeaturesRoute(p.serving, req, res, body),
  "/push": (p, _req, res, body) => pushRoute(p.serving, res, body),
  "/write-to-online-store": (p, _req, res, body) => writeToOnlineStoreRoute(p.serving, res, body),
  "/materialize": (p, _req, res, body) => materializeRoute(p.materialization, res, body, false),
  "/materialize-incremental": (p, _req, res, body) => materializeRoute(p.materialization, res, body, true),
};

export function createFeatureServer(options: FeatureServerOptions): Server {
  const projects: FeatureServerProject[] = [
    ...(options.serving ? [{ serving: options.serving, materialization: options.materialization }] : []),
    ...(options.projects ?? []),
  ];
  if (projects.length === 0)
    throw new PantryError("INVALID_ARGUMENT", "createFeatureServer needs a serving or projects");
  const limit = options.maxBodyBytes ?? 16 * 1024 * 1024;
  const access = options.access ?? accessPolicyFor([]);
  const onInternal = options.onInternalError ?? ((error: unknown) => console.error("pantry feature server:", error));

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? "/", "http://localhost");
    if (url.pathname === "/health") {
      if (request.method !== "GET" && request.method !== "HEAD") return methodNotAllowed(response, "GET");
      return health(projects, response);
    }
    const post = POSTS[url.pathname];
    if (!post) {
      throw new PantryError(
        "NOT_FOUND",
        `no endpoint ${url.pathname}; this server has ${Object.keys(POSTS).join(", ")}, /health`,
      );
    }
    if (request.method !== "POST") return methodNotAllowed(response, "POST");
    // Before the body is read: a caller without a valid token learns nothing and sends nothing more.
    const principal = access.authenticate(bearerToken(request.headers.authorization), "feature-server");
    const body = await readJsonBody(request, limit);
    const project = pickProject(projects, request, url.searchParams, body);
    authorize(principal, ACTIONS[url.pathname] ?? "read", project.serving.project);
    await post(project, request, response, body);
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      // A body that was not read to the end must not be parsed as the next request on this socket.
      if (!request.complete) response.setHeader("connection", "close");
      sendError(response, error, onInternal);
    });
  });
  server.on("clientError", (_error, socket) => {
    if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n");
    else socket.destroy();
  });
  server.on("close", () => {
    for (const project of projects) project.serving.close().catch(onInternal);
  });
  // Clients keep connections open between requests; outlive their usual 5 s idle timers.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  return server;
}

function methodNotAllowed(response: ServerResponse, allow: string): void {
  sendJson(
    response,
    405,
    { error: { code: "INVALID_ARGUMENT", message: `use ${allow}` }, detail: `use ${allow}` },
    { allow },
  );
}

/** 200 when every online store answers, 503 with the reasons otherwise (load balancers stop routing here). */
async function health(projects: FeatureServerProject[], response: ServerResponse): Promise<void> {
  const checks = await Promise.all(
    projects.map(async ({ serving }) => {
      const base = {
        project: serving.project,
        registry_stamp: serving.index.stamp,
        registry_refresh_error: serving.refreshError,
      };
      try {
        await serving.onlineStore.ping();
        return { ...base, online_store: "ok", ok: true };
      } catch (error) {
        return { ...base, online_store: error instanceof Error ? error.message : String(error), ok: false };
      }
    }),
  );
  const ok = checks.every((c) => c.ok);
  sendJson(
    response,
    ok ? 200 : 503,
    { status: ok ? "ok" : "unavailable", projects: checks.map(({ ok: _ok, ...c }) => c) },
    ok ? {} : { "retry-after": "1" },
  );
}
