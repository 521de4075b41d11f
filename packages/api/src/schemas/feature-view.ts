import { formatTtl, parseTtl } from "@pantry/core/shared";
import type { FeatureViewSpec } from "@pantry/core/shared";
import { z } from "zod";
import {
  tagsFromForm,
  tagsToForm,
  ZDescriptionSchema,
  ZDtypeSchema,
  ZObjectNameSchema,
  ZOwnerSchema,
  ZTagsFormSchema,
  ZTtlSchema,
} from "./common";

export const ZFeatureFieldFormSchema = z.object({
  name: ZObjectNameSchema,
  dtype: ZDtypeSchema,
  description: ZDescriptionSchema,
});

export const ZFeatureViewFormSchema = z
  .object({
    name: ZObjectNameSchema,
    /** Entity names; none = an entityless view (one row for everybody). */
    entities: z.array(z.string().trim().min(1)).default([]),
    /** The data source's name. */
    source: z.string().trim().min(1, "Pick the data source the features come from"),
    features: z.array(ZFeatureFieldFormSchema).min(1, "Pick at least one column as a feature"),
    ttl: ZTtlSchema,
    online: z.boolean().default(true),
    description: ZDescriptionSchema,
    owner: ZOwnerSchema,
    tags: ZTagsFormSchema,
  })
  .superRefine((form, ctx) => {
    const seen = new Set<string>();
    form.features.forEach((f, i) => {
      if (seen.has(f.name))
        ctx.addIssue({ code: "custom", path: ["features", i, "name"], message: `'${f.name}' is listed twice` });
      seen.add(f.name);
    });
    if (new Set(form.entities).size !== form.entities.length) {
      ctx.addIssue({ code: "custom", path: ["entities"], message: "An entity is picked twice" });
    }
  });

export type TFeatureViewForm = z.infer<typeof ZFeatureViewFormSchema>;
export type TFeatureViewFormInput = z.input<typeof ZFeatureViewFormSchema>;

export function featureViewFormToSpec(form: TFeatureViewForm): FeatureViewSpec {
  return {
    kind: "featureView",
    name: form.name,
    entities: form.entities,
    schema: form.features.map((f) => ({ name: f.name, dtype: f.dtype, description: f.description, tags: {} })),
    entityColumns: [],
    source: form.source,
    ttlSeconds: parseTtl(form.ttl),
    online: form.online,
    offline: true,
    description: form.description,
    owner: form.owner,
    tags: tagsFromForm(form.tags),
  };
}

export function featureViewSpecToForm(spec: FeatureViewSpec): TFeatureViewForm {
  return {
    name: spec.name,
    entities: spec.entities,
    source: spec.source,
    features: spec.schema.map((f) => ({ name: f.name, dtype: f.dtype, description: f.description })),
    ttl: spec.ttlSeconds === 0 ? "0" : formatTtl(spec.ttlSeconds),
    online: spec.online,
    description: spec.description,
    owner: spec.owner,
    tags: tagsToForm(spec.tags),
  };
}
