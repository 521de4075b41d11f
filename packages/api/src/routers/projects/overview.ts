import { getProjectOverview } from "@pantry/core/catalog/index";
import { z } from "zod";
import { publicProcedure } from "../../trpc";
import { ZProjectSchema } from "../inputs";

export const ZProjectOverviewSchema = z.object({
  project: ZProjectSchema,
  recentChanges: z.number().int().min(1).max(100).default(10),
});
export type TProjectOverviewInput = z.input<typeof ZProjectOverviewSchema>;

export const projectOverviewProcedure = publicProcedure
  .input(ZProjectOverviewSchema)
  .query(({ ctx, input }) => getProjectOverview(ctx.workspace, input));
