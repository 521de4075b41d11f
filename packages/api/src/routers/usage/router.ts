/** Who read which features: the console's Usage page and a view's "Read by" block. */
import { USAGE_RANGES, usageReport, viewReaders } from "@pantry/core";
import { z } from "zod";
import { projectProcedure, router } from "../../trpc";
import { ZProjectSchema } from "../inputs";

export const ZUsageReportSchema = z.object({
  project: ZProjectSchema,
  range: z.enum(USAGE_RANGES).default("7d"),
  consumer: z.string().trim().max(200).optional(),
});

export const ZViewReadersSchema = z.object({
  project: ZProjectSchema,
  view: z.string().trim().min(1, "Name a view"),
  days: z.number().int().min(1).max(365).default(7),
});

export const usageRouter = router({
  report: projectProcedure("read", ZUsageReportSchema).query(({ ctx, input }) =>
    usageReport(ctx.project.registry, input),
  ),
  viewReaders: projectProcedure("read", ZViewReadersSchema).query(({ ctx, input }) =>
    viewReaders(ctx.project.registry, input),
  ),
});
