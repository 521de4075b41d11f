/**
 * The deprecation workflow from the console: who a change affects (shown before confirming),
 * then the change. Deprecate and reactivate need an editor, retire an admin.
 * Lifecycle is operational state, so views defined in code can be deprecated here too.
 */
import { changeViewLifecycle, lifecycleImpact } from "@pantry/core";
import { z } from "zod";
import { ZLifecycleFormSchema } from "../../schemas/lifecycle";
import { projectProcedure, router } from "../../trpc";
import { ZProjectSchema } from "../inputs";

export const ZLifecycleViewSchema = z.object({
  project: ZProjectSchema,
  kind: z.enum(["featureView", "onDemandFeatureView"]),
  view: z.string().trim().min(1, "Name a view"),
  days: z.number().int().min(1).max(365).optional(),
});

export const ZLifecycleChangeSchema = ZLifecycleViewSchema.omit({ days: true }).extend({
  values: ZLifecycleFormSchema,
});
export type TLifecycleChangeInput = z.input<typeof ZLifecycleChangeSchema>;

export const lifecycleRouter = router({
  impact: projectProcedure("read", ZLifecycleViewSchema).query(({ ctx, input }) =>
    lifecycleImpact(ctx.project.registry, input),
  ),
  change: projectProcedure(
    (input) =>
      (input as { values?: { action?: unknown } } | null)?.values?.action === "retire" ? "retire" : "deprecate",
    ZLifecycleChangeSchema,
  ).mutation(({ ctx, input: { values, ...view } }) =>
    changeViewLifecycle(ctx.project.registry, { ...view, actor: ctx.actor, change: values }),
  ),
});
