import { router } from "../../trpc";
import { searchQueryProcedure } from "./query";

export const searchRouter = router({ query: searchQueryProcedure });
