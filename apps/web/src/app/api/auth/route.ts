/** Sign-in: checks a pasted token (auth.me) and keeps it in an httpOnly cookie; DELETE signs out. */
import { appRouter, createContext, openWorkspace, TOKEN_COOKIE } from "@pantry/api";
import { workspaceRoot } from "@/server/workspace";

export async function POST(request: Request): Promise<Response> {
  const body = (await request.json().catch(() => ({}))) as { token?: unknown };
  const token = typeof body.token === "string" ? body.token.trim() : "";
  // The shared workspace of the tRPC route (not closed here).
  const workspace = openWorkspace({ root: workspaceRoot() });
  try {
    const caller = appRouter.createCaller(createContext({ workspace, headers: { authorization: `Bearer ${token}` } }));
    const me = await caller.auth.me();
    const response = Response.json(me);
    const secure = new URL(request.url).protocol === "https:" ? "; Secure" : "";
    response.headers.append(
      "set-cookie",
      `${TOKEN_COOKIE}=${encodeURIComponent(token)}; Path=/; HttpOnly; SameSite=Lax; Max-Age=2592000${secure}`,
    );
    return response;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return Response.json({ error: message }, { status: 401 });
  }
}

export async function DELETE(): Promise<Response> {
  const response = new Response(null, { status: 204 });
  response.headers.append("set-cookie", `${TOKEN_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`);
  return response;
}
