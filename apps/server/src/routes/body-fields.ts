/** Small checks for JSON body fields; each failure names the field and what it should be. */
import { PantryError } from "@pantry/core";

export function asObject(body: unknown, endpoint: string): Record<string, unknown> {
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    throw new PantryError("INVALID_ARGUMENT", `${endpoint} takes a JSON object`);
  }
  return body as Record<string, unknown>;
}

export function optionalString(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string" || value === "")
    throw new PantryError("INVALID_ARGUMENT", `'${name}' must be a non-empty string`, { field: name });
  return value;
}

export function requiredString(body: Record<string, unknown>, name: string): string {
  const value = optionalString(body, name);
  if (value === undefined) throw new PantryError("INVALID_ARGUMENT", `'${name}' is required`, { field: name });
  return value;
}

export function optionalStringList(body: Record<string, unknown>, name: string): string[] | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== "string")) {
    throw new PantryError("INVALID_ARGUMENT", `'${name}' must be an array of strings`, { field: name });
  }
  return value as string[];
}

export function optionalBoolean(body: Record<string, unknown>, name: string): boolean | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "boolean")
    throw new PantryError("INVALID_ARGUMENT", `'${name}' must be true or false`, { field: name });
  return value;
}
