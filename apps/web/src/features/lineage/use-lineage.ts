"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { intParam, pickParam, useUrlState } from "@/lib/url-state";
import { useTRPC } from "@/lib/trpc/client";
import { LINEAGE_DIRECTIONS, type LineageDirection, type LineageNodeKind } from "./model";

export interface LineageFocus {
  kind: LineageNodeKind;
  name: string;
}

export interface LineageParams {
  direction: LineageDirection;
  depth: number;
  entities: boolean;
  /** From the URL (`focus=featureView:name`) on the project page; fixed on an object's tab. */
  focus: LineageFocus | null;
}

const FOCUS_KINDS = ["entity", "dataSource", "featureView", "onDemandFeatureView", "featureService"] as const;

export function parseFocus(value: string | null): LineageFocus | null {
  if (!value) return null;
  const at = value.indexOf(":");
  const kind = value.slice(0, at);
  const name = value.slice(at + 1);
  if (at <= 0 || !name || !(FOCUS_KINDS as readonly string[]).includes(kind)) return null;
  return { kind: kind as LineageFocus["kind"], name };
}

/** Direction, depth and focus, read from and written to the URL. */
export function useLineageParams(fixedFocus: LineageFocus | null) {
  const url = useUrlState();
  const params: LineageParams = {
    direction: pickParam(url.get("direction"), LINEAGE_DIRECTIONS, "both"),
    depth: intParam(url.get("depth"), fixedFocus ? 2 : 3, 1, 20),
    entities: url.get("entities") === "1",
    focus: fixedFocus ?? parseFocus(url.get("focus")),
  };
  const update = (
    patch: Partial<{ direction: LineageDirection; depth: number; entities: boolean; focus: string | null }>,
  ) =>
    url.set({
      ...("direction" in patch ? { direction: patch.direction === "both" ? null : patch.direction } : {}),
      ...("depth" in patch ? { depth: patch.depth } : {}),
      ...("entities" in patch ? { entities: patch.entities ? "1" : null } : {}),
      ...("focus" in patch ? { focus: patch.focus } : {}),
    });
  return { params, update };
}

export function useLineageGraph(project: string, params: LineageParams) {
  const trpc = useTRPC();
  return useQuery({
    ...trpc.lineage.graph.queryOptions({
      project,
      focusKind: params.focus?.kind,
      focusName: params.focus?.name,
      direction: params.direction,
      depth: params.depth,
      includeEntities: params.entities,
    }),
    placeholderData: keepPreviousData,
  });
}
