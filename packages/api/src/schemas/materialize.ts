/** The console's "Materialize" form: the same schema checks the form in the browser and the tRPC input. */
import { parseTimestampArgument } from "@pantry/core/shared";
import { z } from "zod";

/** Empty or an ISO 8601 timestamp (naive = UTC), checked by the parser the run itself uses. */
const ZTimestampFieldSchema = z
  .string()
  .trim()
  .superRefine((text, ctx) => {
    if (!text) return;
    try {
      parseTimestampArgument(text, "the timestamp");
    } catch {
      ctx.addIssue({ code: "custom", message: "Write an ISO 8601 time like 2024-01-31 or 2024-01-31T10:00:00 (UTC)" });
    }
  });

export const ZMaterializeFormSchema = z
  .object({
    mode: z.enum(["incremental", "window"]),
    /** Window mode only. */
    start: ZTimestampFieldSchema,
    /** Incremental: empty = now. */
    end: ZTimestampFieldSchema,
    /** Empty = every online view of the project. */
    views: z.array(z.string().trim().min(1)).max(500),
  })
  .superRefine((form, ctx) => {
    if (form.mode !== "window") return;
    if (!form.start) ctx.addIssue({ code: "custom", path: ["start"], message: "A window needs a start" });
    if (!form.end) ctx.addIssue({ code: "custom", path: ["end"], message: "A window needs an end" });
  });

export type TMaterializeForm = z.infer<typeof ZMaterializeFormSchema>;

export const EMPTY_MATERIALIZE_FORM: TMaterializeForm = { mode: "incremental", start: "", end: "", views: [] };
