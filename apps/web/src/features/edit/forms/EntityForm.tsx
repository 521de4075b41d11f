"use client";
import { SCALAR_DTYPES, type ValueType } from "@pantry/core/definitions/types";
import { type TEntityForm, ZEntityFormSchema } from "@pantry/api/schemas/entity";
import { Field, FieldRow, Fieldset, SelectInput, TextInput } from "@/components/ui/Form";
import { describedBy } from "@/lib/forms/described-by";
import { useProjectOwners } from "@/lib/queries/projects";
import { CommonFields, NameField } from "../CommonFields";
import { EditLayout } from "../EditLayout";
import { useEditFlow } from "../use-edit-flow";
import { useZodForm } from "@/lib/forms/use-zod-form";
import type { FormProps } from "./FormProps";

export const EMPTY_ENTITY: TEntityForm = {
  name: "",
  joinKey: "",
  valueType: "Int64",
  description: "",
  owner: "",
  tags: [],
};

export function EntityForm({ project, intent, initial, deletable }: FormProps<TEntityForm>) {
  const form = useZodForm(ZEntityFormSchema, initial);
  const flow = useEditFlow({ project, onFieldErrors: form.setServerErrors });
  const owners = useProjectOwners(project);
  const { values, errors, set } = form;

  const onSubmit = () => {
    const valid = form.submit();
    if (valid) flow.review({ intent, project, form: { kind: "entity", values: valid } });
  };

  return (
    <EditLayout
      project={project}
      flow={flow}
      errors={errors}
      onSubmit={onSubmit}
      kind="entity"
      intent={intent}
      name={initial.name}
      deletable={deletable}
    >
      <Fieldset legend="Entity">
        <FieldRow>
          <NameField
            id="entity-name"
            hint="Letters, digits and _, like driver."
            value={values.name}
            error={errors.name}
            intent={intent}
            onChange={(name) => set("name", name)}
          />
          <Field
            id="entity-join-key"
            label="Join key"
            required
            error={errors.joinKey}
            hint="The column that identifies it in sources, like driver_id."
          >
            <TextInput
              {...describedBy("entity-join-key", errors.joinKey, true)}
              value={values.joinKey}
              onChange={(event) => set("joinKey", event.target.value)}
            />
          </Field>
          <Field
            id="entity-value-type"
            label="Value type"
            error={errors.valueType}
            hint="The join key's type (Feast often leaves it unset)."
          >
            <SelectInput
              {...describedBy("entity-value-type", errors.valueType, true)}
              value={values.valueType ?? ""}
              onChange={(event) => set("valueType", (event.target.value || null) as ValueType | null)}
            >
              <option value="">Not set</option>
              {SCALAR_DTYPES.map((dtype) => (
                <option key={dtype} value={dtype}>
                  {dtype}
                </option>
              ))}
            </SelectInput>
          </Field>
        </FieldRow>
      </Fieldset>
      <CommonFields idPrefix="entity" values={values} errors={errors} onChange={form.patch} ownerSuggestions={owners} />
    </EditLayout>
  );
}
