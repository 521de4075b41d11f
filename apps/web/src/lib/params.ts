/** Route params arrive percent-encoded for some characters; decode once, tolerating bad input. */
export function decodeParam(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
