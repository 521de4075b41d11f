/**
 * The console's API. The Next.js app mounts `appRouter` at /api/trpc with
 * `createContext({ workspace: openWorkspace(), headers: req.headers })`; types flow to the
 * client through `AppRouter`. Procedures and their inputs: see ../README.md.
 */
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "./root";

export { type Context, type CreateContextOptions, createContext, SESSION_COOKIE, sessionIdFrom } from "./context";
export { appRouter, type AppRouter } from "./root";
export { createCallerFactory, type PantryErrorData } from "./trpc";
export { openWorkspace, Workspace } from "@pantry/core";

export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
