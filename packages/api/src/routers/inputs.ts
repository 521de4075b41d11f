/** Input fields shared by several procedures. */
import { OBJECT_KINDS, type ObjectKind } from "@pantry/core/shared";
import { z } from "zod";

export const ZProjectSchema = z.string().trim().min(1, "Name a project");
export const ZObjectKindSchema = z.enum(OBJECT_KINDS as [ObjectKind, ...ObjectKind[]]);
export const ZCursorSchema = z.string().nullish();
export const ZLimitSchema = (fallback: number, max = 200) => z.number().int().min(1).max(max).default(fallback);
export const ZOriginSchema = z.enum(["code", "console", "import"]);
export const ZLifecycleSchema = z.enum(["active", "deprecated", "retired"]);
