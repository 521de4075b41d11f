import { router } from "../../trpc";
import { lineageGraphProcedure } from "./graph";

export const lineageRouter = router({ graph: lineageGraphProcedure });
