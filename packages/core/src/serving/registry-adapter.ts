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
  listStored(project: string, kind: "featureView" | "onDemandFeatureView"): Promise<StoredViewLike[]>;
}

export function servingRegistryFrom(registry: RegistryLike): ServingRegistry {
  return {
    changeStamp: (project) => registry.changeStamp(project),
    getContents: (project) => registry.getContents(project),
    async viewLifecycles(project) {
      const lifecycles = new Map<string, ViewLifecycle>();
      for (const kind of ["featureView", "onDemandFeatureView"] as const) {
        for (const { spec, meta } of await registry.listStored(project, kind)) {
          if (meta.lifecycle !== "deprecated" && meta.lifecycle !== "retired") continue;
          lifecycles.set(spec.name, {
            state: meta.lifecycle as ViewLifecycleState,
            reason: meta.deprecationReason ?? null,
            replacement: meta.replacement ?? null,
            sunsetAt: meta.sunsetAt ?? null,
          });
        }
      }
      return lifecycles;
    },
  };
}
