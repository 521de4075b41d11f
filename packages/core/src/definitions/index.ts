export * from "./dtype";
export * from "./sdk";
export * from "./ttl";
export * from "./types";
export * from "./validation";
