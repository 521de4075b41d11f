/**
 * In front of every console request (Next's proxy): the Host must name this server (DNS
 * rebinding), API calls must come from the console's own pages (Origin, Sec-Fetch-Site), API
 * bodies must be JSON (a page elsewhere can post text/plain or a form without a preflight, JSON
 * it cannot) and of a bounded size, and every answer forbids framing and MIME sniffing. The rules are core's
 * (auth/network), shared with the feature server.
 */
import {
  allowedHostNames,
  allowedHostsFromEnv,
  isJsonContentType,
  refuseRequestOrigin,
  SECURITY_HEADERS,
} from "@pantry/core/network";
import { type NextRequest, NextResponse } from "next/server";

// PANTRY_HOST: the address `pantry ui` listens on (its interface addresses when 0.0.0.0).
let allowed: Set<string> | null = null;
function allowedHosts(): Set<string> {
  allowed ??= allowedHostNames(process.env.PANTRY_HOST || "127.0.0.1", allowedHostsFromEnv());
  return allowed;
}

/** tRPC bodies: a Feast registry upload (64 MB of base64 at most, see import.feast) or 4 MiB. */
const MAX_IMPORT_BODY_BYTES = 72 * 1024 * 1024;
const MAX_API_BODY_BYTES = 4 * 1024 * 1024;

function secured<T extends Response>(response: T): T {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.headers.set(name, value);
  return response;
}

function refuse(status: number, message: string): Response {
  return secured(
    Response.json({ error: { message, code: status === 415 ? "UNSUPPORTED_MEDIA_TYPE" : "FORBIDDEN" } }, { status }),
  );
}

export function proxy(request: NextRequest): Response {
  const api = request.nextUrl.pathname.startsWith("/api/");
  const refused = refuseRequestOrigin(
    {
      method: request.method,
      host: request.headers.get("host"),
      // Pages may be opened from a link anywhere; only API calls must come from the console itself.
      origin: api || request.method !== "GET" ? request.headers.get("origin") : null,
      forwardedHost: request.headers.get("x-forwarded-host"),
      fetchSite: api ? request.headers.get("sec-fetch-site") : null,
    },
    allowedHosts(),
  );
  if (refused) return refuse(403, refused);
  const hasBody = request.method === "POST" || request.method === "PUT" || request.method === "PATCH";
  if (api && hasBody && !isJsonContentType(request.headers.get("content-type"))) {
    const got = (request.headers.get("content-type") ?? "none").slice(0, 100);
    return refuse(415, `API calls must send 'content-type: application/json' (got '${got}')`);
  }
  if (api && hasBody) {
    const limit = request.nextUrl.pathname.includes("import.feast") ? MAX_IMPORT_BODY_BYTES : MAX_API_BODY_BYTES;
    const declared = Number(request.headers.get("content-length") ?? 0);
    if (declared > limit) return refuse(413, `the request body is ${declared} bytes; the limit is ${limit} bytes`);
  }
  return secured(NextResponse.next());
}

export const config = {
  // Everything, static files included (they get the headers too).
  matcher: "/:path*",
};
