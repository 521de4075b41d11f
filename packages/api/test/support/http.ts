/**
 * The console's tRPC endpoint over real HTTP: the same fetchRequestHandler, appRouter and
 * createContext as apps/web's /api/trpc route, on a node:http server at a free loopback port.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Workspace } from "@pantry/core";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import superjson from "superjson";
import { createContext } from "../../src/context";
import { appRouter } from "../../src/root";

export interface TrpcHttp {
  url: string;
  /** GET of a query; the parsed JSON body and the status. */
  query(path: string, input: unknown, headers?: Record<string, string>): Promise<{ status: number; body: TrpcBody }>;
  mutation(path: string, input: unknown, headers?: Record<string, string>): Promise<{ status: number; body: TrpcBody }>;
  close(): Promise<void>;
}

export interface TrpcBody {
  result?: { data: { json: unknown } };
  error?: { json: { message: string; code: number; data: { code: string; httpStatus: number; pantryCode: string | null; fieldErrors: Record<string, string[]> | null } } };
}

export async function serveTrpc(workspace: Workspace): Promise<TrpcHttp> {
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
    const request = new Request(`http://${req.headers.host}${req.url}`, {
      method: req.method,
      headers,
      body: req.method === "GET" || req.method === "HEAD" ? undefined : Buffer.concat(chunks),
    });
    const response = await fetchRequestHandler({
      endpoint: "/api/trpc",
      req: request,
      router: appRouter,
      createContext: () => createContext({ workspace, headers: request.headers }),
    });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/trpc`;
  const parse = async (response: Response) => ({ status: response.status, body: (await response.json()) as TrpcBody });
  return {
    url,
    query: async (path, input, headers = {}) =>
      parse(await fetch(`${url}/${path}?input=${encodeURIComponent(JSON.stringify(superjson.serialize(input)))}`, { headers })),
    mutation: async (path, input, headers = {}) =>
      parse(
        await fetch(`${url}/${path}`, {
          method: "POST",
          headers: { "content-type": "application/json", ...headers },
          body: JSON.stringify(superjson.serialize(input)),
        }),
      ),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
