import { router } from "../../trpc";
import { editApplyProcedure } from "./apply";
import { editPlanProcedure } from "./plan";

// "apply" is a reserved key in tRPC routers (it would shadow Function.prototype.apply on the
// client proxy), so the write is `edit.applyEdit`.
export const editRouter = router({ plan: editPlanProcedure, applyEdit: editApplyProcedure });
