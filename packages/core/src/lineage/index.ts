export * from "./build-lineage-graph";
export * from "./consumers";
export * from "./focus-lineage";
