import { authRouter } from "./routers/auth/router";
import { catalogRouter } from "./routers/catalog/router";
import { editRouter } from "./routers/edit/router";
import { governanceRouter } from "./routers/governance/router";
import { freshnessRouter } from "./routers/freshness/router";
import { importRouter } from "./routers/import/router";
import { lifecycleRouter } from "./routers/lifecycle/router";
import { lineageRouter } from "./routers/lineage/router";
import { materializationRouter } from "./routers/materialization/router";
import { modelsRouter } from "./routers/models/router";
import { projectsRouter } from "./routers/projects/router";
import { schedulesRouter } from "./routers/schedules/router";
import { searchRouter } from "./routers/search/router";
import { statisticsRouter } from "./routers/statistics/router";
import { usageRouter } from "./routers/usage/router";
import { router } from "./trpc";

export const appRouter = router({
  auth: authRouter,
  projects: projectsRouter,
  catalog: catalogRouter,
  search: searchRouter,
  lineage: lineageRouter,
  edit: editRouter,
  import: importRouter,
  materialization: materializationRouter,
  schedules: schedulesRouter,
  lifecycle: lifecycleRouter,
  governance: governanceRouter,
  freshness: freshnessRouter,
  usage: usageRouter,
  models: modelsRouter,
  statistics: statisticsRouter,
});

export type AppRouter = typeof appRouter;
