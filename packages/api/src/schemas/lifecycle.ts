/**
 * The console's "Lifecycle" form: deprecate (reason, replacement, sunset), retire (force) or
 * reactivate a view. The same schema checks the form in the browser and the tRPC input; the
 * engine checks what needs the registry (the replacement exists and is active, the view's state).
 */
import { parseTimestampArgument } from "@pantry/core/shared";
import { z } from "zod";

const ZViewNameFieldSchema = z.string().trim().max(200);

/** Empty, or an ISO 8601 date in the future (naive = UTC). */
const ZSunsetFieldSchema = z
  .string()
  .trim()
  .superRefine((text, ctx) => {
    if (!text) return;
    let date: Date;
    try {
      date = parseTimestampArgument(text, "the sunset date");
    } catch {
      ctx.addIssue({ code: "custom", message: "Write an ISO 8601 date like 2027-01-31 (UTC)" });
      return;
    }
    if (date.getTime() <= Date.now())
      ctx.addIssue({ code: "custom", message: "The sunset date must be in the future" });
  });

export const ZLifecycleFormSchema = z.discriminatedUnion("action", [
  z.object({
    action: z.literal("deprecate"),
    reason: z.string().trim().min(1, "Say why (consumers see it in warnings)").max(1000),
    replacement: ZViewNameFieldSchema,
    sunsetAt: ZSunsetFieldSchema,
  }),
  z.object({ action: z.literal("retire"), force: z.boolean(), replacement: ZViewNameFieldSchema }),
  z.object({ action: z.literal("reactivate") }),
]);

export type TLifecycleForm = z.infer<typeof ZLifecycleFormSchema>;

export const EMPTY_DEPRECATE_FORM: TLifecycleForm = { action: "deprecate", reason: "", replacement: "", sunsetAt: "" };
