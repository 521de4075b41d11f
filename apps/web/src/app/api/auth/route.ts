/**
 * Sign-in: checks a pasted token (auth.me) and opens a server-side session whose id goes in an
 * httpOnly cookie (the token never does); DELETE signs out and revokes the session at once.
 */
import { appRouter, createContext, openWorkspace, SESSION_COOKIE, sessionIdFrom } from "@pantry/api";
import { createSession, redactSecrets, revokeSession, SESSION_MAX_AGE_SECONDS } from "@pantry/core";
import { BASE_PATH } from "@/lib/base-path";
import { workspaceRoot } from "@/server/workspace";

/** The cookie belongs to the console's sub-path only (a proxy may serve other apps beside it). */
const COOKIE_PATH = BASE_PATH || "/";

/** https as the browser sees it: the request's own scheme, or a TLS-terminating proxy's X-Forwarded-Proto. */
function isHttps(request: Request): boolean {
  if (new URL(request.url).protocol === "https:") return true;
  const forwarded = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
  return forwarded === "https";
}

function cookie(request: Request, value: string, maxAge: number): string {
  const secure = isHttps(request) ? "; Secure" : "";
  return `${SESSION_COOKIE}=${value}; Path=${COOKIE_PATH}; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${secure}`;
}

const MAX_TOKEN_LENGTH = 1024;

export async function POST(request: Request): Promise<Response> {
  // Any JSON at all may arrive here (null, an array, a string): only an object's string `token` counts.
  const body: unknown = await request.json().catch(() => null);
  const sent = body !== null && typeof body === "object" ? (body as { token?: unknown }).token : undefined;
  const token = typeof sent === "string" ? sent.trim() : "";
  // Tokens are short (`pantry auth add-user` makes 43 characters): refuse anything far longer.
  if (token.length > MAX_TOKEN_LENGTH)
    return Response.json(
      { error: `a token is at most ${MAX_TOKEN_LENGTH} characters; paste the one \`pantry auth add-user\` printed` },
      { status: 400 },
    );
  // The shared workspace of the tRPC route (not closed here).
  const workspace = openWorkspace({ root: workspaceRoot() });
  try {
    const caller = appRouter.createCaller(createContext({ workspace, headers: { authorization: `Bearer ${token}` } }));
    const me = await caller.auth.me();
    const response = Response.json(me);
    response.headers.append("set-cookie", cookie(request, createSession(token), SESSION_MAX_AGE_SECONDS));
    return response;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return Response.json({ error: redactSecrets(message, { allowedRoots: [workspace.root] }) }, { status: 401 });
  }
}

export async function DELETE(request: Request): Promise<Response> {
  const id = sessionIdFrom(request.headers.get("cookie"));
  if (id) revokeSession(id);
  const response = new Response(null, { status: 204 });
  response.headers.append("set-cookie", cookie(request, "", 0));
  return response;
}
