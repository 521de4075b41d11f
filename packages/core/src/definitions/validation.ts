/**
 * Expectations on a feature's values (`validation: { notNull, min, max, allowed, maxNullRatio }`),
 * checked here once for every way a definition arrives (SDK code, console forms, registry reads):
 * a bad rule is an INVALID_ARGUMENT naming the feature and the rule, never a failed job later.
 */
import { PantryError } from "../errors";
import type { FieldValidation, ValidationFailureMode } from "./types";

export const VALIDATION_RULES = ["notNull", "min", "max", "allowed", "maxNullRatio"] as const;
export type ValidationRule = (typeof VALIDATION_RULES)[number];
/** Values an `allowed` list may hold, at most. */
export const MAX_ALLOWED_VALUES = 1000;

/** The canonical form of a field's validation, or undefined when it sets no rule. */
export function parseFieldValidation(input: unknown, where: string): FieldValidation | undefined {
  if (input === undefined || input === null) return undefined;
  const fail = (rule: string, what: string) =>
    new PantryError("INVALID_ARGUMENT", `${where}: validation.${rule} ${what}`, { field: `validation.${rule}` });
  if (typeof input !== "object" || Array.isArray(input)) {
    throw new PantryError(
      "INVALID_ARGUMENT",
      `${where}: validation must be an object like { notNull: true, min: 0, max: 1, allowed: [...], maxNullRatio: 0.05 }`,
      { field: "validation" },
    );
  }
  const raw = input as Record<string, unknown>;
  const unknown = Object.keys(raw).filter((key) => !(VALIDATION_RULES as readonly string[]).includes(key));
  if (unknown.length > 0) {
    throw fail(unknown[0] as string, `is not a rule; rules are ${VALIDATION_RULES.join(", ")}`);
  }
  const out: FieldValidation = {};
  if (raw.notNull !== undefined) {
    if (typeof raw.notNull !== "boolean") throw fail("notNull", "must be true or false");
    if (raw.notNull) out.notNull = true;
  }
  for (const rule of ["min", "max"] as const) {
    const value = raw[rule];
    if (value === undefined || value === null) continue;
    if (typeof value !== "number" || !Number.isFinite(value)) throw fail(rule, "must be a finite number");
    out[rule] = value;
  }
  if (out.min !== undefined && out.max !== undefined && out.min > out.max) {
    throw fail("min", `(${out.min}) is above validation.max (${out.max})`);
  }
  if (raw.allowed !== undefined && raw.allowed !== null) {
    if (!Array.isArray(raw.allowed)) throw fail("allowed", "must be a list of values");
    if (raw.allowed.length === 0) throw fail("allowed", "must name at least one value");
    if (raw.allowed.length > MAX_ALLOWED_VALUES) throw fail("allowed", `may hold at most ${MAX_ALLOWED_VALUES} values`);
    for (const value of raw.allowed) {
      const ok =
        typeof value === "string" ? value.length <= 1000 : typeof value === "boolean" || Number.isFinite(value);
      if (!ok) throw fail("allowed", "may hold only strings (up to 1000 characters), finite numbers and booleans");
    }
    out.allowed = [...new Set(raw.allowed as (string | number | boolean)[])];
  }
  if (raw.maxNullRatio !== undefined && raw.maxNullRatio !== null) {
    const value = raw.maxNullRatio;
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0 || value > 1) {
      throw fail("maxNullRatio", "must be a number from 0 to 1 (a share of rows)");
    }
    out.maxNullRatio = value;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

export function parseValidationFailureMode(input: unknown, where: string): ValidationFailureMode | undefined {
  if (input === undefined || input === null) return undefined;
  if (input === "fail" || input === "warn") return input === "warn" ? "warn" : undefined;
  throw new PantryError("INVALID_ARGUMENT", `${where}: onValidationFailure must be "fail" or "warn"`, {
    field: "onValidationFailure",
  });
}

/** "notNull", "min 0", "allowed [a, b]": one rule of a validation, for messages and pages. */
export function describeRules(validation: FieldValidation): string[] {
  const rules: string[] = [];
  if (validation.notNull) rules.push("notNull");
  if (validation.min !== undefined) rules.push(`min ${validation.min}`);
  if (validation.max !== undefined) rules.push(`max ${validation.max}`);
  if (validation.allowed) rules.push(`allowed [${validation.allowed.join(", ")}]`);
  if (validation.maxNullRatio !== undefined) rules.push(`maxNullRatio ${validation.maxNullRatio}`);
  return rules;
}
