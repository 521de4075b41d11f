"use client";
/**
 * Page state kept in the URL's search params: filters, tabs, the selected node, lineage direction
 * and depth. Reading goes through useSearchParams; writing replaces the URL (no history entry
 * per keystroke) unless asked to push.
 */
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback } from "react";

export type UrlPatch = Record<string, string | number | readonly string[] | null | undefined>;

export function useUrlState() {
  const params = useSearchParams();
  const pathname = usePathname();
  const router = useRouter();

  const get = useCallback((key: string): string | null => params.get(key), [params]);
  const getAll = useCallback((key: string): string[] => params.getAll(key), [params]);

  const set = useCallback(
    (patch: UrlPatch, options: { push?: boolean } = {}) => {
      const next = new URLSearchParams(params.toString());
      for (const [key, value] of Object.entries(patch)) {
        next.delete(key);
        if (value === null || value === undefined || value === "") continue;
        if (Array.isArray(value)) for (const item of value) next.append(key, String(item));
        else next.set(key, String(value));
      }
      const query = next.toString();
      const href = query ? `${pathname}?${query}` : pathname;
      if (options.push) router.push(href, { scroll: false });
      else router.replace(href, { scroll: false });
    },
    [params, pathname, router],
  );

  return { get, getAll, set, params };
}

/** A string param restricted to known values, with a default. */
export function pickParam<T extends string>(value: string | null, allowed: readonly T[], fallback: T): T {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

export function intParam(value: string | null, fallback: number, min: number, max: number): number {
  const parsed = value === null ? Number.NaN : Number.parseInt(value, 10);
  if (!Number.isFinite(parsed)) return fallback;
  return Math.min(max, Math.max(min, parsed));
}
