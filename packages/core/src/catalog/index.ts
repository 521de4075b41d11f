export * from "./list-objects";
export * from "./types";
export { buildCatalogIndex, catalogIndexFor, type CatalogIndex } from "./catalog-index";
export { buildSearchDocuments, rankDocuments, type SearchDocuments } from "./search-documents";
export { listCatalogObjects, type ListCatalogObjectsOptions } from "./list-catalog-objects";
export { listCatalogFeatures, type ListCatalogFeaturesOptions } from "./list-catalog-features";
export { consumersOf, getCatalogObject, type GetCatalogObjectOptions } from "./get-catalog-object";
export {
  getProjectOverview,
  listProjectSummaries,
  type ProjectCounts,
  type ProjectOverview,
  type ProjectSummary,
} from "./get-project-overview";
export { type AuditEntry, listAuditEvents } from "./list-audit-events";
export { diffObjectVersions, listObjectVersions, type ObjectDiff, type ObjectVersion } from "./object-history";
export { inspectFileSource, type InspectedColumn, type InspectedSource } from "./inspect-source";
export { sampleSourceRows, type SourceSample } from "./sample-source-rows";
export {
  listMaterializationJobs,
  listSavedDatasets,
  type MaterializationJobSummary,
  type SavedDatasetSummary,
} from "./list-operations";
export {
  type MatchedOn,
  searchCatalog,
  type SearchHit,
  searchIndexes,
  type SearchKind,
  type SearchOptions,
  type SearchResult,
  type SearchScope,
} from "./search-catalog";
export { renderDefinitionAsTypeScript, variableName } from "./render-definition";
export { applyConsoleEdit, type ConsoleEdit, importFeastRegistry, planConsoleEdit } from "./console-edit";
export {
  cancelMaterializationJob,
  type ConsoleMaterializationRequest,
  getMaterializationJob,
  type MaterializationJobDetail,
  type MaterializationPreview,
  previewMaterialization,
  startMaterialization,
  type ViewRunPreview,
} from "./console-materialization";
