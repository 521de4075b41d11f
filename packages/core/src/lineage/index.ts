export * from "./build-lineage-graph";
export * from "./consumers";
export * from "./focus-lineage";
export { getProjectLineage, type ProjectLineage, type ProjectLineageOptions } from "./get-project-lineage";
