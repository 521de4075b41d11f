"use client";
import { type TFileSourceForm, ZFileSourceFormSchema } from "@pantry/api/schemas/data-source";
import { useEffect } from "react";
import { Field, FieldRow, Fieldset, SelectInput, TextInput } from "@/components/ui/Form";
import { describedBy } from "@/lib/forms/described-by";
import { useProjectOwners } from "@/lib/queries/projects";
import { CommonFields, NameField } from "../CommonFields";
import { EditLayout } from "../EditLayout";
import { useInspectFile } from "../hooks";
import { mappingRows, PairRowsEditor } from "../TagsEditor";
import { useEditFlow } from "../use-edit-flow";
import { useZodForm } from "@/lib/forms/use-zod-form";
import { FileColumnsPreview } from "./FileColumnsPreview";
import type { FormProps } from "./FormProps";

export const EMPTY_FILE_SOURCE: TFileSourceForm = {
  name: "",
  path: "",
  timestampField: "",
  createdTimestampColumn: null,
  fieldMapping: [],
  description: "",
  owner: "",
  tags: [],
};

export function DataSourceForm({ project, intent, initial, deletable }: FormProps<TFileSourceForm>) {
  const form = useZodForm(ZFileSourceFormSchema, initial);
  const flow = useEditFlow({ project, onFieldErrors: form.setServerErrors });
  const owners = useProjectOwners(project);
  const inspection = useInspectFile(project, form.values.path);
  const { values, errors, set } = form;
  const columns = inspection.data?.columns.map((c) => c.name) ?? [];
  const candidates = inspection.data ? [...new Set([...inspection.data.timestampCandidates, ...columns])] : [];
  const pathError = errors.path;

  // The file's first timestamp-typed column is the likely event time: propose it once it is read.
  const proposedTimestamp = inspection.data?.timestampCandidates[0] ?? "";
  const { timestampField } = values;
  useEffect(() => {
    if (!timestampField && proposedTimestamp) set("timestampField", proposedTimestamp);
  }, [timestampField, proposedTimestamp, set]);

  const onSubmit = () => {
    const valid = form.submit();
    if (valid) flow.review({ intent, project, form: { kind: "dataSource", values: valid } });
  };

  return (
    <EditLayout
      project={project}
      flow={flow}
      errors={errors}
      onSubmit={onSubmit}
      kind="dataSource"
      intent={intent}
      name={initial.name}
      deletable={deletable}
    >
      <Fieldset legend="File">
        <FieldRow>
          <NameField
            id="source-name"
            hint="Letters, digits and _, like driver_stats_source."
            value={values.name}
            error={errors.name}
            intent={intent}
            onChange={(name) => set("name", name)}
          />
          <Field
            id="source-path"
            label="Path"
            required
            error={pathError}
            hint="Relative to the feature repo folder, like data/driver_stats.parquet."
          >
            <TextInput
              {...describedBy("source-path", pathError, true)}
              className="mono"
              value={values.path}
              placeholder="data/my_table.parquet"
              onChange={(event) => set("path", event.target.value)}
            />
          </Field>
        </FieldRow>
        <FileColumnsPreview inspection={inspection} />
        <FieldRow>
          <Field
            id="source-timestamp"
            label="Event timestamp column"
            required
            error={errors.timestampField}
            hint="When each row's values were true."
          >
            <SelectInput
              {...describedBy("source-timestamp", errors.timestampField, true)}
              value={values.timestampField}
              onChange={(event) => set("timestampField", event.target.value)}
            >
              <option value="">{candidates.length ? "Pick a column…" : "Enter a readable path first"}</option>
              {[...new Set([...(values.timestampField ? [values.timestampField] : []), ...candidates])].map(
                (column) => (
                  <option key={column} value={column}>
                    {column}
                  </option>
                ),
              )}
            </SelectInput>
          </Field>
          <Field
            id="source-created"
            label="Created timestamp column"
            error={errors.createdTimestampColumn}
            hint="Optional: when a row was written; the latest wins for equal event times."
          >
            <SelectInput
              {...describedBy("source-created", errors.createdTimestampColumn, true)}
              value={values.createdTimestampColumn ?? ""}
              onChange={(event) => set("createdTimestampColumn", event.target.value || null)}
            >
              <option value="">None</option>
              {[
                ...new Set([...(values.createdTimestampColumn ? [values.createdTimestampColumn] : []), ...candidates]),
              ].map((column) => (
                <option key={column} value={column}>
                  {column}
                </option>
              ))}
            </SelectInput>
          </Field>
        </FieldRow>
        <Field
          id="source-mapping-0-key"
          label="Field mapping"
          hint="Optional: rename source columns on read (legacy_name → feature_name)."
        >
          <PairRowsEditor
            id="source-mapping"
            rows={mappingRows.toEditor(values.fieldMapping)}
            onChange={(rows) => set("fieldMapping", mappingRows.fromEditor(rows))}
            errors={errors}
            path="fieldMapping"
            keyLabel="Source column"
            valueLabel="Read as"
            addLabel="Add a mapping"
          />
        </Field>
      </Fieldset>
      <CommonFields idPrefix="source" values={values} errors={errors} onChange={form.patch} ownerSuggestions={owners} />
    </EditLayout>
  );
}
