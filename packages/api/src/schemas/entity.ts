import type { EntitySpec, ValueType } from "@pantry/core/shared";
import { SCALAR_DTYPES } from "@pantry/core/shared";
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

export const ZEntityFormSchema = z.object({
  name: ZObjectNameSchema,
  /** The column that identifies it in sources and entity tables (driver_id). */
  joinKey: ZColumnNameSchema.regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "Use letters, digits and '_' only"),
  valueType: z
    .enum(SCALAR_DTYPES as unknown as [ValueType, ...ValueType[]])
    .nullable()
    .default(null),
  description: ZDescriptionSchema,
  owner: ZOwnerSchema,
  tags: ZTagsFormSchema,
});

export type TEntityForm = z.infer<typeof ZEntityFormSchema>;
export type TEntityFormInput = z.input<typeof ZEntityFormSchema>;

export function entityFormToSpec(form: TEntityForm): EntitySpec {
  return {
    kind: "entity",
    name: form.name,
    joinKeys: [form.joinKey],
    valueType: form.valueType,
    description: form.description,
    owner: form.owner,
    tags: tagsFromForm(form.tags),
  };
}

export function entitySpecToForm(spec: EntitySpec): TEntityForm {
  return {
    name: spec.name,
    joinKey: spec.joinKeys[0] ?? "",
    valueType: spec.valueType,
    description: spec.description,
    owner: spec.owner,
    tags: tagsToForm(spec.tags),
  };
}
