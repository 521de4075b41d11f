import type { FileSourceSpec } from "@pantry/core/shared";
import { z } from "zod";
import {
  tagsFromForm,
  tagsToForm,
  ZColumnNameSchema,
  ZDescriptionSchema,
  ZObjectNameSchema,
  ZOwnerSchema,
  ZTagsFormSchema,
} from "./common";

/** A file data source (Parquet or CSV). The server checks the path and reads the columns. */
export const ZFileSourceFormSchema = z
  .object({
    name: ZObjectNameSchema,
    /** Relative to the feature repo folder (data/driver_stats.parquet), or absolute. */
    path: z
      .string()
      .trim()
      .min(1, "Give the path of a Parquet or CSV file")
      .regex(/\.(parquet|csv)$/i, "The file must end in .parquet or .csv"),
    timestampField: ZColumnNameSchema.describe("Event-time column"),
    createdTimestampColumn: z.string().trim().nullable().default(null),
    /** Source column -> feature or entity name, for columns whose names differ. */
    fieldMapping: z
      .array(
        z.object({
          from: z.string().trim().min(1, "Which source column?"),
          to: z.string().trim().min(1, "Which name?"),
        }),
      )
      .default([]),
    description: ZDescriptionSchema,
    owner: ZOwnerSchema,
    tags: ZTagsFormSchema,
  })
  .superRefine((form, ctx) => {
    if (form.createdTimestampColumn && form.createdTimestampColumn === form.timestampField) {
      ctx.addIssue({
        code: "custom",
        path: ["createdTimestampColumn"],
        message: "Pick a different column from the event timestamp",
      });
    }
  });

export type TFileSourceForm = z.infer<typeof ZFileSourceFormSchema>;
export type TFileSourceFormInput = z.input<typeof ZFileSourceFormSchema>;

export function fileSourceFormToSpec(form: TFileSourceForm): FileSourceSpec {
  return {
    kind: "dataSource",
    type: "file",
    name: form.name,
    path: form.path,
    format: form.path.toLowerCase().endsWith(".csv") ? "csv" : "parquet",
    timestampField: form.timestampField,
    createdTimestampColumn: form.createdTimestampColumn || null,
    fieldMapping: Object.fromEntries(form.fieldMapping.map((m) => [m.from, m.to])),
    description: form.description,
    owner: form.owner,
    tags: tagsFromForm(form.tags),
  };
}

export function fileSourceSpecToForm(spec: FileSourceSpec): TFileSourceForm {
  return {
    name: spec.name,
    path: spec.path,
    timestampField: spec.timestampField,
    createdTimestampColumn: spec.createdTimestampColumn,
    fieldMapping: Object.entries(spec.fieldMapping).map(([from, to]) => ({ from, to })),
    description: spec.description,
    owner: spec.owner,
    tags: tagsToForm(spec.tags),
  };
}
