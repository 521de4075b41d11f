/**
 * The console's application layer: what the tRPC procedures call beyond one domain function.
 * Starting and cancelling materialization in the server process, console edits and Feast
 * imports, the operations and audit lists, project overviews, freshness and lineage pages.
 * Above the domain and the workspace; no domain barrel re-exports it (only core's "." does).
 */
export {
  AUDIT_EXPORT_LIMIT,
  type AuditEntry,
  type AuditFilter,
  type AuditFilterText,
  auditCsv,
  csvCell,
  listAuditEvents,
  listAuditForExport,
  listRegistryAudit,
  parseAuditFilter,
  toAuditEntry,
} from "./audit";
export { workspaceScopes } from "./catalog";
export { applyConsoleEdit, type ConsoleEdit, importFeastRegistry, planConsoleEdit } from "./edit";
export { FRESHNESS_JOB_LIMIT, getProjectFreshness } from "./freshness";
export { inspectFileSource, type InspectedColumn, type InspectedSource } from "./inspect-source";
export { changeGovernedLifecycle, changeViewLifecycle, type LifecycleChangeRequest } from "./lifecycle";
export { applyRestore, planRestore, type RestoreRequest } from "./restore";

export { getProjectLineage, type ProjectLineage, type ProjectLineageOptions } from "./lineage";
export {
  cancelMaterializationJob,
  type ConsoleMaterializationRequest,
  getMaterializationJob,
  type MaterializationJobDetail,
  type MaterializationPreview,
  previewMaterialization,
  startMaterialization,
  type ViewRunPreview,
} from "./materialization";
export { listMaterializationJobs, type MaterializationJobSummary, type SavedDatasetSummary } from "./operations";
export {
  getProjectOverview,
  listProjectSummaries,
  type ProjectCounts,
  type ProjectOverview,
  type ProjectSummary,
} from "./projects";
export { getModel, getProjectModels, listWorkspaceModels, type WorkspaceModels } from "./models";
export {
  checkViewQuality,
  computeFeatureStatistics,
  type FeatureStatisticsPanel,
  getFeatureStatistics,
  getViewStatistics,
  type ViewQualityCheck,
} from "./statistics";
