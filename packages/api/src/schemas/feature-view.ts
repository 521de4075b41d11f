import { type FieldValidation, formatTtl, parseFieldValidation, parseTtl } from "@pantry/core/shared";
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

/** Text of a number input: empty = no rule. */
const ZRuleNumber = (what: string, range?: [number, number]) =>
  z
    .string()
    .trim()
    .max(40)
    .default("")
    .refine(
      (text) => {
        if (text === "") return true;
        const n = Number(text);
        return Number.isFinite(n) && (!range || (n >= range[0] && n <= range[1]));
      },
      `${what} must be a number${range ? ` from ${range[0]} to ${range[1]}` : ""}`,
    );

/** A feature's expectations as the form edits them (checked before every materialization). */
export const ZValidationFormSchema = z.object({
  notNull: z.boolean().default(false),
  min: ZRuleNumber("Min"),
  max: ZRuleNumber("Max"),
  /** Comma-separated values. */
  allowed: z.string().max(20_000).default(""),
  maxNullRatio: ZRuleNumber("Max null ratio", [0, 1]),
});

export const ZFeatureFieldFormSchema = z.object({
  name: ZObjectNameSchema,
  dtype: ZDtypeSchema,
  description: ZDescriptionSchema,
  validation: ZValidationFormSchema.optional(),
});

export type TValidationForm = z.infer<typeof ZValidationFormSchema>;

export function validationFromForm(form: TValidationForm | undefined, feature: string): FieldValidation | undefined {
  if (!form) return undefined;
  const number = (text: string) => (text.trim() === "" ? undefined : Number(text));
  const allowed = form.allowed
    .split(",")
    .map((v) => v.trim())
    .filter((v) => v !== "");
  return parseFieldValidation(
    {
      notNull: form.notNull || undefined,
      min: number(form.min),
      max: number(form.max),
      allowed: allowed.length > 0 ? allowed : undefined,
      maxNullRatio: number(form.maxNullRatio),
    },
    `feature '${feature}'`,
  );
}

export function validationToForm(validation: FieldValidation | undefined): TValidationForm | undefined {
  if (!validation) return undefined;
  return {
    notNull: validation.notNull ?? false,
    min: validation.min === undefined ? "" : String(validation.min),
    max: validation.max === undefined ? "" : String(validation.max),
    allowed: (validation.allowed ?? []).join(", "),
    maxNullRatio: validation.maxNullRatio === undefined ? "" : String(validation.maxNullRatio),
  };
}

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
    /** What a failed expectation does: fail the job (default) or warn. */
    onValidationFailure: z.enum(["fail", "warn"]).optional(),
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
      const v = f.validation;
      if (v && v.min !== "" && v.max !== "" && Number(v.min) > Number(v.max)) {
        ctx.addIssue({ code: "custom", path: ["features", i, "validation", "min"], message: "Min is above max" });
      }
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
    schema: form.features.map((f) => {
      const validation = validationFromForm(f.validation, f.name);
      return {
        name: f.name,
        dtype: f.dtype,
        description: f.description,
        tags: {},
        ...(validation ? { validation } : {}),
      };
    }),
    entityColumns: [],
    source: form.source,
    ttlSeconds: parseTtl(form.ttl),
    online: form.online,
    offline: true,
    ...(form.onValidationFailure === "warn" ? { onValidationFailure: "warn" as const } : {}),
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
    features: spec.schema.map((f) => ({
      name: f.name,
      dtype: f.dtype,
      description: f.description,
      ...(f.validation ? { validation: validationToForm(f.validation) } : {}),
    })),
    ...(spec.onValidationFailure === "warn" ? { onValidationFailure: "warn" as const } : {}),
    ttl: spec.ttlSeconds === 0 ? "0" : formatTtl(spec.ttlSeconds),
    online: spec.online,
    description: spec.description,
    owner: spec.owner,
    tags: tagsToForm(spec.tags),
  };
}
