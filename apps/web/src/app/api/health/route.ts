/**
 * Liveness for load balancers and container health checks: the console's server answers. Minimal on
 * purpose (no versions, paths or project names) and open under token auth, like the feature
 * server's /health.
 */
export const dynamic = "force-dynamic";

export function GET(): Response {
  return Response.json({ status: "ok" }, { headers: { "cache-control": "no-store" } });
}
