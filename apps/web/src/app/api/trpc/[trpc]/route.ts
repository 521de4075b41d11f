/** The console's tRPC endpoint: the backend's appRouter over the workspace this server was started for. */
import { appRouter, createContext, openWorkspace } from "@pantry/api";
import { ensureWorkspaceSchedulers } from "@pantry/core";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { withBasePath } from "@/lib/base-path";
import { workspaceRoot } from "@/server/workspace";

const MAX_BATCH_SIZE = 50;

async function handler(request: Request): Promise<Response> {
  const workspace = openWorkspace({ root: workspaceRoot() });
  // Due materialization schedules run in the console's server: one scheduler per registry, started
  // on the first request (PANTRY_SCHEDULER=off: not); other consoles and `pantry serve` share the lease.
  await ensureWorkspaceSchedulers(workspace);
  return fetchRequestHandler({
    // Next hands route handlers the URL without the base path; a proxy-forwarded one may keep it.
    endpoint: new URL(request.url).pathname.startsWith(withBasePath("/api/trpc/"))
      ? withBasePath("/api/trpc")
      : "/api/trpc",
    req: request,
    router: appRouter,
    // A batch is what one page asks at once; more is refused (400) rather than run (the client's
    // httpBatchLink splits at the same size).
    maxBatchSize: MAX_BATCH_SIZE,
    createContext: () => createContext({ workspace, headers: request.headers }),
    onError: ({ error, path }) => {
      if (error.code === "INTERNAL_SERVER_ERROR") console.error(`tRPC ${path ?? "?"} failed:`, error.cause ?? error);
    },
  });
}

export { handler as GET, handler as POST };
