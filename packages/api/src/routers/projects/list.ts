import { listProjectSummaries } from "@pantry/core";
import { viewerProcedure } from "../../trpc";

/** Every project of the workspace with counts, owners and consumers; problems reading repos, if any. */
export const listProjectsProcedure = viewerProcedure.query(async ({ ctx }) => ({
  projects: await listProjectSummaries(ctx.workspace),
  problems: await ctx.workspace.problems(),
}));
