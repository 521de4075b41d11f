"use client";
import { Field, FieldRow, Fieldset, TextArea, TextInput } from "@/components/ui/Form";
import { describedBy } from "@/lib/forms/described-by";
import { PairRowsEditor, type PairRow } from "./TagsEditor";
import type { FieldErrors } from "@/lib/forms/use-zod-form";

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
          id={`${idPrefix}-description`}
          rows={3}
          value={values.description}
          aria-invalid={errors.description ? true : undefined}
          onChange={(event) => onChange({ description: event.target.value })}
        />
      </Field>
      <FieldRow>
        <Field id={`${idPrefix}-owner`} label="Owner" error={errors.owner} hint="A team or a person to ask about it.">
          <TextInput
            id={`${idPrefix}-owner`}
            list={listId}
            placeholder="team@example.com"
            value={values.owner}
            aria-invalid={errors.owner ? true : undefined}
            onChange={(event) => onChange({ owner: event.target.value })}
          />
          <datalist id={listId}>
            {ownerSuggestions.map((owner) => (
              <option key={owner} value={owner} />
            ))}
          </datalist>
        </Field>
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
  id: string;
  hint: string;
  value: string;
  error: string | undefined;
  intent: "create" | "update";
  onChange: (name: string) => void;
}

/** An object's name: required, focused when creating, fixed once the object exists. */
export function NameField({ id, hint, value, error, intent, onChange }: NameFieldProps) {
  return (
    <Field id={id} label="Name" required error={error} hint={hint}>
      <TextInput
        {...describedBy(id, error, true)}
        value={value}
        disabled={intent === "update"}
        onChange={(event) => onChange(event.target.value)}
        autoFocus={intent === "create"}
      />
    </Field>
  );
}
