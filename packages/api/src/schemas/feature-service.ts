import type { FeatureServiceSpec } from "@pantry/core/shared";
import { z } from "zod";
import {
  tagsFromForm,
  tagsToForm,
  ZDescriptionSchema,
  ZObjectNameSchema,
  ZOwnerSchema,
  ZTagsFormSchema,
} from "./common";

export const ZProjectionFormSchema = z.object({
  /** A feature view or on-demand feature view. */
  view: z.string().trim().min(1, "Pick a feature view"),
  features: z.array(z.string().trim().min(1)).min(1, "Pick at least one feature of this view"),
  /** Output prefix instead of the view name, to use one view twice. */
  alias: z
    .string()
    .trim()
    .nullable()
    .default(null)
    .refine((a) => !a || /^[A-Za-z_][A-Za-z0-9_]*$/.test(a), "Use letters, digits and '_' only"),
  /** View join key -> entity-table column (origin_location_id for location_id). */
  joinKeyMap: z.array(z.object({ from: z.string().trim().min(1), to: z.string().trim().min(1) })).default([]),
});

export const ZFeatureServiceFormSchema = z
  .object({
    name: ZObjectNameSchema,
    projections: z.array(ZProjectionFormSchema).min(1, "Add at least one feature view"),
    description: ZDescriptionSchema,
    owner: ZOwnerSchema,
    tags: ZTagsFormSchema,
  })
  .superRefine((form, ctx) => {
    const seen = new Set<string>();
    form.projections.forEach((p, i) => {
      const output = p.alias || p.view;
      if (seen.has(output)) {
        ctx.addIssue({
          code: "custom",
          path: ["projections", i, "alias"],
          message: `'${output}' is used twice; give one of them an alias`,
        });
      }
      seen.add(output);
    });
  });

export type TFeatureServiceForm = z.infer<typeof ZFeatureServiceFormSchema>;
export type TFeatureServiceFormInput = z.input<typeof ZFeatureServiceFormSchema>;

export function featureServiceFormToSpec(form: TFeatureServiceForm): FeatureServiceSpec {
  return {
    kind: "featureService",
    name: form.name,
    projections: form.projections.map((p) => ({
      view: p.view,
      alias: p.alias || null,
      features: p.features,
      joinKeyMap: Object.fromEntries(p.joinKeyMap.map((m) => [m.from, m.to])),
    })),
    description: form.description,
    owner: form.owner,
    tags: tagsFromForm(form.tags),
  };
}

export function featureServiceSpecToForm(spec: FeatureServiceSpec): TFeatureServiceForm {
  return {
    name: spec.name,
    projections: spec.projections.map((p) => ({
      view: p.view,
      features: p.features,
      alias: p.alias,
      joinKeyMap: Object.entries(p.joinKeyMap).map(([from, to]) => ({ from, to })),
    })),
    description: spec.description,
    owner: spec.owner,
    tags: tagsToForm(spec.tags),
  };
}
