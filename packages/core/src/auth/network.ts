/**
 * Who can reach a server, decided at start: loopback by default; any other address only with
 * token auth, or with an explicit --allow-unauthenticated (a warning on every start). And, per
 * request, which Host and Origin headers the console and the feature server accept (DNS
 * rebinding, cross-site requests).
 */
import { networkInterfaces, hostname as osHostname } from "node:os";
import { PantryError } from "../errors";

/** The address `pantry ui`, `pantry serve` and `pnpm start` listen on unless told otherwise. */
export const DEFAULT_HOST = "127.0.0.1";

/** Names that always reach this machine only. */
const LOOPBACK_NAMES = new Set(["localhost", "127.0.0.1", "::1", "[::1]", "0:0:0:0:0:0:0:1"]);

/** 127.0.0.0/8, ::1, localhost (and *.localhost): reachable from this machine only. */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/\.$/, "");
  if (LOOPBACK_NAMES.has(h) || h.endsWith(".localhost")) return true;
  if (/^127(\.\d{1,3}){3}$/.test(h)) return true;
  return /^(\[)?::ffff:127(\.\d{1,3}){3}(\])?$/.test(h);
}

/** 0.0.0.0 and :: listen on every interface. */
export function isWildcardHost(host: string): boolean {
  const h = host.trim().replace(/^\[|\]$/g, "");
  return h === "0.0.0.0" || h === "::" || h === "0:0:0:0:0:0:0:0";
}

export interface ExposureCheck {
  /** Where the server is about to listen. */
  host: string;
  /** The served repos' auth ("no_auth" when any served project runs without tokens). */
  auth: "no_auth" | "token";
  /** The user passed --allow-unauthenticated. */
  allowUnauthenticated: boolean;
  /** "the console" or "the feature server", for the messages. */
  what: string;
}

/**
 * Throws FAILED_PRECONDITION when a non-loopback address would expose a no_auth server (every
 * caller an admin); returns the warning to print when the user allowed it explicitly, else null.
 */
export function checkNetworkExposure(check: ExposureCheck): string | null {
  if (isLoopbackHost(check.host) || check.auth === "token") return null;
  if (check.allowUnauthenticated) {
    return `WARNING: ${check.what} listens on ${check.host} with auth: no_auth (--allow-unauthenticated): anyone who can reach this address is an admin and can change the registry and write features. Turn on token auth (auth: {type: token, tokens_file: users.yaml} in feature_store.yaml, then 'pantry auth add-user <name> --role viewer|editor|admin').`;
  }
  throw new PantryError(
    "FAILED_PRECONDITION",
    `refusing to start ${check.what} on ${check.host}: the served repos run with auth: no_auth, so anyone who can reach that address would be an admin. ` +
      `Turn on token auth: add to each repo's feature_store.yaml\n  auth:\n    type: token\n    tokens_file: users.yaml\n` +
      `and create users with 'pantry auth add-user <name> --role viewer|editor|admin' (remove one with 'pantry auth remove-user <name>'). ` +
      `Or listen on loopback (--host ${DEFAULT_HOST}, the default), or pass --allow-unauthenticated (PANTRY_ALLOW_UNAUTHENTICATED=1 for pnpm start) to accept the risk.`,
    { host: check.host, key: "auth" },
  );
}

/** PANTRY_ALLOWED_HOSTS: comma- or space-separated host names (a proxy's public name, a DNS alias). */
export function allowedHostsFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env.PANTRY_ALLOWED_HOSTS ?? "")
    .split(/[\s,]+/)
    .map((h) => h.trim())
    .filter((h) => h !== "");
}

/**
 * The host names a request's Host header may carry: loopback names, the address listened on
 * (every interface address and the machine's name when that is a wildcard), and the configured
 * extra names (PANTRY_ALLOWED_HOSTS). `*` among them turns the check off.
 */
export function allowedHostNames(boundHost: string | undefined, extra: readonly string[]): Set<string> {
  const names = new Set<string>([...LOOPBACK_NAMES]);
  const add = (h: string) => names.add(normalizeHostName(h));
  if (boundHost && isWildcardHost(boundHost)) {
    for (const list of Object.values(networkInterfaces())) for (const nic of list ?? []) add(nic.address);
    add(osHostname());
  } else if (boundHost) add(boundHost);
  for (const h of extra) add(h);
  return names;
}

/** "Example.COM." -> "example.com"; "[::1]" -> "::1"; the port is not part of it. */
export function normalizeHostName(host: string): string {
  return host
    .trim()
    .toLowerCase()
    .replace(/\.$/, "")
    .replace(/^\[|\]$/g, "");
}

/** The host name of a Host header value ("a.b:3000" -> "a.b", "[::1]:3000" -> "::1"). */
export function hostNameOf(hostHeader: string): string {
  const h = hostHeader.trim();
  if (h.startsWith("[")) return normalizeHostName(h.slice(0, h.indexOf("]") + 1));
  return normalizeHostName(h.replace(/:\d*$/, ""));
}

export interface RequestOriginCheck {
  method: string;
  host: string | null | undefined;
  origin?: string | null;
  /** X-Forwarded-Host, set by a reverse proxy that rewrites Host; used when its name is allowed. */
  forwardedHost?: string | null;
  /** Sec-Fetch-Site, sent by browsers. */
  fetchSite?: string | null;
}

/**
 * null when the request may go on, else why it is refused (answer 403 with it):
 * - its Host names an address not in `allowed` (a DNS-rebinding page, an unknown alias);
 * - it comes from a browser page of another origin (Origin differs from Host, or Sec-Fetch-Site
 *   says cross-site). Requests without Origin (curl, SDKs, the CLI) pass.
 */
export function refuseRequestOrigin(request: RequestOriginCheck, allowed: ReadonlySet<string>): string | null {
  const host = request.host ?? "";
  if (!allowed.has("*")) {
    if (host === "" || !allowed.has(hostNameOf(host))) {
      return `the Host header '${host.slice(0, 200)}' is not an address of this server; if you reach Pantry through a proxy or another name, add that name to PANTRY_ALLOWED_HOSTS`;
    }
  }
  const forwarded = request.forwardedHost?.split(",")[0]?.trim() ?? "";
  const publicHost = forwarded !== "" && (allowed.has("*") || allowed.has(hostNameOf(forwarded))) ? forwarded : host;
  const origin = request.origin;
  if (origin !== undefined && origin !== null && origin !== "") {
    let originHost: string | null = null;
    try {
      originHost = origin === "null" ? null : new URL(origin).host;
    } catch {
      originHost = null;
    }
    if (
      originHost === null ||
      (originHost.toLowerCase() !== host.toLowerCase() && originHost.toLowerCase() !== publicHost.toLowerCase())
    ) {
      return `cross-origin request from '${origin.slice(0, 200)}' refused; Pantry answers only pages it served itself`;
    }
  }
  if (request.fetchSite === "cross-site") return "cross-site request refused (Sec-Fetch-Site: cross-site)";
  return null;
}

/** What the console and the feature server send on every answer. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "x-frame-options": "DENY",
  "content-security-policy": "frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "same-origin",
};

/** true for `application/json` and `application/json; charset=utf-8` (and `+json` types). */
export function isJsonContentType(value: string | null | undefined): boolean {
  const type = (value ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  return type === "application/json" || /^application\/[\w.+-]+\+json$/.test(type);
}
