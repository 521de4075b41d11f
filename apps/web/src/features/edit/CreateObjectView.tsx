export function CreateObjectView(_props: Record<string, unknown>) {
  return null;
}
