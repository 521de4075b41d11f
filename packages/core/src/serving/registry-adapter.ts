/**
 * Builds a ServingRegistry from the engine's Registry (or anything shaped like it) without
 * importing it: lifecycle columns live next to each stored spec.
 */
import type { RepoContents } from "../definitions/types";
import type { ServingRegistry, ViewLifecycle, ViewLifecycleState } from "./registry";

interface StoredViewLike {
  spec: { name: string };
  meta: { lifecycle: string; deprecationReason?: string | null; replacement?: string | null; sunsetAt?: Date | null };
}

export interface RegistryLike {
  changeStamp(project: string): Promise<string>;
  getContents(project: string): Promise<RepoContents>;
  listStored(
    project: string,
    kind: "featureView" | "onDemandFeatureView" | "featureService",
  ): Promise<StoredViewLike[]>;
  governance?: {
    listFeatureLifecycles(
      project: string,
    ): Promise<
      {
        viewName: string;
        feature: string;
        lifecycle: string;
        deprecationReason: string | null;
        replacement: string | null;
        sunsetAt: Date | null;
      }[]
    >;
  };
}

export function servingRegistryFrom(registry: RegistryLike): ServingRegistry {
  return {
    changeStamp: (project) => registry.changeStamp(project),
    getContents: (project) => registry.getContents(project),
    async viewLifecycles(project) {
      const lifecycles = new Map<string, ViewLifecycle>();
      const entry = (meta: StoredViewLike["meta"]): ViewLifecycle => ({
        state: meta.lifecycle as ViewLifecycleState,
        reason: meta.deprecationReason ?? null,
        replacement: meta.replacement ?? null,
        sunsetAt: meta.sunsetAt ?? null,
      });
      const notActive = (meta: { lifecycle: string }) =>
        meta.lifecycle === "deprecated" || meta.lifecycle === "retired";
      for (const kind of ["featureView", "onDemandFeatureView", "featureService"] as const) {
        for (const { spec, meta } of await registry.listStored(project, kind)) {
          if (notActive(meta)) lifecycles.set(kind === "featureService" ? `@${spec.name}` : spec.name, entry(meta));
        }
      }
      for (const row of (await registry.governance?.listFeatureLifecycles(project)) ?? []) {
        if (notActive(row)) lifecycles.set(`${row.viewName}:${row.feature}`, entry(row));
      }
      return lifecycles;
    },
  };
}
