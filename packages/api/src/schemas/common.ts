/**
 * Field schemas shared by the console's forms, in the browser (field-level messages) and on the
 * server (the same parse, so both say the same thing). Imports only zod and pure core modules.
 */
import { type Dtype, parseTtl, SCALAR_DTYPES, type Tags } from "@pantry/core/shared";
import { z } from "zod";

export const ZObjectNameSchema = z
  .string()
  .trim()
  .min(1, "Give it a name")
  .max(128, "Keep names under 128 characters")
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "Use letters, digits and '_' only, not starting with a digit (like driver_stats)");

export const ZColumnNameSchema = z.string().trim().min(1, "Pick a column");

export const DTYPE_OPTIONS: readonly Dtype[] = [...SCALAR_DTYPES, ...SCALAR_DTYPES.map((d): Dtype => `Array(${d})`)];

export const ZDtypeSchema = z.enum(DTYPE_OPTIONS as [Dtype, ...Dtype[]], {
  error: `Pick a type: ${SCALAR_DTYPES.join(", ")} or Array(...) of one`,
});

/** Tags as form rows (a field array), turned into a map by tagsFromForm. */
export const ZTagRowSchema = z.object({
  key: z.string().trim().min(1, "A tag needs a key"),
  value: z.string().trim(),
});

export const ZTagsFormSchema = z
  .array(ZTagRowSchema)
  .default([])
  .superRefine((rows, ctx) => {
    const seen = new Set<string>();
    rows.forEach((row, i) => {
      if (seen.has(row.key))
        ctx.addIssue({ code: "custom", path: [i, "key"], message: `Tag '${row.key}' is set twice` });
      seen.add(row.key);
    });
  });

export const ZOwnerSchema = z.string().trim().max(200).default("");

export const ZDescriptionSchema = z
  .string()
  .trim()
  .max(5000, "Keep the description under 5,000 characters")
  .default("");

/** "90s" "15m" "2h" "30d" "1w" "1d12h", a number of seconds, or 0 for no limit. */
export const ZTtlSchema = z
  .string()
  .trim()
  .default("0")
  .superRefine((value, ctx) => {
    try {
      parseTtl(value);
    } catch {
      ctx.addIssue({ code: "custom", message: 'Write a duration like "2h", "30d", "1w", or 0 for no limit' });
    }
  });

export type TTagRow = z.infer<typeof ZTagRowSchema>;

export function tagsFromForm(rows: TTagRow[]): Tags {
  return Object.fromEntries(rows.map((r) => [r.key, r.value]));
}

export function tagsToForm(tags: Tags): TTagRow[] {
  return Object.entries(tags).map(([key, value]) => ({ key, value }));
}
