export * from "./common";
export * from "./data-source";
export * from "./entity";
export * from "./feature-service";
export * from "./feature-view";
export * from "./object-form";
export * from "./materialize";
export * from "./lifecycle";
