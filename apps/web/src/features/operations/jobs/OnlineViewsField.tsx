"use client";
/** The project's online views as checkboxes (none ticked = every online view): Materialize and New schedule. */
import { EMPTY_MATERIALIZE_FORM } from "@pantry/api/schemas";
import { useQuery } from "@tanstack/react-query";
import { Checkbox, Field } from "@/components/ui/Form";
import { useTRPC } from "@/lib/trpc/client";
import styles from "./jobs.module.css";

interface Props {
  project: string;
  id: string;
  selected: string[];
  error: string | undefined;
  onChange: (views: string[]) => void;
}

export function OnlineViewsField({ project, id, selected, error, onChange }: Props) {
  const trpc = useTRPC();
  // The preview of a run over every view lists every online view.
  const allViews = useQuery(trpc.materialization.preview.queryOptions({ project, values: EMPTY_MATERIALIZE_FORM }));
  const toggle = (view: string, on: boolean) => onChange(on ? [...selected, view] : selected.filter((v) => v !== view));
  return (
    <Field id={id} label="Views" hint="None ticked = every online view of the project" error={error}>
      <fieldset className={styles.views} id={id} aria-label="Views">
        {(allViews.data?.views ?? []).map((view) => (
          <Checkbox
            key={view.name}
            label={view.name}
            checked={selected.includes(view.name)}
            onChange={(e) => toggle(view.name, e.target.checked)}
          />
        ))}
        {allViews.data?.views.length === 0 ? <span className="muted">This project has no online view.</span> : null}
      </fieldset>
    </Field>
  );
}
