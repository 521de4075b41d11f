/** Materialization schedules of a project: list, create, pause, resume, delete (the console's card). */
import {
  changeProjectSchedule,
  createProjectSchedule,
  listProjectSchedules,
} from "@pantry/core";
import { z } from "zod";
import { ZScheduleFormSchema } from "../../schemas/schedule";
import { procedureFor, router, viewerProcedure } from "../../trpc";
import { ZProjectSchema } from "../inputs";

export const ZScheduleListSchema = z.object({ project: ZProjectSchema });
export const ZScheduleCreateSchema = z.object({ project: ZProjectSchema, values: ZScheduleFormSchema });
export const ZScheduleChangeSchema = z.object({
  project: ZProjectSchema,
  name: z.string().trim().min(1, "Name a schedule"),
  change: z.enum(["pause", "resume", "delete"]),
});

export const schedulesRouter = router({
  list: viewerProcedure
    .input(ZScheduleListSchema)
    .query(({ ctx, input }) => listProjectSchedules(ctx.workspace, input)),
  create: procedureFor("schedule")
    .input(ZScheduleCreateSchema)
    .mutation(({ ctx, input }) =>
      createProjectSchedule(ctx.workspace, { project: input.project, ...input.values, actor: ctx.actor }),
    ),
  change: procedureFor("schedule")
    .input(ZScheduleChangeSchema)
    .mutation(({ ctx, input }) => changeProjectSchedule(ctx.workspace, { ...input, actor: ctx.actor })),
});
