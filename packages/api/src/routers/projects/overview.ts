import { getProjectOverview } from "@pantry/core";
import { z } from "zod";
import { viewerProcedure } from "../../trpc";
import { ZProjectSchema } from "../inputs";

export const ZProjectOverviewSchema = z.object({
  project: ZProjectSchema,
  recentChanges: z.number().int().min(1).max(100).default(10),
});
export type TProjectOverviewInput = z.input<typeof ZProjectOverviewSchema>;

export const projectOverviewProcedure = viewerProcedure
  .input(ZProjectOverviewSchema)
  .query(({ ctx, input }) => getProjectOverview(ctx.workspace, input));
