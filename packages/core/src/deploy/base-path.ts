/**
 * The console's sub-path behind a reverse proxy (`pantry ui --base-path /features`,
 * PANTRY_BASE_PATH): "" for the root, else "/a" or "/a/b" without a trailing slash.
 */
import { PantryError } from "../errors";

const SEGMENTS = /^(\/[A-Za-z0-9_-]+)+$/;

export function normalizeBasePath(value: string | undefined | null, name = "--base-path"): string {
  const trimmed = (value ?? "").trim();
  if (trimmed === "" || trimmed === "/") return "";
  const path = trimmed.replace(/\/+$/, "");
  if (!SEGMENTS.test(path))
    throw new PantryError(
      "INVALID_ARGUMENT",
      `${name} must be a URL path like /features or /ml/features (letters, digits, '-' and '_' between slashes); got '${trimmed}'`,
    );
  return path;
}
