/** The console's "New schedule" form: the same schema checks the form in the browser and the tRPC input. */
import { z } from "zod";

/** "15m", "1h", "1d", "1d12h": the ttl syntax; at least a minute is checked by the engine too. */
const EVERY = /^\s*(\d+(\.\d+)?\s*[smhdw]\s*)+$/i;

export const ZScheduleFormSchema = z.object({
  every: z
    .string()
    .trim()
    .min(1, 'Say how often, like "15m", "1h" or "1d"')
    .regex(EVERY, 'Write an interval like "15m", "1h" or "1d" (cron is not supported)'),
  /** Empty = every_<interval>. */
  name: z
    .string()
    .trim()
    .max(100)
    .regex(/^([A-Za-z0-9][A-Za-z0-9_.-]*)?$/, "Letters, digits, '_', '.' and '-' only"),
  /** Empty = every online view of the project. */
  views: z.array(z.string().trim().min(1)).max(500),
});

export type TScheduleForm = z.infer<typeof ZScheduleFormSchema>;

export const EMPTY_SCHEDULE_FORM: TScheduleForm = { every: "1h", name: "", views: [] };
