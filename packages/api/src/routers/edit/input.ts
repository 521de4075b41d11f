/** What edit.plan and edit.apply take: a form to create or update an object, or an object to delete. */
import type { ConsoleEdit } from "@pantry/core";
import { z } from "zod";
import { objectFormToSpec, ZObjectFormSchema } from "../../schemas/object-form";
import { ZObjectKindSchema, ZProjectSchema } from "../inputs";

export const ZEditSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("create"), project: ZProjectSchema, form: ZObjectFormSchema }),
  z.object({
    intent: z.literal("update"),
    project: ZProjectSchema,
    form: ZObjectFormSchema,
    /** The version the form was opened at: a newer one in the registry is a CONFLICT, not an overwrite. */
    baseVersion: z.number().int().positive().optional(),
  }),
  z.object({
    intent: z.literal("delete"),
    project: ZProjectSchema,
    kind: ZObjectKindSchema,
    name: z.string().trim().min(1),
    baseVersion: z.number().int().positive().optional(),
  }),
]);
export type TEditInput = z.input<typeof ZEditSchema>;

export function toConsoleEdit(input: z.infer<typeof ZEditSchema>): ConsoleEdit {
  if (input.intent === "delete")
    return { intent: "delete", kind: input.kind, name: input.name, baseVersion: input.baseVersion };
  if (input.intent === "create") return { intent: "create", spec: objectFormToSpec(input.form) };
  return { intent: "update", spec: objectFormToSpec(input.form), baseVersion: input.baseVersion };
}
