/**
 * The deprecation workflow from the console: who a change affects (shown before confirming),
 * then the change. Same access as the console's edits (publicProcedure; the actor is a header).
 * Lifecycle is operational state, so views defined in code can be deprecated here too.
 */
import { changeViewLifecycle, getViewLifecycleImpact } from "@pantry/core/lifecycle/index";
import { z } from "zod";
import { ZLifecycleFormSchema } from "../../schemas/lifecycle";
import { publicProcedure, router } from "../../trpc";
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
  impact: publicProcedure
    .input(ZLifecycleViewSchema)
    .query(({ ctx, input }) => getViewLifecycleImpact(ctx.workspace, input)),
  change: publicProcedure
    .input(ZLifecycleChangeSchema)
    .mutation(({ ctx, input: { values, ...view } }) =>
      changeViewLifecycle(ctx.workspace, { ...view, actor: ctx.actor, change: values }),
    ),
});
