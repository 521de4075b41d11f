"use client";
import { type TFileSourceForm, ZFileSourceFormSchema } from "@pantry/api/schemas";
import { useEffect } from "react";
import { Field, FieldRow, Fieldset, SelectField, TextField } from "@/components/ui/Form";
import { NameField } from "../CommonFields";
import { useInspectFile } from "../hooks";
import { ObjectForm } from "../ObjectForm";
import { mappingRows, PairRowsEditor } from "../TagsEditor";
import { type ObjectFormProps, useObjectForm } from "../use-object-form";
import { FileColumnsPreview } from "./FileColumnsPreview";

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

export function DataSourceForm(props: ObjectFormProps<TFileSourceForm>) {
  const form = useObjectForm("dataSource", ZFileSourceFormSchema, props);
  const inspection = useInspectFile(form.project, form.values.path);
  const { values, errors, set } = form;
  const columns = inspection.data?.columns.map((c) => c.name) ?? [];
  const candidates = inspection.data ? [...new Set([...inspection.data.timestampCandidates, ...columns])] : [];
  /** The file's columns, with the value already chosen first (a recorded column the file no longer has stays). */
  const optionsFor = (chosen: string | null) => [...new Set([...(chosen ? [chosen] : []), ...candidates])];

  // The file's first timestamp-typed column is the likely event time: propose it once it is read.
  const proposedTimestamp = inspection.data?.timestampCandidates[0] ?? "";
  const { timestampField } = values;
  useEffect(() => {
    if (!timestampField && proposedTimestamp) set("timestampField", proposedTimestamp);
  }, [timestampField, proposedTimestamp, set]);

  return (
    <ObjectForm form={form} idPrefix="source">
      <Fieldset legend="File">
        <FieldRow>
          <NameField form={form} id="source-name" hint="Letters, digits and _, like driver_stats_source." />
          <TextField
            id="source-path"
            label="Path"
            required
            hint="Relative to the feature repo folder, like data/driver_stats.parquet."
            className="mono"
            placeholder="data/my_table.parquet"
            {...form.field("path")}
          />
        </FieldRow>
        <FileColumnsPreview inspection={inspection} />
        <FieldRow>
          <SelectField
            id="source-timestamp"
            label="Event timestamp column"
            required
            hint="When each row's values were true."
            {...form.field("timestampField")}
          >
            <option value="">{candidates.length ? "Pick a column…" : "Enter a readable path first"}</option>
            {optionsFor(values.timestampField).map((column) => (
              <option key={column} value={column}>
                {column}
              </option>
            ))}
          </SelectField>
          <SelectField
            id="source-created"
            label="Created timestamp column"
            hint="Optional: when a row was written; the latest wins for equal event times."
            value={values.createdTimestampColumn ?? ""}
            error={errors.createdTimestampColumn}
            onChange={(value) => set("createdTimestampColumn", value || null)}
          >
            <option value="">None</option>
            {optionsFor(values.createdTimestampColumn).map((column) => (
              <option key={column} value={column}>
                {column}
              </option>
            ))}
          </SelectField>
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
    </ObjectForm>
  );
}
