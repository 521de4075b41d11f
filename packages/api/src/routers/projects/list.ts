import { listProjectSummaries } from "@pantry/core/catalog/index";
import { publicProcedure } from "../../trpc";

/** Every project of the workspace with counts, owners and consumers; problems reading repos, if any. */
export const listProjectsProcedure = publicProcedure.query(async ({ ctx }) => ({
  projects: await listProjectSummaries(ctx.workspace),
  problems: await ctx.workspace.problems(),
}));
