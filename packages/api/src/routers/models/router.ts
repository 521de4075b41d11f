/** Models: a project's, one model's page (services, features, freshness, deprecations, usage, drift), every project's. */
import { getModel, getProjectModels, listWorkspaceModels, USAGE_RANGES } from "@pantry/core";
import { z } from "zod";
import { projectProcedure, router, viewerProcedure } from "../../trpc";
import { ZProjectSchema } from "../inputs";

export const ZModelsSchema = z.object({ project: ZProjectSchema });

export const ZModelSchema = z.object({
  project: ZProjectSchema,
  model: z.string().trim().min(1, "Name a model").max(200),
  range: z.enum(USAGE_RANGES).default("7d"),
  dataset: z.string().trim().max(200).nullish(),
});

export const modelsRouter = router({
  list: projectProcedure("read", ZModelsSchema).query(({ ctx, input }) => getProjectModels(ctx.project, input)),
  get: projectProcedure("read", ZModelSchema).query(({ ctx, input }) => getModel(ctx.project, input)),
  all: viewerProcedure.query(({ ctx }) => listWorkspaceModels(ctx.workspace)),
});
