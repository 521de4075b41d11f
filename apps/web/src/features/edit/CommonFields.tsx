"use client";
import { Field, FieldRow, Fieldset, TextArea, TextField } from "@/components/ui/Form";
import { describedBy } from "@/lib/forms/described-by";
import type { FieldErrors } from "@/lib/forms/use-zod-form";
import { PairRowsEditor, type PairRow } from "./TagsEditor";
import type { ObjectFormShell } from "./use-object-form";

interface CommonValues {
  description: string;
  owner: string;
  tags: PairRow[];
}

interface CommonFieldsProps {
  idPrefix: string;
  values: CommonValues;
  errors: FieldErrors;
  onChange: (patch: Partial<CommonValues>) => void;
  ownerSuggestions: string[];
}

/** Description, owner and tags: the same on every form. */
export function CommonFields({ idPrefix, values, errors, onChange, ownerSuggestions }: CommonFieldsProps) {
  const listId = `${idPrefix}-owners`;
  return (
    <Fieldset legend="Ownership and documentation">
      <Field
        id={`${idPrefix}-description`}
        label="Description"
        error={errors.description}
        hint="What it is and when to use it; shown in search."
      >
        <TextArea
          {...describedBy(`${idPrefix}-description`, errors.description, true)}
          rows={3}
          value={values.description}
          onChange={(event) => onChange({ description: event.target.value })}
        />
      </Field>
      <FieldRow>
        <TextField
          id={`${idPrefix}-owner`}
          label="Owner"
          hint="A team or a person to ask about it."
          list={listId}
          placeholder="team@example.com"
          value={values.owner}
          error={errors.owner}
          onChange={(owner) => onChange({ owner })}
        />
        <datalist id={listId}>
          {ownerSuggestions.map((owner) => (
            <option key={owner} value={owner} />
          ))}
        </datalist>
      </FieldRow>
      <Field
        id={`${idPrefix}-tags-0-key`}
        label="Tags"
        error={errors.tags}
        hint="Used by search and list filters (team, stage, pii…)."
      >
        <PairRowsEditor
          id={`${idPrefix}-tags`}
          rows={values.tags}
          onChange={(rows) => onChange({ tags: rows })}
          errors={errors}
          path="tags"
          keyLabel="Key"
          valueLabel="Value"
          addLabel="Add tag"
        />
      </Field>
    </Fieldset>
  );
}

interface NameFieldProps {
  form: Pick<ObjectFormShell, "values" | "errors" | "intent" | "patch">;
  id: string;
  hint: string;
}

/** An object's name: required, focused when creating, fixed once the object exists. */
export function NameField({ form, id, hint }: NameFieldProps) {
  return (
    <TextField
      id={id}
      label="Name"
      required
      hint={hint}
      value={form.values.name}
      error={form.errors.name}
      onChange={(name) => form.patch({ name })}
      disabled={form.intent === "update"}
      autoFocus={form.intent === "create"}
    />
  );
}
