import { getProjectLineage } from "@pantry/core";
import { z } from "zod";
import { projectProcedure } from "../../trpc";
import { ZProjectSchema } from "../inputs";

export const ZLineageNodeKindSchema = z.enum([
  "entity",
  "dataSource",
  "featureView",
  "onDemandFeatureView",
  "featureService",
  "consumer",
]);

export const ZLineageGraphSchema = z
  .object({
    project: ZProjectSchema,
    focusKind: ZLineageNodeKindSchema.optional(),
    focusName: z.string().trim().min(1).optional(),
    direction: z.enum(["upstream", "downstream", "both"]).default("both"),
    /** Hops from the focus node (ignored without one). */
    depth: z.number().int().min(0).max(20).default(3),
    includeEntities: z.boolean().default(false),
  })
  .refine((input) => !input.focusKind === !input.focusName, {
    message: "Give both focusKind and focusName, or neither",
    path: ["focusName"],
  });
export type TLineageGraphInput = z.input<typeof ZLineageGraphSchema>;

/** The graph only (nodes, edges, the focus): the console lays it out where it draws it. */
export const lineageGraphProcedure = projectProcedure("read", ZLineageGraphSchema).query(({ ctx, input }) =>
  getProjectLineage(ctx.project.registry, input),
);
