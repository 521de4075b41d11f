import { router } from "../../trpc";
import { listProjectsProcedure } from "./list";
import { projectOverviewProcedure } from "./overview";
import { refreshProjectsProcedure } from "./refresh";

export const projectsRouter = router({
  list: listProjectsProcedure,
  overview: projectOverviewProcedure,
  refresh: refreshProjectsProcedure,
});
