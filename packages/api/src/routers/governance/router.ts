/**
 * Governance beyond views: lifecycle of single features and feature services (impact, change),
 * deprecation notices (inbox, count, acknowledge), a deprecation's report, service drift,
 * restoring an older version, and the audit export. Each procedure calls one engine function.
 */
import {
  acknowledgeNotice,
  applyRestore,
  auditCsv,
  changeGovernedLifecycle,
  countOpenNotices,
  deprecationReport,
  governedImpact,
  listAuditForExport,
  listNotices,
  parseAuditFilter,
  planRestore,
  serviceDrift,
} from "@pantry/core";
import { z } from "zod";
import { ZLifecycleFormSchema } from "../../schemas/lifecycle";
import { projectProcedure, router, viewerProcedure } from "../../trpc";
import { ZObjectKindSchema, ZProjectSchema } from "../inputs";

const ZGovernedTargetSchema = z.object({
  project: ZProjectSchema,
  kind: z.enum(["feature", "featureService"]),
  name: z.string().trim().min(1, "Name a feature (view:feature) or a feature service").max(400),
});

export const ZGovernedImpactSchema = ZGovernedTargetSchema.extend({
  days: z.number().int().min(1).max(365).optional(),
});
export const ZGovernedChangeSchema = ZGovernedTargetSchema.extend({ values: ZLifecycleFormSchema });
export type TGovernedChangeInput = z.input<typeof ZGovernedChangeSchema>;

export const ZNoticesSchema = z.object({
  project: ZProjectSchema,
  status: z.enum(["open", "acknowledged", "all"]).default("open"),
  owner: z.string().trim().max(200).optional(),
});

export const ZReportSchema = z.object({
  project: ZProjectSchema,
  kind: z.enum(["featureView", "onDemandFeatureView", "feature", "featureService"]),
  name: z.string().trim().min(1).max(400),
  days: z.number().int().min(1).max(365).optional(),
});

export const ZRestoreSchema = z.object({
  project: ZProjectSchema,
  kind: ZObjectKindSchema,
  name: z.string().trim().min(1).max(200),
  version: z.number().int().min(1),
});

export const ZAuditFilterFields = {
  actor: z.string().trim().max(200).nullish(),
  action: z.string().trim().max(100).nullish(),
  object: z.string().trim().max(400).nullish(),
  since: z.string().trim().max(100).nullish(),
  until: z.string().trim().max(100).nullish(),
};
export const ZAuditExportSchema = z.object({ project: ZProjectSchema.optional(), ...ZAuditFilterFields });

export const governanceRouter = router({
  impact: projectProcedure("read", ZGovernedImpactSchema).query(({ ctx, input }) =>
    governedImpact(ctx.project.registry, input),
  ),
  change: projectProcedure(
    (input) =>
      (input as { values?: { action?: unknown } } | null)?.values?.action === "retire" ? "retire" : "deprecate",
    ZGovernedChangeSchema,
  ).mutation(({ ctx, input: { values, ...target } }) =>
    changeGovernedLifecycle(ctx.project.registry, { ...target, actor: ctx.actor, change: values }),
  ),
  notices: projectProcedure("read", ZNoticesSchema).query(({ ctx, input }) => listNotices(ctx.project.registry, input)),
  noticeCount: projectProcedure("read", z.object({ project: ZProjectSchema })).query(async ({ ctx, input }) => ({
    open: await countOpenNotices(ctx.project.registry, input.project),
  })),
  acknowledge: projectProcedure(
    "deprecate",
    z.object({ project: ZProjectSchema, id: z.string().trim().min(1).max(100) }),
  ).mutation(({ ctx, input }) => acknowledgeNotice(ctx.project.registry, { ...input, actor: ctx.actor })),
  report: projectProcedure("read", ZReportSchema).query(({ ctx, input }) =>
    deprecationReport(ctx.project.registry, input),
  ),
  drift: projectProcedure(
    "read",
    z.object({ project: ZProjectSchema, service: z.string().trim().max(200).optional() }),
  ).query(({ ctx, input }) => serviceDrift(ctx.project.registry, input)),
  restorePlan: projectProcedure("edit", ZRestoreSchema).query(({ ctx, input }) => planRestore(ctx.project, input)),
  restore: projectProcedure("edit", ZRestoreSchema).mutation(({ ctx, input }) =>
    applyRestore(ctx.project, { ...input, actor: ctx.actor }),
  ),
  /** The audit log matching the filter as CSV text; the console turns it into a download. */
  auditExport: viewerProcedure.input(ZAuditExportSchema).query(async ({ ctx, input }) => {
    const { project, ...text } = input;
    const { entries, truncated } = await listAuditForExport(ctx.workspace, { project, filter: parseAuditFilter(text) });
    const stamp = new Date().toISOString().slice(0, 19).replaceAll(":", "-");
    return {
      csv: auditCsv(entries),
      rows: entries.length,
      truncated,
      filename: `pantry-audit-${project ?? "all"}-${stamp}.csv`,
    };
  }),
});
