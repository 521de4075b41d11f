/** Materialization schedules of a project: list, create, pause, resume, delete (the console's card). */
import { changeSchedule, createSchedule, listSchedules } from "@pantry/core";
import { z } from "zod";
import { ZScheduleFormSchema } from "../../schemas/schedule";
import { projectProcedure, router } from "../../trpc";
import { ZProjectSchema } from "../inputs";

export const ZScheduleListSchema = z.object({ project: ZProjectSchema });
export const ZScheduleCreateSchema = z.object({ project: ZProjectSchema, values: ZScheduleFormSchema });
export const ZScheduleChangeSchema = z.object({
  project: ZProjectSchema,
  name: z.string().trim().min(1, "Name a schedule"),
  change: z.enum(["pause", "resume", "delete"]),
});

export const schedulesRouter = router({
  list: projectProcedure("read", ZScheduleListSchema).query(({ ctx, input }) =>
    listSchedules(ctx.project.registry, input.project),
  ),
  create: projectProcedure("schedule", ZScheduleCreateSchema).mutation(({ ctx, input }) =>
    createSchedule(ctx.project.registry, { project: input.project, ...input.values, actor: ctx.actor }),
  ),
  change: projectProcedure("schedule", ZScheduleChangeSchema).mutation(({ ctx, input }) =>
    changeSchedule(ctx.project.registry, { ...input, actor: ctx.actor }),
  ),
});
