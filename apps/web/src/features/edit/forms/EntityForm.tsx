"use client";
import { SCALAR_DTYPES, type ValueType } from "@pantry/core/shared";
import { type TEntityForm, ZEntityFormSchema } from "@pantry/api/schemas";
import { FieldRow, Fieldset, SelectField, TextField } from "@/components/ui/Form";
import { NameField } from "../CommonFields";
import { ObjectForm } from "../ObjectForm";
import { type ObjectFormProps, useObjectForm } from "../use-object-form";

export const EMPTY_ENTITY: TEntityForm = {
  name: "",
  joinKey: "",
  valueType: "Int64",
  description: "",
  owner: "",
  tags: [],
};

export function EntityForm(props: ObjectFormProps<TEntityForm>) {
  const form = useObjectForm("entity", ZEntityFormSchema, props);
  return (
    <ObjectForm form={form} idPrefix="entity">
      <Fieldset legend="Entity">
        <FieldRow>
          <NameField form={form} id="entity-name" hint="Letters, digits and _, like driver." />
          <TextField
            id="entity-join-key"
            label="Join key"
            required
            hint="The column that identifies it in sources, like driver_id."
            {...form.field("joinKey")}
          />
          <SelectField
            id="entity-value-type"
            label="Value type"
            hint="The join key's type (Feast often leaves it unset)."
            value={form.values.valueType ?? ""}
            error={form.errors.valueType}
            onChange={(value) => form.set("valueType", (value || null) as ValueType | null)}
          >
            <option value="">Not set</option>
            {SCALAR_DTYPES.map((dtype) => (
              <option key={dtype} value={dtype}>
                {dtype}
              </option>
            ))}
          </SelectField>
        </FieldRow>
      </Fieldset>
    </ObjectForm>
  );
}
