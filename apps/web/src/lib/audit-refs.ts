/** The objects an audit entry touched, read from its details ({ created: ["featureView:x"], ... }). */
import { isObjectKind, type ObjectKind } from "./kinds";

export type AuditChange = "created" | "changed" | "deleted";

export interface AuditRef {
  change: AuditChange;
  kind: ObjectKind;
  name: string;
}

const CHANGES: AuditChange[] = ["created", "changed", "deleted"];

export function auditRefs(details: Record<string, unknown>): AuditRef[] {
  return CHANGES.flatMap((change) => {
    const refs = details[change];
    if (!Array.isArray(refs)) return [];
    return refs.flatMap((ref): AuditRef[] => {
      if (typeof ref !== "string") return [];
      const at = ref.indexOf(":");
      const kind = ref.slice(0, at);
      return at > 0 && isObjectKind(kind) ? [{ change, kind, name: ref.slice(at + 1) }] : [];
    });
  });
}
