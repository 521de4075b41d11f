export function EditObjectView(_props: Record<string, unknown>) {
  return null;
}
