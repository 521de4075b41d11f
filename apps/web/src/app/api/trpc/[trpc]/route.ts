/** The console's tRPC endpoint: the backend's appRouter over the workspace this server was started for. */
import { appRouter, createContext, openWorkspace } from "@pantry/api";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { workspaceRoot } from "@/server/workspace";

function handler(request: Request): Promise<Response> {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    createContext: () =>
      createContext({ workspace: openWorkspace({ root: workspaceRoot() }), headers: request.headers }),
    onError: ({ error, path }) => {
      if (error.code === "INTERNAL_SERVER_ERROR") console.error(`tRPC ${path ?? "?"} failed:`, error.cause ?? error);
    },
  });
}

export { handler as GET, handler as POST };
