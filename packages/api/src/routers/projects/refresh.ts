import { procedureFor } from "../../trpc";

/**
 * Reads the workspace folder again (a repo was added or its feature_store.yaml changed). It
 * closes every open store, so it needs the edit action (editor), as core's role table says.
 */
export const refreshProjectsProcedure = procedureFor("edit").mutation(async ({ ctx }) => {
  await ctx.workspace.refresh();
  return { projects: (await ctx.workspace.listProjects()).map((p) => p.name) };
});
