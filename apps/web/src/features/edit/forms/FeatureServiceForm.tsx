"use client";
import { type TFeatureServiceForm, ZFeatureServiceFormSchema } from "@pantry/api/schemas/feature-service";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Field, FieldRow, Fieldset, SelectInput } from "@/components/ui/Form";
import { describedBy } from "@/lib/forms/described-by";
import { useProjectOwners } from "@/lib/queries/projects";
import { useTRPC } from "@/lib/trpc/client";
import { CommonFields, NameField } from "../CommonFields";
import { EditLayout } from "../EditLayout";
import { useServableViews } from "../hooks";
import { useEditFlow } from "../use-edit-flow";
import { useZodForm } from "@/lib/forms/use-zod-form";
import type { FormProps } from "./FormProps";
import { ProjectionEditor } from "./ProjectionEditor";

export const EMPTY_FEATURE_SERVICE: TFeatureServiceForm = {
  name: "",
  projections: [],
  description: "",
  owner: "",
  tags: [],
};

export function FeatureServiceForm({ project, intent, initial, deletable }: FormProps<TFeatureServiceForm>) {
  const form = useZodForm(ZFeatureServiceFormSchema, initial);
  const flow = useEditFlow({ project, onFieldErrors: form.setServerErrors });
  const owners = useProjectOwners(project);
  const views = useServableViews(project);
  const addView = useAddView(project);
  const { values, errors, set } = form;

  const onSubmit = () => {
    const valid = form.submit();
    if (valid) flow.review({ intent, project, form: { kind: "featureService", values: valid } });
  };

  return (
    <EditLayout
      project={project}
      flow={flow}
      errors={errors}
      onSubmit={onSubmit}
      kind="featureService"
      intent={intent}
      name={initial.name}
      deletable={deletable}
    >
      <Fieldset legend="Feature service">
        <FieldRow>
          <NameField
            id="fs-name"
            hint="Usually the model and its version, like churn_model_v2."
            value={values.name}
            error={errors.name}
            intent={intent}
            onChange={(name) => set("name", name)}
          />
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
        <Field
          id="fs-add-view"
          label={values.projections.length ? "Add another view" : "Add a view"}
          error={errors.projections}
        >
          <SelectInput
            {...describedBy("fs-add-view", errors.projections)}
            value=""
            disabled={addView.busy}
            onChange={async (event) => {
              const view = event.target.value;
              if (view) set("projections", [...values.projections, await addView.projectionFor(view)]);
            }}
          >
            <option value="">{views.isPending ? "Loading views…" : "Pick a feature view…"}</option>
            {(views.data ?? []).map((view) => (
              <option key={view.name} value={view.name}>
                {view.name} ({view.featureCount} features{view.kind === "onDemandFeatureView" ? ", on-demand" : ""})
              </option>
            ))}
          </SelectInput>
        </Field>
      </Fieldset>
      <CommonFields idPrefix="fs" values={values} errors={errors} onChange={form.patch} ownerSuggestions={owners} />
    </EditLayout>
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
