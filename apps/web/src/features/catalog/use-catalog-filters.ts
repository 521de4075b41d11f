"use client";
import { useUrlState } from "@/lib/url-state";

export interface CatalogFilters {
  q: string;
  tags: string[];
  owner: string;
}

/** The list filters, kept in the URL (?q=&tag=team:x&tag=stage&owner=). */
export function useCatalogFilters() {
  const url = useUrlState();
  const filters: CatalogFilters = { q: url.get("q") ?? "", tags: url.getAll("tag"), owner: url.get("owner") ?? "" };
  const active = Boolean(filters.q || filters.tags.length || filters.owner);
  return {
    filters,
    active,
    setQuery: (q: string) => url.set({ q }),
    addTag: (tag: string) => url.set({ tag: [...new Set([...filters.tags, tag])] }),
    removeTag: (tag: string) => url.set({ tag: filters.tags.filter((t) => t !== tag) }),
    setOwner: (owner: string) => url.set({ owner }),
    clear: () => url.set({ q: null, tag: null, owner: null }),
  };
}

/** What the API takes: empty filters are left out. */
export function filterInput(filters: CatalogFilters): { q?: string; tags?: string[]; owner?: string } {
  return {
    ...(filters.q ? { q: filters.q } : {}),
    ...(filters.tags.length ? { tags: filters.tags } : {}),
    ...(filters.owner ? { owner: filters.owner } : {}),
  };
}
