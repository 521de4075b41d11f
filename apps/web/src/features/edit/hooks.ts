"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useAllOfKind } from "@/lib/queries/catalog";
import { useTRPC } from "@/lib/trpc/client";
import { useDebounced } from "@/lib/use-debounced";
import { type ProposedColumn, proposeColumns } from "./feature-columns";

const FILE_PATH = /\.(parquet|csv)$/i;

/** Columns and proposed dtypes of a Parquet/CSV file, checked as the path is typed. */
export function useInspectFile(project: string, path: string) {
  const trpc = useTRPC();
  const debounced = useDebounced(path.trim(), 400);
  const enabled = FILE_PATH.test(debounced);
  const query = useQuery({
    ...trpc.catalog.inspectSource.queryOptions({ project, path: debounced }),
    enabled,
    retry: false,
    placeholderData: keepPreviousData,
  });
  return { ...query, checkedPath: enabled ? debounced : null, settling: debounced !== path.trim() };
}

/** The columns of a registered data source (file sources only: others have nothing to read). */
export function useSourceColumns(project: string, sourceName: string) {
  const trpc = useTRPC();
  const sources = useAllOfKind(project, "dataSource");
  const source = sources.data?.find((s) => s.name === sourceName) ?? null;
  const isFile = source?.sourceType === "file";
  const columns = useQuery({
    ...trpc.catalog.inspectSource.queryOptions({ project, path: source?.location ?? "" }),
    enabled: Boolean(isFile && source?.location),
    retry: false,
  });
  return { sources, source, isFile, columns };
}

/** Features of one view, for the service form's pickers. */
export function useViewFeatures(project: string, view: string) {
  const trpc = useTRPC();
  return useQuery({ ...trpc.catalog.features.queryOptions({ project, view, limit: 500 }), enabled: view.length > 0 });
}

/** Views a service can read: feature views and on-demand views. */
export function useServableViews(project: string) {
  const views = useAllOfKind(project, "featureView");
  const odfvs = useAllOfKind(project, "onDemandFeatureView");
  const data =
    views.data && odfvs.data
      ? [
          ...views.data.map((v) => ({
            name: v.name,
            kind: "featureView" as const,
            featureCount: v.featureCount,
            description: v.description,
          })),
          ...odfvs.data.map((v) => ({
            name: v.name,
            kind: "onDemandFeatureView" as const,
            featureCount: v.featureCount,
            description: v.description,
          })),
        ].sort((a, b) => a.name.localeCompare(b.name))
      : undefined;
  return { data, isPending: views.isPending || odfvs.isPending, error: views.error ?? odfvs.error };
}

/** The chosen source's columns, each marked as a feature candidate, a join key of a picked entity, or the timestamp. */
export function useProposedColumns(project: string, sourceName: string, entityNames: string[]) {
  const source = useSourceColumns(project, sourceName);
  const entities = useAllOfKind(project, "entity");
  const joinKeys = (entities.data ?? []).filter((e) => entityNames.includes(e.name)).flatMap((e) => e.joinKeys);
  const proposed: ProposedColumn[] = source.columns.data
    ? proposeColumns(source.columns.data.columns, { joinKeys, timestampFields: [source.source?.timestampField] })
    : [];
  return { ...source, proposed };
}
