import { viewerProcedure } from "../../trpc";

/** Reads the workspace folder again (a repo was added or its feature_store.yaml changed). */
export const refreshProjectsProcedure = viewerProcedure.mutation(async ({ ctx }) => {
  await ctx.workspace.refresh();
  return { projects: (await ctx.workspace.listProjects()).map((p) => p.name) };
});
