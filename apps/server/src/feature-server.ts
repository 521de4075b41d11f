/**
 * The online feature server: Feast's HTTP endpoints on node:http, no framework. Every request is
 * answered, errors included (JSON with a status from the error code); nothing a client sends or
 * a store does can crash the process.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import {
  type AccessPolicy,
  accessPolicyFor,
  feastProjectsList,
  feastRestRoute,
  allowedHostNames,
  allowedHostsFromEnv,
  authorize,
  bearerToken,
  isJsonContentType,
  PantryError,
  redactSecrets,
  refuseRequestOrigin,
} from "@pantry/core";
import type { Action, FeastProjectJson, OnlineServing, Principal } from "@pantry/core";
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
  /**
   * The address listened on: under no_auth, requests must name it (or a loopback name, or one of
   * `allowedHosts`) in their Host header, which stops DNS-rebinding pages. Default: loopback only.
   */
  boundHost?: string;
  /** Extra Host names to accept (a proxy's public name); default PANTRY_ALLOWED_HOSTS. */
  allowedHosts?: readonly string[];
  /** Folders whose paths error messages may show (the served repos); other absolute paths are redacted. */
  repoPaths?: readonly string[];
}

/** Where Feast's REST registry contract is served (the `registryPath` of /projects-list.json). */
const REGISTRY_PATH = "/api/v1";

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
  principal: Principal,
) => Promise<void>;

const POSTS: Record<string, Handler> = {
  "/get-online-features": (p, req, res, body, principal) =>
    getOnlineFeaturesRoute(p.serving, req, res, body, principal),
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
  // With tokens any Host may call (the token is the check); without, only this server's names.
  const hosts =
    access.type === "no_auth"
      ? allowedHostNames(options.boundHost, options.allowedHosts ?? allowedHostsFromEnv())
      : new Set(["*"]);
  const redact = { allowedRoots: options.repoPaths ?? [] };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? "/", "http://localhost");
    // Without tokens, the Host header is what tells this server's callers from a hostile page
    // that rebound its own name to this address; with tokens, the browser has none to send.
    const refused = refuseRequestOrigin(
      {
        method: request.method ?? "GET",
        host: request.headers.host,
        origin: header(request, "origin"),
        forwardedHost: header(request, "x-forwarded-host"),
        fetchSite: header(request, "sec-fetch-site"),
      },
      hosts,
    );
    if (refused) throw new PantryError("PERMISSION_DENIED", refused);
    if (url.pathname === "/health") {
      if (request.method !== "GET" && request.method !== "HEAD") return methodNotAllowed(response, "GET");
      return health(projects, response, healthPrincipal(access, request), redact.allowedRoots);
    }
    if (
      url.pathname === "/projects-list.json" ||
      url.pathname === REGISTRY_PATH ||
      url.pathname.startsWith(`${REGISTRY_PATH}/`)
    ) {
      if (request.method !== "GET" && request.method !== "HEAD") return methodNotAllowed(response, "GET");
      const principal = access.authenticate(bearerToken(request.headers.authorization), "feature-server");
      return feastRegistry(projects, principal, url, response);
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
    // A web page can send text/plain or a form cross-origin without a preflight; JSON it cannot.
    if (!isJsonContentType(header(request, "content-type"))) return unsupportedMediaType(request, response);
    const body = await readJsonBody(request, limit);
    const project = pickProject(projects, request, url.searchParams, body);
    authorize(principal, ACTIONS[url.pathname] ?? "read", project.serving.project);
    await post(project, request, response, body, principal);
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      // A body that was not read to the end must not be parsed as the next request on this socket.
      if (!request.complete) response.setHeader("connection", "close");
      sendError(response, error, onInternal, redact);
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

/**
 * Feast's REST registry contract, read-only: /projects-list.json, then the lists and details under
 * /api/v1 (what Feast's web UI reads). Only the projects the caller may read are shown.
 */
async function feastRegistry(
  projects: FeatureServerProject[],
  principal: Principal,
  url: URL,
  response: ServerResponse,
): Promise<void> {
  const readable = projects.filter((p) => {
    if (!p.feastProjectJson) return false;
    try {
      authorize(principal, "read", p.serving.project);
      return true;
    } catch {
      return false;
    }
  });
  const snapshots = await Promise.all(readable.map((p) => (p.feastProjectJson as () => Promise<FeastProjectJson>)()));
  if (url.pathname === "/projects-list.json")
    return sendJson(response, 200, feastProjectsList(snapshots, REGISTRY_PATH));
  const answer = feastRestRoute(snapshots, url.pathname.slice(REGISTRY_PATH.length), url.searchParams);
  sendJson(response, answer.status, answer.body);
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function methodNotAllowed(response: ServerResponse, allow: string): void {
  sendJson(
    response,
    405,
    { error: { code: "INVALID_ARGUMENT", message: `use ${allow}` }, detail: `use ${allow}` },
    { allow },
  );
}

function unsupportedMediaType(request: IncomingMessage, response: ServerResponse): void {
  const got = (header(request, "content-type") ?? "none").slice(0, 100);
  const message = `the request body must be JSON: send 'content-type: application/json' (got '${got}')`;
  // The body is not read: close the connection rather than parse it as the next request.
  response.setHeader("connection", "close");
  sendJson(response, 415, { error: { code: "INVALID_ARGUMENT", message }, detail: message });
}

/**
 * Who asks for /health details: a caller with a valid token (any role) under token auth, any
 * caller that sends an Authorization header under no_auth; null (ok/unavailable only) otherwise.
 */
function healthPrincipal(access: AccessPolicy, request: IncomingMessage): Principal | null {
  const token = bearerToken(request.headers.authorization);
  if (!token) return null;
  return access.authenticate(token, "feature-server");
}

/**
 * 200 when every online store answers, 503 otherwise (load balancers stop routing here). Only
 * the status without a token; the projects, registry stamps and errors for a viewer's token.
 */
async function health(
  projects: FeatureServerProject[],
  response: ServerResponse,
  principal: Principal | null,
  allowedRoots: readonly string[],
): Promise<void> {
  const checks = await Promise.all(
    projects.map(async ({ serving }) => {
      const base = {
        project: serving.project,
        registry_stamp: serving.index.stamp,
        registry_refresh_error:
          serving.refreshError === null ? null : redactSecrets(serving.refreshError, { allowedRoots }),
      };
      try {
        await serving.onlineStore.ping();
        return { ...base, online_store: "ok", ok: true };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        return { ...base, online_store: redactSecrets(message, { allowedRoots }), ok: false };
      }
    }),
  );
  const ok = checks.every((c) => c.ok);
  const status = ok ? "ok" : "unavailable";
  if (principal) authorize(principal, "read");
  sendJson(
    response,
    ok ? 200 : 503,
    // The process id tells apart the workers of `serve --workers n` (and replicas) behind one address.
    principal ? { status, pid: process.pid, projects: checks.map(({ ok: _ok, ...c }) => c) } : { status },
    ok ? {} : { "retry-after": "1" },
  );
}
