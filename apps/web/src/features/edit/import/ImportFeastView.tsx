export function ImportFeastView(_props: Record<string, unknown>) {
  return null;
}
