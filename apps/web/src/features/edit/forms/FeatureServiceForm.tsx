"use client";
import { type TFeatureServiceForm, ZFeatureServiceFormSchema } from "@pantry/api/schemas";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { FieldRow, Fieldset, SelectField } from "@/components/ui/Form";
import { useTRPC } from "@/lib/trpc/client";
import { NameField } from "../CommonFields";
import { useServableViews } from "../hooks";
import { ObjectForm } from "../ObjectForm";
import { type ObjectFormProps, useObjectForm } from "../use-object-form";
import { ProjectionEditor } from "./ProjectionEditor";

export const EMPTY_FEATURE_SERVICE: TFeatureServiceForm = {
  name: "",
  projections: [],
  description: "",
  owner: "",
  tags: [],
};

export function FeatureServiceForm(props: ObjectFormProps<TFeatureServiceForm>) {
  const form = useObjectForm("featureService", ZFeatureServiceFormSchema, props);
  const { project, values, errors, set } = form;
  const views = useServableViews(project);
  const addView = useAddView(project);

  return (
    <ObjectForm form={form} idPrefix="fs">
      <Fieldset legend="Feature service">
        <FieldRow>
          <NameField form={form} id="fs-name" hint="Usually the model and its version, like churn_model_v2." />
        </FieldRow>
      </Fieldset>
      <Fieldset legend="Views and features">
        {values.projections.map((projection, index) => (
          <ProjectionEditor
            // biome-ignore lint/suspicious/noArrayIndexKey: a view may appear twice (with aliases); position identifies it
            key={`${projection.view}-${index}`}
            project={project}
            index={index}
            projection={projection}
            errors={errors}
            onChange={(next) =>
              set(
                "projections",
                values.projections.map((p, i) => (i === index ? next : p)),
              )
            }
            onRemove={() =>
              set(
                "projections",
                values.projections.filter((_, i) => i !== index),
              )
            }
          />
        ))}
        <SelectField
          id="fs-add-view"
          label={values.projections.length ? "Add another view" : "Add a view"}
          value=""
          error={errors.projections}
          disabled={addView.busy}
          onChange={async (view) => {
            if (view) set("projections", [...values.projections, await addView.projectionFor(view)]);
          }}
        >
          <option value="">{views.isPending ? "Loading views…" : "Pick a feature view…"}</option>
          {(views.data ?? []).map((view) => (
            <option key={view.name} value={view.name}>
              {view.name} ({view.featureCount} features{view.kind === "onDemandFeatureView" ? ", on-demand" : ""})
            </option>
          ))}
        </SelectField>
      </Fieldset>
    </ObjectForm>
  );
}

/** A new projection starts with all of the view's features picked. */
function useAddView(project: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  return {
    busy,
    projectionFor: async (view: string): Promise<TFeatureServiceForm["projections"][number]> => {
      setBusy(true);
      try {
        const features = await queryClient.fetchQuery(
          trpc.catalog.features.queryOptions({ project, view, limit: 500 }),
        );
        return { view, features: features.items.map((f) => f.name), alias: null, joinKeyMap: [] };
      } finally {
        setBusy(false);
      }
    },
  };
}
