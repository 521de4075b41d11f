import { router } from "../../trpc";
import { importFeastProcedure } from "./feast";

export const importRouter = router({ feast: importFeastProcedure });
