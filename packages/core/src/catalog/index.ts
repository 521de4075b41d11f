export * from "./list-objects";
export * from "./types";
export { buildCatalogIndex, catalogIndexFor, type CatalogIndex } from "./catalog-index";
export { buildSearchDocuments, rankDocuments, type SearchDocuments } from "./search-documents";
export { listCatalogObjects, type ListCatalogObjectsOptions } from "./list-catalog-objects";
export { listCatalogFeatures, type ListCatalogFeaturesOptions } from "./list-catalog-features";
export { consumersOf, getCatalogObject, type GetCatalogObjectOptions } from "./get-catalog-object";
export { diffObjectVersions, listObjectVersions, type ObjectDiff, type ObjectVersion } from "./object-history";
export { sampleSourceRows, type SourceSample } from "./sample-source-rows";
export {
  type MatchedOn,
  searchCatalog,
  type SearchHit,
  searchIndexes,
  type SearchKind,
  type SearchOptions,
  type SearchResult,
  type SearchScope,
  catalogScopes,
} from "./search-catalog";
export { renderDefinitionAsTypeScript, variableName } from "./render-definition";
export { type DriftedView, type ServiceDrift, serviceDrift } from "./service-drift";
