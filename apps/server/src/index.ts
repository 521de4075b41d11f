export { createFeatureServer, type FeatureServerOptions } from "./feature-server";
export { statusOf } from "./http-io";
export type { MaterializationContextSource } from "./routes/materialize";
export { deprecationHeaders } from "./routes/online-features";
export type { FeatureServerProject } from "./project-routing";
export {
  type RunningFeatureServer,
  startFeatureServer,
  type StartFeatureServerOptions,
} from "./start-server";
