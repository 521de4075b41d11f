"use client";
/** The workspace's projects, read by the shell and by several features (lists, forms, search). */
import { useQuery } from "@tanstack/react-query";
import { useParams } from "next/navigation";
import { useTRPC } from "@/lib/trpc/client";
import type { RouterOutputs } from "@/lib/trpc/types";

export type ProjectSummary = RouterOutputs["projects"]["list"]["projects"][number];
export type ProjectOverview = RouterOutputs["projects"]["overview"];

/** The project in the URL (/projects/[project]/...), else the first one in the workspace. */
export function useCurrentProject(): string | null {
  const params = useParams<{ project?: string }>();
  const fromUrl = params?.project ? decodeURIComponent(params.project) : null;
  const projects = useProjects();
  return fromUrl ?? projects.data?.projects[0]?.name ?? null;
}

export function useProjects() {
  const trpc = useTRPC();
  return useQuery(trpc.projects.list.queryOptions());
}

export function useProjectNames(): string[] {
  return useProjects().data?.projects.map((p) => p.name) ?? [];
}

export function useProjectOverview(project: string | null) {
  const trpc = useTRPC();
  return useQuery({ ...trpc.projects.overview.queryOptions({ project: project ?? "" }), enabled: project !== null });
}

/** Owners of the project's objects, most objects first: the suggestions of every owner field and filter. */
export function useProjectOwners(project: string): string[] {
  return useProjectOverview(project).data?.owners.map((o) => o.owner) ?? [];
}
