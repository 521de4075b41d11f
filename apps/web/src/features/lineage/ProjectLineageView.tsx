"use client";
import { useQueries } from "@tanstack/react-query";
import { SelectInput } from "@/components/ui/Form";
import { PageHeader } from "@/components/ui/PageHeader";
import { KIND_ORDER, KINDS } from "@/lib/kinds";
import { useTRPC } from "@/lib/trpc/client";
import { useUrlState } from "@/lib/url-state";
import { LineageView } from "./LineageView";
import styles from "./lineage.module.css";

/** The whole project's lineage, optionally around one object picked here (?focus=kind:name). */
export function ProjectLineageView({ project }: { project: string }) {
  return (
    <>
      <PageHeader
        icon="lineage"
        eyebrow={project}
        title="Lineage"
        subtitle="Data sources → feature views → feature services → models. Click a node to open it; pick an object to trace its upstream and downstream."
      />
      <LineageView project={project}>
        <FocusPicker project={project} />
      </LineageView>
    </>
  );
}

function FocusPicker({ project }: { project: string }) {
  const trpc = useTRPC();
  const url = useUrlState();
  const lists = useQueries({
    queries: KIND_ORDER.map((kind) => trpc.catalog.list.queryOptions({ project, kind, limit: 200 })),
  });
  return (
    <label className={styles.controlLabel} htmlFor="lineage-focus">
      Focus
      <SelectInput
        id="lineage-focus"
        small
        value={url.get("focus") ?? ""}
        onChange={(event) => url.set({ focus: event.target.value || null })}
        style={{ width: 260 }}
      >
        <option value="">Whole project</option>
        {KIND_ORDER.map((kind, index) => (
          <optgroup key={kind} label={KINDS[kind].plural}>
            {(lists[index]?.data?.items ?? []).map((item) => (
              <option key={item.name} value={`${kind}:${item.name}`}>
                {item.name}
              </option>
            ))}
          </optgroup>
        ))}
      </SelectInput>
    </label>
  );
}
