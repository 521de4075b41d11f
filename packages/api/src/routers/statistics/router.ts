/**
 * Feature statistics: a feature's newest with history, a view's newest, computing them now
 * (writes to the registry: the materialize action), and a view's schema and expectations check.
 */
import { checkViewQuality, computeFeatureStatistics, getFeatureStatistics, getViewStatistics } from "@pantry/core";
import { z } from "zod";
import { projectProcedure, router } from "../../trpc";
import { ZProjectSchema } from "../inputs";

const ZViewName = z.string().trim().min(1, "Name a feature view").max(200);

export const ZFeatureStatisticsSchema = z.object({
  project: ZProjectSchema,
  view: ZViewName,
  feature: z.string().trim().min(1, "Name a feature").max(200),
});

export const ZViewStatisticsSchema = z.object({ project: ZProjectSchema, view: ZViewName });

export const statisticsRouter = router({
  feature: projectProcedure("read", ZFeatureStatisticsSchema).query(({ ctx, input }) =>
    getFeatureStatistics(ctx.project, input),
  ),
  view: projectProcedure("read", ZViewStatisticsSchema).query(({ ctx, input }) =>
    getViewStatistics(ctx.project, input),
  ),
  compute: projectProcedure("materialize", ZViewStatisticsSchema).mutation(({ ctx, input }) =>
    computeFeatureStatistics(ctx.project, input),
  ),
  quality: projectProcedure("read", ZViewStatisticsSchema).query(({ ctx, input }) =>
    checkViewQuality(ctx.project, input),
  ),
});
