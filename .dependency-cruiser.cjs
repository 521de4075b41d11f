/**
 * The layers, checked by `pnpm lint` (depcruise). Data flows one way:
 *   apps/web, apps/cli, apps/server -> packages/api | packages/core | packages/sdk -> packages/db -> Prisma
 * and inside core: domain modules -> feature-store (the composition root) -> workspace -> console.
 * No import cycle anywhere (type-only imports count: they are still arrows a reader follows).
 */
const SHARED =
  "^packages/core/src/(shared|errors|definitions/types|definitions/ttl|auth/roles|materialization/windows|materialization/registry)\\.ts$";

module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "An import cycle: break it by moving the shared piece down a layer.",
      from: {},
      to: { circular: true },
    },
    {
      name: "pantry-import-resolves",
      severity: "error",
      comment: "An @pantry/* import that does not resolve: a package not declared as a dependency, or a deep path outside its exports.",
      from: {},
      to: { couldNotResolve: true, path: "^@pantry/" },
    },
    {
      name: "packages-not-apps",
      severity: "error",
      comment: "Packages are below the apps: nothing in packages/ imports an app.",
      from: { path: "^packages/" },
      to: { path: "^apps/" },
    },
    {
      name: "core-not-api-or-sdk",
      severity: "error",
      comment: "The engine knows nothing of its consumers (the API, the SDK).",
      from: { path: "^packages/core/" },
      to: { path: "^packages/(api|sdk)/" },
    },
    {
      name: "db-is-the-bottom",
      severity: "error",
      comment: "packages/db imports no other Pantry package.",
      from: { path: "^packages/db/" },
      to: { path: "^(packages/(core|api|sdk)|apps)/" },
    },
    {
      name: "api-not-sdk",
      severity: "error",
      from: { path: "^packages/api/" },
      to: { path: "^packages/(sdk|db)/" },
    },
    {
      name: "only-db-imports-prisma",
      severity: "error",
      comment: "Prisma stays inside packages/db (its repositories are the only code that knows it).",
      from: { pathNot: "^packages/db/" },
      to: { path: "node_modules/(@prisma|\\.prisma|prisma)/" },
    },
    {
      name: "apps-through-packages",
      severity: "error",
      comment: "Apps reach the engine through api, core or sdk; never the db package or another app (the CLI may start the feature server).",
      from: { path: "^apps/(web|cli|server)/" },
      to: {
        path: "^(packages/db|apps)/",
        pathNot: ["^apps/$1/", "^apps/server/src/"],
      },
    },
    {
      name: "server-not-web-or-cli",
      severity: "error",
      from: { path: "^apps/server/" },
      to: { path: "^apps/(web|cli)/" },
    },
    {
      name: "web-client-imports-shared-only",
      severity: "error",
      comment: "Console code outside the server side (routes, server/, instrumentation, the request proxy) imports core through @pantry/core/shared (browser-safe) only.",
      from: { path: "^apps/web/src/", pathNot: "^apps/web/src/(app/api|server|instrumentation|proxy\\.ts)" },
      to: { path: "^packages/core/src/", pathNot: SHARED },
    },
    {
      name: "shared-is-browser-safe",
      severity: "error",
      comment: "@pantry/core/shared and what it imports use no Node module.",
      from: { path: SHARED },
      to: { dependencyTypes: ["core"] },
    },
    {
      name: "domain-below-composition-root",
      severity: "error",
      comment: "Core's domain modules do not reach up to the FeatureStore, the workspace or the console layer.",
      from: { path: "^packages/core/src/", pathNot: "^packages/core/src/(console/|workspace/|feature-store\\.ts|index\\.ts)" },
      to: { path: "^packages/core/src/(console/|workspace/|feature-store\\.ts)" },
    },
    {
      name: "workspace-below-console",
      severity: "error",
      from: { path: "^packages/core/src/workspace/" },
      to: { path: "^packages/core/src/console/" },
    },
  ],
  options: {
    exclude: { path: "(^|/)(node_modules|generated|\\.next[^/]*|dist)/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.depcruise.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".js", ".mjs", ".cjs", ".json"],
    },
    doNotFollow: { path: "node_modules" },
  },
};
