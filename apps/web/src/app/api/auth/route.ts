/** Sign-in: checks a pasted token (auth.me) and keeps it in an httpOnly cookie; DELETE signs out. */
import { appRouter, createContext, openWorkspace, TOKEN_COOKIE } from "@pantry/api";
import { BASE_PATH } from "@/lib/base-path";
import { workspaceRoot } from "@/server/workspace";

/** The cookie belongs to the console's sub-path only (a proxy may serve other apps beside it). */
const COOKIE_PATH = BASE_PATH || "/";

const MAX_TOKEN_LENGTH = 1024;

export async function POST(request: Request): Promise<Response> {
  // Any JSON at all may arrive here (null, an array, a string): only an object's string `token` counts.
  const body: unknown = await request.json().catch(() => null);
  const sent = body !== null && typeof body === "object" ? (body as { token?: unknown }).token : undefined;
  const token = typeof sent === "string" ? sent.trim() : "";
  // Tokens are short (`pantry auth add-user` makes 43 characters); a cookie holds 4 KiB at most.
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
    // Behind a TLS-terminating proxy the request arrives as http; the proxy says what the browser used.
    const forwarded = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
    const secure = new URL(request.url).protocol === "https:" || forwarded === "https" ? "; Secure" : "";
    response.headers.append(
      "set-cookie",
      `${TOKEN_COOKIE}=${encodeURIComponent(token)}; Path=${COOKIE_PATH}; HttpOnly; SameSite=Lax; Max-Age=2592000${secure}`,
    );
    return response;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return Response.json({ error: message }, { status: 401 });
  }
}

export async function DELETE(): Promise<Response> {
  const response = new Response(null, { status: 204 });
  response.headers.append("set-cookie", `${TOKEN_COOKIE}=; Path=${COOKIE_PATH}; HttpOnly; SameSite=Lax; Max-Age=0`);
  return response;
}
