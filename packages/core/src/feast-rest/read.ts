/** Reads one project from the registry and serializes it to Feast's JSON. */
import { OBJECT_KINDS } from "../definitions/types";
import { listDatasets } from "../datasets/saved-datasets";
import type { Registry } from "../registry/registry";
import { type FeastProjectJson, toFeastProjectJson } from "./feast-json";

export type { FeastProjectJson } from "./feast-json";

export async function feastProjectJsonOf(registry: Registry, project: string): Promise<FeastProjectJson> {
  const spec = await registry.getProjectOrThrow(project);
  const [stored, intervals, savedDatasets] = await Promise.all([
    Promise.all(OBJECT_KINDS.map((kind) => registry.listStored(project, kind))),
    registry.listIntervals(project),
    listDatasets(registry, project),
  ]);
  return toFeastProjectJson({
    project: spec,
    objects: stored
      .flat()
      .map((o) => ({ spec: o.spec, times: { createdAt: o.meta.createdAt, updatedAt: o.meta.updatedAt } })),
    intervals,
    savedDatasets,
  });
}
