/**
 * aria props for a control inside <Field id=...>: the control gets the Field's id, `aria-invalid`
 * while its message is shown, and `aria-describedby` pointing at the message (else the hint), so
 * the message a user sees next to a field is the one a screen reader reads for it.
 */
export function describedBy(id: string, error: string | undefined, hasHint = false) {
  return {
    id,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": error ? `${id}-error` : hasHint ? `${id}-hint` : undefined,
  } as const;
}
