/**
 * The sub-path the console was built for (PANTRY_BASE_PATH at build time, inlined by next.config).
 * next/link, the router and assets add it themselves; plain fetches of the console's own routes
 * go through `withBasePath`.
 */
export const BASE_PATH: string = process.env.NEXT_PUBLIC_PANTRY_BASE_PATH ?? "";

export function withBasePath(path: string): string {
  return `${BASE_PATH}${path}`;
}
