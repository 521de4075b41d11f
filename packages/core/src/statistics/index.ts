export * from "./drift";
export { profileColumns, statisticsKind } from "./profile";
export * from "./statistics";
export * from "./types";
