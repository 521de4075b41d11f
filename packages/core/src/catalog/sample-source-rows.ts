/** A few rows of a data source, read through the project's offline store (the detail page's sample tab). */
import { PantryError } from "../errors";
import type { OfflineStore } from "../offline/types";
import type { Registry } from "../registry/registry";
import { catalogIndexFor } from "./catalog-index";
import { findIndexedObjectOrThrow } from "./get-catalog-object";

export interface SourceSample {
  columns: string[];
  rows: Record<string, unknown>[];
}

export async function sampleSourceRows(
  registry: Registry,
  offlineStore: Pick<OfflineStore, "sampleSource">,
  options: { project: string; source: string; limit: number },
): Promise<SourceSample> {
  const index = await catalogIndexFor(registry);
  const { spec } = findIndexedObjectOrThrow(index, {
    project: options.project,
    kind: "dataSource",
    name: options.source,
  });
  if (spec.kind !== "dataSource") throw new PantryError("INTERNAL", `'${options.source}' is not a data source`);
  if (spec.type === "request" || spec.type === "push") {
    throw new PantryError(
      "FAILED_PRECONDITION",
      `data source '${spec.name}' is a ${spec.type} source: its rows arrive with requests, so there is nothing stored to sample`,
    );
  }
  const rows = await offlineStore.sampleSource(spec, options.limit);
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return { columns, rows };
}
