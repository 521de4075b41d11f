/** Freshness of a project's online views: lag, expected freshness, state, last job, lag history. */
import { getProjectFreshness } from "@pantry/core";
import { z } from "zod";
import { projectProcedure, router } from "../../trpc";
import { ZProjectSchema } from "../inputs";

export const ZFreshnessSchema = z.object({ project: ZProjectSchema });

export const freshnessRouter = router({
  project: projectProcedure("read", ZFreshnessSchema).query(({ ctx, input }) =>
    getProjectFreshness(ctx.project, input),
  ),
});
